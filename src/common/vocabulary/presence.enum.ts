import { registerEnumType } from 'type-graphql';

/** Whether a firm is in Qingdao: only here, only elsewhere, or headquartered elsewhere with a branch here. */
export enum Presence {
  LOCAL = 'LOCAL',
  OUTSIDE = 'OUTSIDE',
  BOTH = 'BOTH',
}

registerEnumType(Presence, {
  name: 'Presence',
  description: '在青布局 Whether a firm is present in Qingdao.',
  valuesConfig: {
    LOCAL: { description: '本地企业 Headquartered in Qingdao.' },
    OUTSIDE: { description: '市外企业 Headquartered outside Qingdao, with no branch here: a 招商 target.' },
    BOTH: { description: '市外总部、在青设有分支 Headquartered outside Qingdao, with a branch or subsidiary here.' },
  },
});

/** Which firms a match or prospect list ranks. */
export enum CandidateScope {
  OUTSIDE = 'OUTSIDE',
  LOCAL = 'LOCAL',
  ALL = 'ALL',
}

registerEnumType(CandidateScope, {
  name: 'CandidateScope',
  description: '候选范围 Which firms a match or prospect list ranks, by where they are.',
  valuesConfig: {
    OUTSIDE: { description: '市外企业 Firms headquartered outside Qingdao (presence OUTSIDE or BOTH): 招商 targets.' },
    LOCAL: { description: '在青企业 Firms present in Qingdao (presence LOCAL or BOTH).' },
    ALL: { description: '全部 Every firm of the directory.' },
  },
});

/** The presences a candidate scope admits; null for every firm. */
export function presencesOf(scope: CandidateScope | null | undefined): Presence[] | null {
  switch (scope) {
    case CandidateScope.OUTSIDE:
      return [Presence.OUTSIDE, Presence.BOTH];
    case CandidateScope.LOCAL:
      return [Presence.LOCAL, Presence.BOTH];
    default:
      return null;
  }
}

import { defineEnum, EnumValue } from '../enum-type';

/** Whether a firm is in Qingdao: only here, only elsewhere, or headquartered elsewhere with a branch here. */
export const Presence = defineEnum('Presence', '在青布局 Whether a firm is present in Qingdao.', {
  LOCAL: '本地企业 Headquartered in Qingdao.',
  OUTSIDE: '市外企业 Headquartered outside Qingdao, with no branch here: a 招商 target.',
  BOTH: '市外总部、在青设有分支 Headquartered outside Qingdao, with a branch or subsidiary here.',
});
export type Presence = EnumValue<typeof Presence>;

/** Which firms a match or prospect list ranks. */
export const CandidateScope = defineEnum('CandidateScope', '候选范围 Which firms a match or prospect list ranks, by where they are.', {
  OUTSIDE: '市外企业 Firms headquartered outside Qingdao (presence OUTSIDE or BOTH): 招商 targets.',
  LOCAL: '在青企业 Firms present in Qingdao (presence LOCAL or BOTH).',
  ALL: '全部 Every firm of the directory.',
});
export type CandidateScope = EnumValue<typeof CandidateScope>;

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

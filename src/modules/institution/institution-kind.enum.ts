import { registerEnumType } from 'type-graphql';

/** The two kinds of 高校院所 the plan means when it asks firms to work with "高校院所". */
export enum InstitutionKind {
  UNIVERSITY = 'UNIVERSITY',
  RESEARCH_INSTITUTE = 'RESEARCH_INSTITUTE',
}

registerEnumType(InstitutionKind, {
  name: 'InstitutionKind',
  description: '高校院所类别 Kind of institution: a university (高校) or a research institute (科研院所).',
  valuesConfig: {
    UNIVERSITY: { description: '高校 University or college.' },
    RESEARCH_INSTITUTE: { description: '科研院所 Research institute or laboratory (研究院、研究所、实验室).' },
  },
});

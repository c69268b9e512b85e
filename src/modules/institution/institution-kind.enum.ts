import { defineEnum, EnumValue } from '../../common/enum-type';

/** The two kinds of 高校院所 the plan means when it asks firms to work with "高校院所". */
export const InstitutionKind = defineEnum('InstitutionKind', '高校院所类别 Kind of institution: a university (高校) or a research institute (科研院所).', {
  UNIVERSITY: '高校 University or college.',
  RESEARCH_INSTITUTE: '科研院所 Research institute or laboratory (研究院、研究所、实验室).',
});
export type InstitutionKind = EnumValue<typeof InstitutionKind>;

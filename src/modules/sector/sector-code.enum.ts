import { defineEnum, EnumValue } from '../../common/enum-type';

/** The eight focus sectors of the action plan; fixed codes of the public contract. */
export const SectorCode = defineEnum('SectorCode', '重点领域代码 Code of one of the eight focus sectors of the action plan.', {
  INDUSTRIAL_MANUFACTURING: '工业制造 Industrial manufacturing.',
  SMART_OCEAN: '智慧海洋 Smart ocean.',
  MODERN_AGRICULTURE: '现代农业 Modern agriculture.',
  TRANSPORTATION: '交通运输 Transportation.',
  HEALTH_ELDERLY_CARE: '医养健康 Health and elderly care.',
  SMART_EDUCATION: '智慧教育 Smart education.',
  CULTURE_TOURISM: '文化旅游 Culture and tourism.',
  SOCIAL_GOVERNANCE: '社会治理 Social governance.',
});
export type SectorCode = EnumValue<typeof SectorCode>;

export const SECTOR_CODES = Object.values(SectorCode);

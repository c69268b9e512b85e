import { registerEnumType } from 'type-graphql';

/** The eight focus sectors of the action plan; fixed codes of the public contract. */
export enum SectorCode {
  INDUSTRIAL_MANUFACTURING = 'INDUSTRIAL_MANUFACTURING',
  SMART_OCEAN = 'SMART_OCEAN',
  MODERN_AGRICULTURE = 'MODERN_AGRICULTURE',
  TRANSPORTATION = 'TRANSPORTATION',
  HEALTH_ELDERLY_CARE = 'HEALTH_ELDERLY_CARE',
  SMART_EDUCATION = 'SMART_EDUCATION',
  CULTURE_TOURISM = 'CULTURE_TOURISM',
  SOCIAL_GOVERNANCE = 'SOCIAL_GOVERNANCE',
}

export const SECTOR_CODES = Object.values(SectorCode);

registerEnumType(SectorCode, {
  name: 'SectorCode',
  description: '重点领域代码 Code of one of the eight focus sectors of the action plan.',
  valuesConfig: {
    INDUSTRIAL_MANUFACTURING: { description: '工业制造 Industrial manufacturing.' },
    SMART_OCEAN: { description: '智慧海洋 Smart ocean.' },
    MODERN_AGRICULTURE: { description: '现代农业 Modern agriculture.' },
    TRANSPORTATION: { description: '交通运输 Transportation.' },
    HEALTH_ELDERLY_CARE: { description: '医养健康 Health and elderly care.' },
    SMART_EDUCATION: { description: '智慧教育 Smart education.' },
    CULTURE_TOURISM: { description: '文化旅游 Culture and tourism.' },
    SOCIAL_GOVERNANCE: { description: '社会治理 Social governance.' },
  },
});

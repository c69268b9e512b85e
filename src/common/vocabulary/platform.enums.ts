import { defineEnum, EnumValue } from '../enum-type';

export const PlatformKind = defineEnum('PlatformKind', '创新平台类别 Kind of innovation platform named by the action plan.', {
  NATIONAL_OPEN_INNOVATION_PLATFORM: '国家新一代人工智能开放创新平台 National open innovation platform for new-generation AI.',
  PUBLIC_SERVICE_PLATFORM: '人工智能产业技术基础公共服务平台 Public service platform for AI industry technology.',
  ENTERPRISE_TECHNOLOGY_CENTER: '企业技术中心 Enterprise technology centre.',
  ENGINEERING_RESEARCH_CENTER: '工程研究中心 Engineering research centre.',
  TECHNOLOGY_INNOVATION_CENTER: '技术创新中心 Technology innovation centre.',
  KEY_LABORATORY: '重点实验室 Key laboratory.',
  LARGE_MODEL_LAB: '大模型实验室 Large-model laboratory.',
  PUBLIC_TRAINING_BASE: '公共训练基地 Public (model) training base.',
  INDUSTRY_RESEARCH_INSTITUTE: '产业研究机构 Industry research institute.',
});
export type PlatformKind = EnumValue<typeof PlatformKind>;

export const PlatformLevel = defineEnum('PlatformLevel', '平台级别 Level of government that recognised the platform.', {
  NATIONAL: '国家级 National.',
  PROVINCIAL: '省级 Provincial.',
  MUNICIPAL: '市级 Municipal.',
});
export type PlatformLevel = EnumValue<typeof PlatformLevel>;

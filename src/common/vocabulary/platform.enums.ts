import { registerEnumType } from 'type-graphql';

export enum PlatformKind {
  NATIONAL_OPEN_INNOVATION_PLATFORM = 'NATIONAL_OPEN_INNOVATION_PLATFORM',
  PUBLIC_SERVICE_PLATFORM = 'PUBLIC_SERVICE_PLATFORM',
  ENTERPRISE_TECHNOLOGY_CENTER = 'ENTERPRISE_TECHNOLOGY_CENTER',
  ENGINEERING_RESEARCH_CENTER = 'ENGINEERING_RESEARCH_CENTER',
  TECHNOLOGY_INNOVATION_CENTER = 'TECHNOLOGY_INNOVATION_CENTER',
  KEY_LABORATORY = 'KEY_LABORATORY',
  LARGE_MODEL_LAB = 'LARGE_MODEL_LAB',
  PUBLIC_TRAINING_BASE = 'PUBLIC_TRAINING_BASE',
  INDUSTRY_RESEARCH_INSTITUTE = 'INDUSTRY_RESEARCH_INSTITUTE',
}

registerEnumType(PlatformKind, {
  name: 'PlatformKind',
  description: '创新平台类别 Kind of innovation platform named by the action plan.',
  valuesConfig: {
    NATIONAL_OPEN_INNOVATION_PLATFORM: { description: '国家新一代人工智能开放创新平台 National open innovation platform for new-generation AI.' },
    PUBLIC_SERVICE_PLATFORM: { description: '人工智能产业技术基础公共服务平台 Public service platform for AI industry technology.' },
    ENTERPRISE_TECHNOLOGY_CENTER: { description: '企业技术中心 Enterprise technology centre.' },
    ENGINEERING_RESEARCH_CENTER: { description: '工程研究中心 Engineering research centre.' },
    TECHNOLOGY_INNOVATION_CENTER: { description: '技术创新中心 Technology innovation centre.' },
    KEY_LABORATORY: { description: '重点实验室 Key laboratory.' },
    LARGE_MODEL_LAB: { description: '大模型实验室 Large-model laboratory.' },
    PUBLIC_TRAINING_BASE: { description: '公共训练基地 Public (model) training base.' },
    INDUSTRY_RESEARCH_INSTITUTE: { description: '产业研究机构 Industry research institute.' },
  },
});

export enum PlatformLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  MUNICIPAL = 'MUNICIPAL',
}

registerEnumType(PlatformLevel, {
  name: 'PlatformLevel',
  description: '平台级别 Level of government that recognised the platform.',
  valuesConfig: {
    NATIONAL: { description: '国家级 National.' },
    PROVINCIAL: { description: '省级 Provincial.' },
    MUNICIPAL: { description: '市级 Municipal.' },
  },
});

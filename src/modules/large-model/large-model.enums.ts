import { registerEnumType } from 'type-graphql';

/** The application domains the plan names for large models. */
export enum LargeModelDomain {
  OCEAN = 'OCEAN',
  URBAN_RAIL = 'URBAN_RAIL',
  PORT = 'PORT',
  FINANCE = 'FINANCE',
  GOVERNMENT = 'GOVERNMENT',
  HEALTH_ELDERLY_CARE = 'HEALTH_ELDERLY_CARE',
}

registerEnumType(LargeModelDomain, {
  name: 'LargeModelDomain',
  description: '大模型应用领域 Application domain the action plan names for vertical large models.',
  valuesConfig: {
    OCEAN: { description: '海洋 Ocean.' },
    URBAN_RAIL: { description: '城轨 Urban rail transit.' },
    PORT: { description: '港口 Ports.' },
    FINANCE: { description: '金融 Finance.' },
    GOVERNMENT: { description: '政务 Government services.' },
    HEALTH_ELDERLY_CARE: { description: '医养 Health and elderly care.' },
  },
});

export enum LargeModelStatus {
  IN_DEVELOPMENT = 'IN_DEVELOPMENT',
  RELEASED = 'RELEASED',
  REGISTERED = 'REGISTERED',
}

registerEnumType(LargeModelStatus, {
  name: 'LargeModelStatus',
  description: '大模型状态 Stage of a large-model product.',
  valuesConfig: {
    IN_DEVELOPMENT: { description: '研发中 In development.' },
    RELEASED: { description: '已发布 Released to users.' },
    REGISTERED: { description: '已备案 Released and registered with the regulator (生成式人工智能服务备案).' },
  },
});

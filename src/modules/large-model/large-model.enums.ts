import { defineEnum, EnumValue } from '../../common/enum-type';

/** The application domains the plan names for large models. */
export const LargeModelDomain = defineEnum('LargeModelDomain', '大模型应用领域 Application domain the action plan names for vertical large models.', {
  OCEAN: '海洋 Ocean.',
  URBAN_RAIL: '城轨 Urban rail transit.',
  PORT: '港口 Ports.',
  FINANCE: '金融 Finance.',
  GOVERNMENT: '政务 Government services.',
  HEALTH_ELDERLY_CARE: '医养 Health and elderly care.',
});
export type LargeModelDomain = EnumValue<typeof LargeModelDomain>;

export const LargeModelStatus = defineEnum('LargeModelStatus', '大模型状态 Stage of a large-model product.', {
  IN_DEVELOPMENT: '研发中 In development.',
  RELEASED: '已发布 Released to users.',
  REGISTERED: '已备案 Released and registered with the regulator (生成式人工智能服务备案).',
});
export type LargeModelStatus = EnumValue<typeof LargeModelStatus>;

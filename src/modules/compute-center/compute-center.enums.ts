import { defineEnum, EnumValue } from '../../common/enum-type';

/** Kinds of compute the plan names: 通算, 智算, 超算 and edge computing centres. */
export const ComputeKind = defineEnum(
  'ComputeKind',
  '算力类别 Kind of compute, as the plan names them (打造集通算、智算和超算为一体的算力支撑体系；按需部署边缘计算中心).',
  {
    GENERAL: '通算 General-purpose computing (CPU).',
    INTELLIGENT: '智算 Intelligent computing for AI (accelerators); what the plan’s 智能算力 targets count.',
    SUPERCOMPUTING: '超算 Supercomputing (high-performance scientific computing).',
    EDGE: '边缘计算 Edge computing for low-latency uses (industry, financial services).',
  },
);
export type ComputeKind = EnumValue<typeof ComputeKind>;

import { registerEnumType } from 'type-graphql';

/** Kinds of compute the plan names: 通算, 智算, 超算 and edge computing centres. */
export enum ComputeKind {
  GENERAL = 'GENERAL',
  INTELLIGENT = 'INTELLIGENT',
  SUPERCOMPUTING = 'SUPERCOMPUTING',
  EDGE = 'EDGE',
}

registerEnumType(ComputeKind, {
  name: 'ComputeKind',
  description: '算力类别 Kind of compute, as the plan names them (打造集通算、智算和超算为一体的算力支撑体系；按需部署边缘计算中心).',
  valuesConfig: {
    GENERAL: { description: '通算 General-purpose computing (CPU).' },
    INTELLIGENT: { description: '智算 Intelligent computing for AI (accelerators); what the plan’s 智能算力 targets count.' },
    SUPERCOMPUTING: { description: '超算 Supercomputing (high-performance scientific computing).' },
    EDGE: { description: '边缘计算 Edge computing for low-latency uses (industry, financial services).' },
  },
});

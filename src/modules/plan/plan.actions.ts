import { PlanActionCode } from './plan-indicator.entity';

export interface PlanActionDefinition {
  code: PlanActionCode;
  nameZh: string;
  nameEn: string;
  slogan: string;
  summaryZh: string;
}

/** The plan's seven actions in its own order, with the headline sentence the launch report gives each. */
export const PLAN_ACTIONS: readonly PlanActionDefinition[] = [
  {
    code: PlanActionCode.COMPUTE_INFRASTRUCTURE,
    nameZh: '算力设施',
    nameEn: 'Compute infrastructure',
    slogan: '强基',
    summaryZh: '努力实现2024年全市智能算力规模达到3300P、2026年达到1.2万P的建设目标。',
  },
  {
    code: PlanActionCode.ALGORITHMS_AND_MODELS,
    nameZh: '算法模型',
    nameEn: 'Algorithms and models',
    slogan: '铸魂',
    summaryZh: '打造全球领先的海洋大模型体系和细分行业领先的垂直大模型体系。',
  },
  {
    code: PlanActionCode.DATA_ELEMENTS,
    nameZh: '数据要素',
    nameEn: 'Data elements',
    slogan: '提质',
    summaryZh: '探索企业数据资产化新路径和交易运作机制，做大数据产品供应和交易服务市场。',
  },
  {
    code: PlanActionCode.CORE_INDUSTRIES,
    nameZh: '核心产业',
    nameEn: 'Core industries',
    slogan: '固链',
    summaryZh: '力争到2026年培育20家左右具有行业影响力的人工智能细分领域企业。',
  },
  {
    code: PlanActionCode.INNOVATION_PLATFORMS,
    nameZh: '创新平台',
    nameEn: 'Innovation platforms',
    slogan: '领航',
    summaryZh: '到2026年，打造2至3个国家级新一代人工智能开放创新平台。',
  },
  {
    code: PlanActionCode.INDUSTRY_ECOSYSTEM,
    nameZh: '产业生态',
    nameEn: 'Industry ecosystem',
    slogan: '聚力',
    summaryZh: '到2026年，全市打造10个左右人工智能产业集聚与赋能应用特色园区。',
  },
  {
    code: PlanActionCode.SCENARIO_APPLICATIONS,
    nameZh: '场景应用',
    nameEn: 'Scenario applications',
    slogan: '赋能',
    summaryZh: '培育推广200个“人工智能+”典型示范应用场景。',
  },
];

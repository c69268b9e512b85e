/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** 产业链环节 Layer of the AI industry chain a firm works in. */
export type ChainLayer =
  /** 应用层 Application: AI products and solutions for a sector. */
  | 'APPLICATION'
  /** 基础层 Foundation: compute, chips, sensors, data. */
  | 'FOUNDATION'
  /** 技术层 Technology: algorithms, models, platforms. */
  | 'TECHNOLOGY';

/** 算力设施状态 Stage of a compute facility. */
export type ComputeCenterStatus =
  /** 已投运 Operational (at least its first phase). */
  | 'OPERATIONAL'
  /** 规划中 Planned. */
  | 'PLANNED'
  /** 建设中 Under construction. */
  | 'UNDER_CONSTRUCTION';

/** 覆盖矩阵筛选 Narrows the park × sector coverage matrix. Fields combine with AND; values inside one list with OR. */
export type CoverageFilter = {
  /** Only cells where the sector is a focus sector (重点领域) of the park. Default false: every park × every sector. */
  focusOnly?: boolean | null | undefined;
  /** Count only firms in these chain layers; `missingLayers` then looks at these layers only. Scenario and platform counts are not affected. */
  layers?: Array<ChainLayer> | null | undefined;
  /** Only these parks (Park IDs). */
  parkIds?: Array<string | number> | null | undefined;
  /** Only parks with any of these roles (主承载区 PRIMARY, 特色承载区 FEATURED). */
  parkRoles?: Array<ParkRole> | null | undefined;
  /** Only these sectors. */
  sectors?: Array<SectorCode> | null | undefined;
};

/** 新增企业 A new firm. Names are trimmed; the credit code is checked (GB 32100-2015) and must be unique. */
export type CreateEnterpriseInput = {
  /** Short or former names (简称). */
  aliases?: Array<string> | null | undefined;
  /** 统一社会信用代码 18-character unified social credit code; unique in the directory. */
  creditCode?: string | null | undefined;
  /** Year founded (1900 to next year). */
  foundedYear?: number | null | undefined;
  /** 产业链环节 Layer of the industry chain. */
  layer: ChainLayer;
  /** English name. */
  nameEn?: string | null | undefined;
  /** Registered Chinese name (企业名称), not blank. */
  nameZh: string;
  /** Parks the firm is located in (Park IDs). */
  parkIds?: Array<string | number> | null | undefined;
  /** Focus sectors the firm serves (重点领域). */
  sectors?: Array<SectorCode> | null | undefined;
  /** What the firm does, Chinese first, English after. */
  summary?: string | null | undefined;
  /** Website, an http(s) address. */
  website?: string | null | undefined;
};

/** 新增创新平台 A new innovation platform. */
export type CreateInnovationPlatformInput = {
  /** Other names (别名). */
  aliases?: Array<string> | null | undefined;
  /** Description, Chinese first, English after. */
  description?: string | null | undefined;
  /** Year established or recognised (1900 to next year). */
  foundedYear?: number | null | undefined;
  /** Firms hosting the platform (依托单位), Enterprise IDs. */
  hostIds?: Array<string | number> | null | undefined;
  /** Kind of platform. */
  kind: PlatformKind;
  /** Level: national, provincial or municipal. */
  level: PlatformLevel;
  /** English name. */
  nameEn?: string | null | undefined;
  /** Chinese name, not blank. */
  nameZh: string;
  /** The park the platform is in. */
  parkId?: string | number | null | undefined;
  /** Sectors the platform serves. */
  sectors?: Array<SectorCode> | null | undefined;
};

/** 新增大模型 A new large model. */
export type CreateLargeModelInput = {
  /** Description, Chinese first, English after. */
  description?: string | null | undefined;
  /** Firms developing it (Enterprise IDs). */
  developerIds?: Array<string | number> | null | undefined;
  /** Application domain. */
  domain: LargeModelDomain;
  /** English name. */
  nameEn?: string | null | undefined;
  /** Chinese name, not blank. */
  nameZh: string;
  /** Year of first release (1900 to next year). */
  releasedYear?: number | null | undefined;
  /** Sectors it serves. */
  sectors?: Array<SectorCode> | null | undefined;
  /** Stage of the product. */
  status: LargeModelStatus;
};

/** 新增园区 A new park. */
export type CreateParkInput = {
  /** Other names (别名). */
  aliases?: Array<string> | null | undefined;
  /** Description, Chinese first, English after. */
  description?: string | null | undefined;
  /** District in Chinese, e.g. 崂山区. */
  district: string;
  /** Focus sectors of the park. */
  focusSectors?: Array<SectorCode> | null | undefined;
  /** Year founded or opened (1900 to next year). */
  foundedYear?: number | null | undefined;
  /** Latitude, -90 to 90 (WGS84). */
  latitude?: number | null | undefined;
  /** Longitude, -180 to 180 (WGS84). */
  longitude?: number | null | undefined;
  /** English name. */
  nameEn?: string | null | undefined;
  /** Chinese name, not blank. */
  nameZh: string;
  /** 主承载区 PRIMARY or 特色承载区 FEATURED. */
  role: ParkRole;
};

/** 新增应用场景 A new "AI+" scenario. */
export type CreateScenarioInput = {
  /** Description, Chinese first, English after. */
  description?: string | null | undefined;
  /** English name. */
  nameEn?: string | null | undefined;
  /** Chinese name, not blank. */
  nameZh: string;
  /** The park where it runs. */
  parkId?: string | number | null | undefined;
  /** Firms providing it (Enterprise IDs). */
  providerIds?: Array<string | number> | null | undefined;
  /** The focus sector the scenario belongs to. */
  sector: SectorCode;
  /** Stage of the scenario. */
  status: ScenarioStatus;
  /** Year opened or reached its status (1900 to next year). */
  year?: number | null | undefined;
};

/** Narrows a list of enterprises. Fields combine with AND; values inside one list combine with OR. AND, OR and NOT nest other filters (at most 5 levels). */
export type EnterpriseFilter = {
  /** Every one of these filters holds (且). */
  AND?: Array<EnterpriseFilter> | null | undefined;
  /** This filter does not hold (非). Wrap several in AND or OR. */
  NOT?: EnterpriseFilter | null | undefined;
  /** At least one of these filters holds (或). */
  OR?: Array<EnterpriseFilter> | null | undefined;
  /** Firms in a park of any of these districts (Chinese names, e.g. 崂山区). */
  districts?: Array<string> | null | undefined;
  /** Founding year (成立年份) within this range; firms with unknown year never match. */
  foundedYear?: IntRange | null | undefined;
  /** Firms hosting a platform of a given kind or level. */
  hostsPlatform?: HostsPlatformFilter | null | undefined;
  /** Firms in any of these chain layers. */
  layers?: Array<ChainLayer> | null | undefined;
  /** Firms located in any of these parks (Park IDs). */
  parkIds?: Array<string | number> | null | undefined;
  /** Firms providing a scenario in a given sector or stage. */
  providesScenario?: ProvidesScenarioFilter | null | undefined;
  /** 搜索 Text matching a name or alias: Chinese substring, pinyin (with or without spaces), pinyin initials, traditional characters or English, case-insensitive; 1-200 characters. */
  search?: string | null | undefined;
  /** Firms serving any of these sectors. */
  sectors?: Array<SectorCode> | null | undefined;
};

/** Order of a list of firms; ties are always broken by ID in the same direction. */
export type EnterpriseOrder = {
  /** Ascending (default) or descending. */
  direction?: OrderDirection;
  /** What to sort by. */
  field: EnterpriseOrderField;
};

/** What to sort firms by. */
export type EnterpriseOrderField =
  /** 成立年份 Founding year; unknown years last. */
  | 'FOUNDED_YEAR'
  /** Order of entry into the directory (the default). */
  | 'ID'
  /** 名称 Chinese name in pinyin order (拼音排序). */
  | 'NAME';

/** A firm and a park to link or unlink (企业 ↔ 园区). */
export type EnterpriseParkInput = {
  /** The firm. */
  enterpriseId: string | number;
  /** The park. */
  parkId: string | number;
};

/** A firm and a focus sector to link or unlink (企业 ↔ 重点领域). */
export type EnterpriseSectorInput = {
  /** The firm. */
  enterpriseId: string | number;
  /** The sector. */
  sector: SectorCode;
};

/** 地理范围 A circle on the map: a point (WGS84) and a radius, measured along the Earth’s surface (great-circle distance). */
export type GeoRadius = {
  /** Latitude of the centre, -90 to 90 (WGS84). */
  latitude: number;
  /** Longitude of the centre, -180 to 180 (WGS84). */
  longitude: number;
  /** Radius in kilometres, 0 to 500. */
  radiusKm: number;
};

/** 关系类别 Kind of directed relation in the relation graph. */
export type GraphEdgeKind =
  /** 研发 Firm → large model it develops. */
  | 'DEVELOPS'
  /** 聚焦 Park → focus sector. */
  | 'FOCUSES_ON'
  /** 依托 Firm → innovation platform it hosts. */
  | 'HOSTS'
  /** 所属领域 Scenario → its sector. */
  | 'IN_SECTOR'
  /** 位于 Firm, platform, scenario or compute centre → park it is located in. */
  | 'LOCATED_IN'
  /** 提供 Firm → scenario it provides. */
  | 'PROVIDES'
  /** 服务 Firm, platform or large model → sector it serves. */
  | 'SERVES';

/** 关系图节点类别 Kind of vertex in the relation graph. */
export type GraphNodeKind =
  /** 算力中心 Compute centre. */
  | 'COMPUTE_CENTER'
  /** 企业 Firm. */
  | 'ENTERPRISE'
  /** 大模型 Large model. */
  | 'LARGE_MODEL'
  /** 产业园区 Industrial park. */
  | 'PARK'
  /** 创新平台 Innovation platform. */
  | 'PLATFORM'
  /** 应用场景 "AI+" application scenario. */
  | 'SCENARIO'
  /** 重点领域 Focus sector. */
  | 'SECTOR';

/** Parks where at least one firm meets every given condition. */
export type HasEnterprisesFilter = {
  /** The firm is in any of these chain layers (基础层, 技术层, 应用层). */
  layers?: Array<ChainLayer> | null | undefined;
  /** The firm serves any of these sectors. */
  sectors?: Array<SectorCode> | null | undefined;
};

/** Firms hosting (依托单位) at least one platform that meets every given condition. */
export type HostsPlatformFilter = {
  /** The platform is of any of these kinds. */
  kinds?: Array<PlatformKind> | null | undefined;
  /** The platform is of any of these levels (国家级, 省级, 市级). */
  levels?: Array<PlatformLevel> | null | undefined;
};

/** 目标表述 How the plan words the figure. */
export type IndicatorComparator =
  /** 左右 About the value. */
  | 'ABOUT'
  /** 以上/超过/不少于 At least the value. */
  | 'AT_LEAST'
  /** 达到 The value itself. */
  | 'EXACT';

/** 指标类别 Whether a plan figure is a target or the starting point. */
export type IndicatorKind =
  /** 基数 The 2023 baseline the plan starts from. */
  | 'BASELINE'
  /** 目标 A target the plan sets for a year. */
  | 'TARGET';

/** 整数范围 An inclusive range of integers; leave an end out to leave it open. A record whose value is unknown never matches. */
export type IntRange = {
  /** Smallest value allowed (inclusive). */
  from?: number | null | undefined;
  /** Largest value allowed (inclusive). Must not be less than `from`. */
  to?: number | null | undefined;
};

/** 大模型应用领域 Application domain the action plan names for vertical large models. */
export type LargeModelDomain =
  /** 金融 Finance. */
  | 'FINANCE'
  /** 政务 Government services. */
  | 'GOVERNMENT'
  /** 医养 Health and elderly care. */
  | 'HEALTH_ELDERLY_CARE'
  /** 海洋 Ocean. */
  | 'OCEAN'
  /** 港口 Ports. */
  | 'PORT'
  /** 城轨 Urban rail transit. */
  | 'URBAN_RAIL';

/** 大模型状态 Stage of a large-model product. */
export type LargeModelStatus =
  /** 研发中 In development. */
  | 'IN_DEVELOPMENT'
  /** 已备案 Released and registered with the regulator (生成式人工智能服务备案). */
  | 'REGISTERED'
  /** 已发布 Released to users. */
  | 'RELEASED';

/** 匹配依据 A signal of the firm ↔ park matching score. */
export type MatchReasonKind =
  /** 补链 Share of the park’s focus sectors in which the firm’s chain layer is missing from the park (default weight 0.2). */
  | 'CHAIN_GAP'
  /** 大模型 The firm develops a large model serving a focus sector of the park: released or registered (1), in development (0.5) (default weight 0.1). */
  | 'LARGE_MODEL'
  /** 平台关联 The firm hosts a platform located in the park (1), or co-hosts a platform with a firm of the park (0.5) (default weight 0.1). */
  | 'PLATFORM_TIES'
  /** 落地能力 Deployed or showcase scenarios the firm provides in the park’s focus sectors, anywhere; 2 or more count fully (default weight 0.1). */
  | 'PROVEN_DELIVERY'
  /** 同区布局 The firm already sits in another park of the park’s district (default weight 0.05). */
  | 'SAME_DISTRICT'
  /** 场景需求 The park’s open-for-bids or planned scenarios in the firm’s sectors; 2 or more count fully (default weight 0.15). */
  | 'SCENARIO_DEMAND'
  /** 领域契合 Share of the park’s focus sectors the firm serves (default weight 0.3). */
  | 'SECTOR_FIT';

/** 匹配权重 Weights of the matching signals. Omitted fields keep their default; all are then divided by their sum, so the score stays in [0, 1]. Each must be finite and ≥ 0, and at least one positive. Pass 0 to switch a signal off. */
export type MatchWeights = {
  /** 补链 CHAIN_GAP (default 0.2). */
  chainGap?: number | null | undefined;
  /** 大模型 LARGE_MODEL (default 0.1). */
  largeModel?: number | null | undefined;
  /** 平台关联 PLATFORM_TIES (default 0.1). */
  platformTies?: number | null | undefined;
  /** 落地能力 PROVEN_DELIVERY (default 0.1). */
  provenDelivery?: number | null | undefined;
  /** 同区布局 SAME_DISTRICT (default 0.05). */
  sameDistrict?: number | null | undefined;
  /** 场景需求 SCENARIO_DEMAND (default 0.15). */
  scenarioDemand?: number | null | undefined;
  /** 领域契合 SECTOR_FIT (default 0.3). */
  sectorFit?: number | null | undefined;
};

/** 排序方向 Direction of an order. */
export type OrderDirection =
  /** 升序 Ascending: A→Z, smallest first. */
  | 'ASC'
  /** 降序 Descending: Z→A, largest first. */
  | 'DESC';

/** Narrows a list of parks. Fields combine with AND; values inside one list combine with OR. AND, OR and NOT nest other filters (at most 5 levels). */
export type ParkFilter = {
  /** Every one of these filters holds (且). */
  AND?: Array<ParkFilter> | null | undefined;
  /** This filter does not hold (非). Wrap several in AND or OR. */
  NOT?: ParkFilter | null | undefined;
  /** At least one of these filters holds (或). */
  OR?: Array<ParkFilter> | null | undefined;
  /** Parks in any of these districts (Chinese names, e.g. 崂山区). */
  districts?: Array<string> | null | undefined;
  /** Parks focusing on any of these sectors. */
  focusSectors?: Array<SectorCode> | null | undefined;
  /** Year founded or opened within this range; parks with unknown year never match. */
  foundedYear?: IntRange | null | undefined;
  /** Parks that have firms in a given sector or chain layer. */
  hasEnterprises?: HasEnterprisesFilter | null | undefined;
  /** 附近 Parks within a radius of a point (great-circle distance); parks without coordinates never match. */
  near?: GeoRadius | null | undefined;
  /** Parks with any of these roles. */
  roles?: Array<ParkRole> | null | undefined;
  /** 搜索 Text matching a name or alias: Chinese substring, pinyin (with or without spaces), pinyin initials, traditional characters or English, case-insensitive; 1-200 characters. */
  search?: string | null | undefined;
};

/** Order of a list of parks; ties are always broken by ID in the same direction. */
export type ParkOrder = {
  /** Ascending (default) or descending. */
  direction?: OrderDirection;
  /** What to sort by. */
  field: ParkOrderField;
};

/** What to sort parks by. */
export type ParkOrderField =
  /** 企业数量 Number of firms located in the park. */
  | 'ENTERPRISE_COUNT'
  /** 成立年份 Year founded or opened; unknown years last. */
  | 'FOUNDED_YEAR'
  /** Order of entry into the directory (the default). */
  | 'ID'
  /** 名称 Chinese name in pinyin order (拼音排序). */
  | 'NAME';

/** 园区定位 Role a park plays in the city layout of the action plan. */
export type ParkRole =
  /** 特色承载区 A featured carrier area focused on a niche. */
  | 'FEATURED'
  /** 主承载区 The primary carrier area of the AI industry. */
  | 'PRIMARY';

/** Narrows a list of innovation platforms. Fields combine with AND; values inside one list with OR. AND, OR and NOT nest other filters (at most 5 levels). */
export type PlatformFilter = {
  /** Every one of these filters holds (且). */
  AND?: Array<PlatformFilter> | null | undefined;
  /** This filter does not hold (非). Wrap several in AND or OR. */
  NOT?: PlatformFilter | null | undefined;
  /** At least one of these filters holds (或). */
  OR?: Array<PlatformFilter> | null | undefined;
  /** Year established or recognised within this range; unknown years never match. */
  foundedYear?: IntRange | null | undefined;
  /** Platforms of any of these kinds. */
  kinds?: Array<PlatformKind> | null | undefined;
  /** Platforms of any of these levels. */
  levels?: Array<PlatformLevel> | null | undefined;
  /** Platforms located in any of these parks (Park IDs). */
  parkIds?: Array<string | number> | null | undefined;
  /** 搜索 Text matching a name or alias: Chinese substring, pinyin (with or without spaces), pinyin initials, traditional characters or English, case-insensitive; 1-200 characters. */
  search?: string | null | undefined;
  /** Platforms serving any of these sectors. */
  sectors?: Array<SectorCode> | null | undefined;
};

/** An innovation platform and a firm that hosts it, to link or unlink (平台 ↔ 依托单位). */
export type PlatformHostInput = {
  /** The hosting firm. */
  enterpriseId: string | number;
  /** The platform. */
  platformId: string | number;
};

/** 创新平台类别 Kind of innovation platform named by the action plan. */
export type PlatformKind =
  /** 工程研究中心 Engineering research centre. */
  | 'ENGINEERING_RESEARCH_CENTER'
  /** 企业技术中心 Enterprise technology centre. */
  | 'ENTERPRISE_TECHNOLOGY_CENTER'
  /** 产业研究机构 Industry research institute. */
  | 'INDUSTRY_RESEARCH_INSTITUTE'
  /** 重点实验室 Key laboratory. */
  | 'KEY_LABORATORY'
  /** 大模型实验室 Large-model laboratory. */
  | 'LARGE_MODEL_LAB'
  /** 国家新一代人工智能开放创新平台 National open innovation platform for new-generation AI. */
  | 'NATIONAL_OPEN_INNOVATION_PLATFORM'
  /** 人工智能产业技术基础公共服务平台 Public service platform for AI industry technology. */
  | 'PUBLIC_SERVICE_PLATFORM'
  /** 公共训练基地 Public (model) training base. */
  | 'PUBLIC_TRAINING_BASE'
  /** 技术创新中心 Technology innovation centre. */
  | 'TECHNOLOGY_INNOVATION_CENTER';

/** 平台级别 Level of government that recognised the platform. */
export type PlatformLevel =
  /** 市级 Municipal. */
  | 'MUNICIPAL'
  /** 国家级 National. */
  | 'NATIONAL'
  /** 省级 Provincial. */
  | 'PROVINCIAL';

/** 数据来源类别 Kind of source a record comes from. */
export type ProvenanceKind =
  /** 官方规划文件 Stated in the official action plan document. */
  | 'OFFICIAL_PLAN'
  /** 公开来源 Taken from a cited public source (news, official website). */
  | 'PUBLIC_SOURCE'
  /** 示例数据 Invented sample data for demonstration; not a real organisation. */
  | 'SAMPLE'
  /** 合成数据 Generated synthetic data for benchmarks; not real. */
  | 'SYNTHETIC'
  /** 用户录入 Entered or corrected by data staff through the API. */
  | 'USER_ENTERED';

/** Firms providing at least one application scenario that meets every given condition. */
export type ProvidesScenarioFilter = {
  /** The scenario is in any of these sectors. */
  sectors?: Array<SectorCode> | null | undefined;
  /** The scenario is at any of these stages. */
  statuses?: Array<ScenarioStatus> | null | undefined;
};

/** 关系图筛选 Selects part of the relation graph. Conditions combine with AND; values in one list with OR. */
export type RelationGraphFilter = {
  /** Ego network (自我中心网络): keep nodes within `depth` hops of this node, in either direction. */
  around?: string | number | null | undefined;
  /** Hops from `around`, 1 to 3 (default 1). */
  depth?: number | null | undefined;
  /** Keep parks in these districts (e.g. 崂山区) and what is located in them. */
  districts?: Array<string> | null | undefined;
  /** Keep only relations of these kinds. */
  edgeKinds?: Array<GraphEdgeKind> | null | undefined;
  /** Keep only nodes of these kinds. */
  nodeKinds?: Array<GraphNodeKind> | null | undefined;
  /** Keep parks with these IDs and what is located in them. */
  parkIds?: Array<string | number> | null | undefined;
  /** Keep nodes tied to any of these sectors (firms, platforms and models serving them, parks focusing on them, their scenarios). */
  sectors?: Array<SectorCode> | null | undefined;
};

/** Narrows a list of scenarios. Fields combine with AND; values inside one list with OR. AND, OR and NOT nest other filters (at most 5 levels). */
export type ScenarioFilter = {
  /** Every one of these filters holds (且). */
  AND?: Array<ScenarioFilter> | null | undefined;
  /** This filter does not hold (非). Wrap several in AND or OR. */
  NOT?: ScenarioFilter | null | undefined;
  /** At least one of these filters holds (或). */
  OR?: Array<ScenarioFilter> | null | undefined;
  /** Scenarios located in any of these parks (Park IDs). */
  parkIds?: Array<string | number> | null | undefined;
  /** 搜索 Text matching a name: Chinese substring, pinyin (with or without spaces), pinyin initials, traditional characters or English, case-insensitive; 1-200 characters. */
  search?: string | null | undefined;
  /** Scenarios in any of these sectors. */
  sectors?: Array<SectorCode> | null | undefined;
  /** Scenarios at any of these stages. */
  statuses?: Array<ScenarioStatus> | null | undefined;
  /** Year (年份) within this range; scenarios with unknown year never match. */
  yearRange?: IntRange | null | undefined;
  /** Scenarios of any of these years. */
  years?: Array<number> | null | undefined;
};

/** A scenario and a firm that provides it, to link or unlink (场景 ↔ 提供方企业). */
export type ScenarioProviderInput = {
  /** The firm providing it. */
  enterpriseId: string | number;
  /** The scenario. */
  scenarioId: string | number;
};

/** 场景状态 Stage of an "AI+" application scenario. */
export type ScenarioStatus =
  /** 已落地 In use. */
  | 'DEPLOYED'
  /** 建设中 Being built by its providers. */
  | 'IN_PROGRESS'
  /** 开放揭榜 Opened to providers (揭榜挂帅), looking for a provider. */
  | 'OPEN_FOR_BIDS'
  /** 规划中 Identified, not yet opened. */
  | 'PLANNED'
  /** 典型示范 Recognised as a showcase (典型示范应用场景). */
  | 'SHOWCASE';

/** Kinds of record the search can return. */
export type SearchType =
  /** 企业 Enterprises. */
  | 'ENTERPRISE'
  /** 创新平台 Innovation platforms. */
  | 'INNOVATION_PLATFORM'
  /** 产业园区 Parks. */
  | 'PARK'
  /** 应用场景 Application scenarios. */
  | 'SCENARIO';

/** 重点领域代码 Code of one of the eight focus sectors of the action plan. */
export type SectorCode =
  /** 文化旅游 Culture and tourism. */
  | 'CULTURE_TOURISM'
  /** 医养健康 Health and elderly care. */
  | 'HEALTH_ELDERLY_CARE'
  /** 工业制造 Industrial manufacturing. */
  | 'INDUSTRIAL_MANUFACTURING'
  /** 现代农业 Modern agriculture. */
  | 'MODERN_AGRICULTURE'
  /** 智慧教育 Smart education. */
  | 'SMART_EDUCATION'
  /** 智慧海洋 Smart ocean. */
  | 'SMART_OCEAN'
  /** 社会治理 Social governance. */
  | 'SOCIAL_GOVERNANCE'
  /** 交通运输 Transportation. */
  | 'TRANSPORTATION';

/** 修改企业 Changes to a firm. Only the fields sent change; send null to clear an optional field. Relations change through the link/unlink mutations. */
export type UpdateEnterpriseInput = {
  /** Short or former names; replaces the list. */
  aliases?: Array<string> | null | undefined;
  /** Unified social credit code. */
  creditCode?: string | null | undefined;
  /** The version you read (Enterprise.version). If the firm has changed since, nothing is written and the payload says CONFLICT. */
  expectedVersion: number;
  /** Year founded. */
  foundedYear?: number | null | undefined;
  /** The firm to change. */
  id: string | number;
  /** Layer of the industry chain; cannot be cleared. */
  layer?: ChainLayer | null | undefined;
  /** English name. */
  nameEn?: string | null | undefined;
  /** Registered Chinese name; cannot be cleared. */
  nameZh?: string | null | undefined;
  /** What the firm does. */
  summary?: string | null | undefined;
  /** Website. */
  website?: string | null | undefined;
};

/** 修改创新平台 Changes to a platform; only the fields sent change, null clears an optional field. Hosts change with link/unlinkPlatformHost. */
export type UpdateInnovationPlatformInput = {
  /** Other names; replaces the list. */
  aliases?: Array<string> | null | undefined;
  /** Description. */
  description?: string | null | undefined;
  /** The version you read; a stale one gets CONFLICT and nothing is written. */
  expectedVersion: number;
  /** Year established. */
  foundedYear?: number | null | undefined;
  /** The platform to change. */
  id: string | number;
  /** Kind; cannot be cleared. */
  kind?: PlatformKind | null | undefined;
  /** Level; cannot be cleared. */
  level?: PlatformLevel | null | undefined;
  /** English name. */
  nameEn?: string | null | undefined;
  /** Chinese name; cannot be cleared. */
  nameZh?: string | null | undefined;
  /** The park; null clears it. */
  parkId?: string | number | null | undefined;
};

/** 修改大模型 Changes to a large model; only the fields sent change, null clears an optional field. */
export type UpdateLargeModelInput = {
  /** Description. */
  description?: string | null | undefined;
  /** Domain; cannot be cleared. */
  domain?: LargeModelDomain | null | undefined;
  /** The version you read; a stale one gets CONFLICT and nothing is written. */
  expectedVersion: number;
  /** The model to change. */
  id: string | number;
  /** English name. */
  nameEn?: string | null | undefined;
  /** Chinese name; cannot be cleared. */
  nameZh?: string | null | undefined;
  /** Year of first release. */
  releasedYear?: number | null | undefined;
  /** Stage; cannot be cleared. */
  status?: LargeModelStatus | null | undefined;
};

/** 修改园区 Changes to a park; only the fields sent change, null clears an optional field. */
export type UpdateParkInput = {
  /** Other names; replaces the list. */
  aliases?: Array<string> | null | undefined;
  /** Description. */
  description?: string | null | undefined;
  /** District; cannot be cleared. */
  district?: string | null | undefined;
  /** The version you read; a stale one gets CONFLICT and nothing is written. */
  expectedVersion: number;
  /** Year founded. */
  foundedYear?: number | null | undefined;
  /** The park to change. */
  id: string | number;
  /** Latitude. */
  latitude?: number | null | undefined;
  /** Longitude. */
  longitude?: number | null | undefined;
  /** English name. */
  nameEn?: string | null | undefined;
  /** Chinese name; cannot be cleared. */
  nameZh?: string | null | undefined;
  /** Role; cannot be cleared. */
  role?: ParkRole | null | undefined;
};

/** 修改应用场景 Changes to a scenario; only the fields sent change, null clears an optional field. Providers change with link/unlinkScenarioProvider. */
export type UpdateScenarioInput = {
  /** Description. */
  description?: string | null | undefined;
  /** The version you read; a stale one gets CONFLICT and nothing is written. */
  expectedVersion: number;
  /** The scenario to change. */
  id: string | number;
  /** English name. */
  nameEn?: string | null | undefined;
  /** Chinese name; cannot be cleared. */
  nameZh?: string | null | undefined;
  /** The park; null clears it. */
  parkId?: string | number | null | undefined;
  /** Sector; cannot be cleared. */
  sector?: SectorCode | null | undefined;
  /** Stage; cannot be cleared. */
  status?: ScenarioStatus | null | undefined;
  /** Year. */
  year?: number | null | undefined;
};

/** 用户错误代码 Why a mutation did not write: the client can fix the input and retry. */
export type UserErrorCode =
  /** 输入无效 A value is invalid (empty name, bad credit code, out-of-range year, ...). */
  | 'BAD_USER_INPUT'
  /** 版本冲突 The record changed since you read it; `currentVersion` is its version now. Nothing was written. */
  | 'CONFLICT'
  /** 重复 Another record already holds this unique value; `existingId` names it. */
  | 'DUPLICATE'
  /** 存在依赖 Other records depend on this one; pass detach: true to unlink them. */
  | 'HAS_DEPENDANTS'
  /** 记录不存在 A record the input names does not exist. */
  | 'NOT_FOUND';

export type SectorsQueryVariables = Exact<{ [key: string]: never; }>;


export type SectorsQuery = { sectors: Array<{ id: string, code: SectorCode, nameZh: string, nameEn: string }> };

export type ParksPageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type ParksPageQuery = { parks: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, nameZh: string, nameEn: string | null, district: string, role: ParkRole, focusSectors: Array<{ code: SectorCode }> } }> } };

export type FirmsInParksBySectorQueryVariables = Exact<{
  sector: SectorCode;
  parks?: number | null | undefined;
  firms?: number | null | undefined;
}>;


export type FirmsInParksBySectorQuery = { parks: { edges: Array<{ node: { id: string, nameZh: string, enterprises: { totalCount: number, edges: Array<{ node: { id: string, nameZh: string, layer: ChainLayer, sectors: Array<{ code: SectorCode, nameZh: string }> } }> } } }> } };

export type EnterpriseDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type EnterpriseDetailQuery = { node:
    | { id: string }
    | { nameZh: string, nameEn: string | null, creditCode: string | null, layer: ChainLayer, foundedYear: number | null, website: string | null, version: number, id: string, sectors: Array<{ code: SectorCode }>, parks: { edges: Array<{ node: { id: string, nameZh: string } }> }, platforms: { edges: Array<{ node: { id: string, nameZh: string, kind: PlatformKind, level: PlatformLevel } }> }, scenarios: { edges: Array<{ node: { id: string, nameZh: string, status: ScenarioStatus, sector: { code: SectorCode } } }> }, provenance: { kind: ProvenanceKind, source: string, url: string | null, verifiedAt: string } }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type EnterprisesFilteredQueryVariables = Exact<{
  filter?: EnterpriseFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type EnterprisesFilteredQuery = { enterprises: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, nameZh: string, layer: ChainLayer, sectors: Array<{ code: SectorCode }>, parks: { edges: Array<{ node: { id: string, nameZh: string } }> } } }> } };

export type PlatformsAndScenariosQueryVariables = Exact<{ [key: string]: never; }>;


export type PlatformsAndScenariosQuery = { platforms: { totalCount: number, edges: Array<{ node: { id: string, nameZh: string, kind: PlatformKind, level: PlatformLevel, hosts: { edges: Array<{ node: { id: string, nameZh: string } }> }, park: { id: string, nameZh: string } | null } }> }, scenarios: { totalCount: number, edges: Array<{ node: { id: string, nameZh: string, status: ScenarioStatus, sector: { code: SectorCode }, providers: { edges: Array<{ node: { id: string, nameZh: string } }> }, park: { id: string } | null } }> } };

export type NodesQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodesQuery = { nodes: Array<
    | { __typename: 'ComputeCenter', id: string }
    | { __typename: 'Enterprise', id: string }
    | { __typename: 'InnovationPlatform', id: string }
    | { __typename: 'LargeModel', id: string }
    | { __typename: 'Park', id: string }
    | { __typename: 'Scenario', id: string }
    | { __typename: 'Sector', id: string }
   | null> };

export type CreateEnterpriseMutationVariables = Exact<{
  input: CreateEnterpriseInput;
}>;


export type CreateEnterpriseMutation = { createEnterprise: { enterprise: { id: string, nameZh: string, version: number } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type UpdateEnterpriseMutationVariables = Exact<{
  input: UpdateEnterpriseInput;
}>;


export type UpdateEnterpriseMutation = { updateEnterprise: { enterprise: { id: string, nameZh: string, version: number } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type DeleteEnterpriseMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteEnterpriseMutation = { deleteEnterprise: { deletedId: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type EnterpriseFacetsFullQueryVariables = Exact<{
  filter?: EnterpriseFilter | null | undefined;
}>;


export type EnterpriseFacetsFullQuery = { enterpriseFacets: { total: number, bySector: Array<{ count: number, sector: { code: SectorCode } }>, byPark: Array<{ count: number, park: { id: string, nameZh: string } }>, byLayer: Array<{ layer: ChainLayer, count: number }>, byDistrict: Array<{ district: string, count: number }> } };

export type ScenarioFacetsFullQueryVariables = Exact<{
  filter?: ScenarioFilter | null | undefined;
}>;


export type ScenarioFacetsFullQuery = { scenarioFacets: { total: number, withoutPark: number, bySector: Array<{ count: number, sector: { code: SectorCode } }>, byStatus: Array<{ status: ScenarioStatus, count: number }>, byPark: Array<{ count: number, park: { id: string } }>, byYear: Array<{ year: number, count: number }> } };

export type PlatformFacetsFullQueryVariables = Exact<{
  filter?: PlatformFilter | null | undefined;
}>;


export type PlatformFacetsFullQuery = { platformFacets: { total: number, withoutPark: number, byKind: Array<{ kind: PlatformKind, count: number }>, byLevel: Array<{ level: PlatformLevel, count: number }>, byPark: Array<{ count: number, park: { id: string } }>, bySector: Array<{ count: number, sector: { code: SectorCode } }> } };

export type CoverageFilteredQueryVariables = Exact<{
  filter?: CoverageFilter | null | undefined;
}>;


export type CoverageFilteredQuery = { coverage: { parkCount: number, emptyCellCount: number, cells: Array<{ isFocusSector: boolean, enterpriseCount: number, scenarioCount: number, platformCount: number, missingLayers: Array<ChainLayer>, park: { id: string, nameZh: string, role: ParkRole }, sector: { code: SectorCode } }> } };

export type ActionPlanFullQueryVariables = Exact<{ [key: string]: never; }>;


export type ActionPlanFullQuery = { actionPlan: { targets: Array<{ key: string, kind: IndicatorKind, titleZh: string, unit: string, year: number, target: number, comparator: IndicatorComparator, metric: string | null, current: number | null, progress: number | null, currentNote: string, sampleRecords: number, source: string, sourceUrl: string | null }>, baselines: Array<{ key: string, kind: IndicatorKind, titleZh: string, unit: string, year: number, target: number, comparator: IndicatorComparator, metric: string | null, current: number | null, progress: number | null, currentNote: string, sampleRecords: number, source: string, sourceUrl: string | null }> } };

export type PlanTargetFieldsFragment = { key: string, kind: IndicatorKind, titleZh: string, unit: string, year: number, target: number, comparator: IndicatorComparator, metric: string | null, current: number | null, progress: number | null, currentNote: string, sampleRecords: number, source: string, sourceUrl: string | null };

export type ParkFirmsDeepQueryVariables = Exact<{
  id: string | number;
  firms?: number | null | undefined;
}>;


export type ParkFirmsDeepQuery = { node:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { nameZh: string, id: string, enterprises: { totalCount: number, edges: Array<{ node: { id: string, nameZh: string, layer: ChainLayer, sectors: Array<{ code: SectorCode }>, parks: { edges: Array<{ node: { id: string, nameZh: string } }> }, scenarios: { edges: Array<{ node: { id: string, nameZh: string, status: ScenarioStatus } }> } } }> } }
    | { id: string }
    | { id: string }
   | null };

export type BenchCoverageQueryVariables = Exact<{ [key: string]: never; }>;


export type BenchCoverageQuery = { coverage: { cells: Array<{ enterpriseCount: number, scenarioCount: number, platformCount: number, park: { id: string, nameZh: string }, sector: { code: SectorCode } }> } };

export type CreateEnterpriseFullMutationVariables = Exact<{
  input: CreateEnterpriseInput;
}>;


export type CreateEnterpriseFullMutation = { createEnterprise: { enterprise: { id: string, nameZh: string, creditCode: string | null, version: number, sectors: Array<{ code: SectorCode }>, parks: { totalCount: number, edges: Array<{ node: { id: string } }> }, provenance: { kind: ProvenanceKind, source: string, note: string | null } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode, currentVersion: number | null, existingId: string | null }> } };

export type UpdateEnterpriseFullMutationVariables = Exact<{
  input: UpdateEnterpriseInput;
}>;


export type UpdateEnterpriseFullMutation = { updateEnterprise: { enterprise: { id: string, nameZh: string, website: string | null, version: number, provenance: { kind: ProvenanceKind, source: string, note: string | null } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode, currentVersion: number | null, existingId: string | null }> } };

export type DeleteEnterpriseDetachMutationVariables = Exact<{
  id: string | number;
  detach?: boolean | null | undefined;
}>;


export type DeleteEnterpriseDetachMutation = { deleteEnterprise: { deletedId: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type LinkEnterpriseToParkMutationVariables = Exact<{
  input: EnterpriseParkInput;
}>;


export type LinkEnterpriseToParkMutation = { linkEnterpriseToPark: { changed: boolean, enterprise: { id: string, parks: { totalCount: number } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type UnlinkEnterpriseFromParkMutationVariables = Exact<{
  input: EnterpriseParkInput;
}>;


export type UnlinkEnterpriseFromParkMutation = { unlinkEnterpriseFromPark: { changed: boolean, enterprise: { id: string, parks: { totalCount: number } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type LinkEnterpriseToSectorMutationVariables = Exact<{
  input: EnterpriseSectorInput;
}>;


export type LinkEnterpriseToSectorMutation = { linkEnterpriseToSector: { changed: boolean, enterprise: { id: string, sectors: Array<{ code: SectorCode }> } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type UnlinkEnterpriseFromSectorMutationVariables = Exact<{
  input: EnterpriseSectorInput;
}>;


export type UnlinkEnterpriseFromSectorMutation = { unlinkEnterpriseFromSector: { changed: boolean, enterprise: { id: string, sectors: Array<{ code: SectorCode }> } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type LinkScenarioProviderMutationVariables = Exact<{
  input: ScenarioProviderInput;
}>;


export type LinkScenarioProviderMutation = { linkScenarioProvider: { changed: boolean, enterprise: { id: string, scenarios: { totalCount: number } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type UnlinkPlatformHostMutationVariables = Exact<{
  input: PlatformHostInput;
}>;


export type UnlinkPlatformHostMutation = { unlinkPlatformHost: { changed: boolean, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type LinkPlatformHostMutationVariables = Exact<{
  input: PlatformHostInput;
}>;


export type LinkPlatformHostMutation = { linkPlatformHost: { changed: boolean, enterprise: { id: string, platforms: { totalCount: number } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type AuditLogQueryVariables = Exact<{
  recordId?: string | number | null | undefined;
  batchId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { at: string, actorName: string, actorKeyId: number | null, action: string, recordType: string, recordId: string, changes: Record<string, any>, batchId: string | null } }> } };

export type CreateParkMutationVariables = Exact<{
  input: CreateParkInput;
}>;


export type CreateParkMutation = { createPark: { park: { id: string, nameZh: string, district: string, latitude: number | null, version: number, focusSectors: Array<{ code: SectorCode }>, provenance: { kind: ProvenanceKind, source: string } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type UpdateParkMutationVariables = Exact<{
  input: UpdateParkInput;
}>;


export type UpdateParkMutation = { updatePark: { park: { id: string, nameZh: string, latitude: number | null, longitude: number | null, version: number } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode, currentVersion: number | null }> } };

export type DeleteParkMutationVariables = Exact<{
  id: string | number;
  detach?: boolean | null | undefined;
}>;


export type DeleteParkMutation = { deletePark: { deletedId: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type CreateInnovationPlatformMutationVariables = Exact<{
  input: CreateInnovationPlatformInput;
}>;


export type CreateInnovationPlatformMutation = { createInnovationPlatform: { innovationPlatform: { id: string, nameZh: string, level: PlatformLevel, version: number, park: { id: string } | null, hosts: { totalCount: number } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type UpdateInnovationPlatformMutationVariables = Exact<{
  input: UpdateInnovationPlatformInput;
}>;


export type UpdateInnovationPlatformMutation = { updateInnovationPlatform: { innovationPlatform: { id: string, nameZh: string, version: number, park: { id: string } | null } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode, currentVersion: number | null }> } };

export type DeleteInnovationPlatformMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteInnovationPlatformMutation = { deleteInnovationPlatform: { deletedId: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type CreateScenarioMutationVariables = Exact<{
  input: CreateScenarioInput;
}>;


export type CreateScenarioMutation = { createScenario: { scenario: { id: string, nameZh: string, status: ScenarioStatus, version: number, sector: { code: SectorCode }, providers: { totalCount: number } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type UpdateScenarioMutationVariables = Exact<{
  input: UpdateScenarioInput;
}>;


export type UpdateScenarioMutation = { updateScenario: { scenario: { id: string, status: ScenarioStatus, version: number } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode, currentVersion: number | null }> } };

export type DeleteScenarioMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteScenarioMutation = { deleteScenario: { deletedId: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type CreateLargeModelMutationVariables = Exact<{
  input: CreateLargeModelInput;
}>;


export type CreateLargeModelMutation = { createLargeModel: { largeModel: { id: string, nameZh: string, status: LargeModelStatus, version: number, developers: { totalCount: number } } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type UpdateLargeModelMutationVariables = Exact<{
  input: UpdateLargeModelInput;
}>;


export type UpdateLargeModelMutation = { updateLargeModel: { largeModel: { id: string, status: LargeModelStatus, version: number } | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode, currentVersion: number | null }> } };

export type DeleteLargeModelMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteLargeModelMutation = { deleteLargeModel: { deletedId: string | null, userErrors: Array<{ field: Array<string>, message: string, code: UserErrorCode }> } };

export type ParksFilteredQueryVariables = Exact<{
  filter?: ParkFilter | null | undefined;
}>;


export type ParksFilteredQuery = { parks: { totalCount: number, edges: Array<{ node: { id: string, nameZh: string, district: string, role: ParkRole } }> } };

export type PlatformsFilteredQueryVariables = Exact<{
  filter?: PlatformFilter | null | undefined;
}>;


export type PlatformsFilteredQuery = { platforms: { totalCount: number, edges: Array<{ node: { id: string, kind: PlatformKind, level: PlatformLevel } }> } };

export type ScenariosFilteredQueryVariables = Exact<{
  filter?: ScenarioFilter | null | undefined;
}>;


export type ScenariosFilteredQuery = { scenarios: { totalCount: number, edges: Array<{ node: { id: string, status: ScenarioStatus, year: number | null } }> } };

export type MatchFirmsForParkQueryVariables = Exact<{
  parkId: string | number;
  first?: number | null | undefined;
  filter?: EnterpriseFilter | null | undefined;
  weights?: MatchWeights | null | undefined;
}>;


export type MatchFirmsForParkQuery = { matchEnterprisesForPark: Array<{ score: number, enterprise: { id: string, nameZh: string, layer: ChainLayer }, reasons: Array<{ kind: MatchReasonKind, detail: string, contribution: number, value: number, weight: number }> }> };

export type MatchParksForFirmQueryVariables = Exact<{
  enterpriseId: string | number;
  first?: number | null | undefined;
  weights?: MatchWeights | null | undefined;
}>;


export type MatchParksForFirmQuery = { matchParksForEnterprise: Array<{ score: number, park: { id: string, nameZh: string }, reasons: Array<{ kind: MatchReasonKind, detail: string, contribution: number }> }> };

export type ParkChainGapsQueryVariables = Exact<{
  parkId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ParkChainGapsQuery = { chainGaps: Array<{ missingLayers: Array<ChainLayer>, park: { id: string }, sector: { code: SectorCode }, candidates: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, layer: ChainLayer, sectors: Array<{ code: SectorCode }> } }> } }> };

export type NodeSummaryQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeSummaryQuery = { node:
    | { __typename: 'ComputeCenter', nameZh: string, capacityPflops: number | null, id: string, park: { id: string } | null }
    | { __typename: 'Enterprise', id: string }
    | { __typename: 'InnovationPlatform', nameZh: string, id: string, park: { id: string } | null, sectors: Array<{ code: SectorCode }> }
    | { __typename: 'LargeModel', nameZh: string, domain: LargeModelDomain, id: string, developers: { totalCount: number }, sectors: Array<{ code: SectorCode }> }
    | { __typename: 'Park', nameZh: string, district: string, latitude: number | null, longitude: number | null, id: string, provenance: { kind: ProvenanceKind, source: string, url: string | null, note: string | null } }
    | { __typename: 'Scenario', nameZh: string, id: string, park: { id: string } | null }
    | { __typename: 'Sector', code: SectorCode, nameZh: string, id: string }
   | null };

export type AllComputeCentersQueryVariables = Exact<{ [key: string]: never; }>;


export type AllComputeCentersQuery = { computeCenters: { totalCount: number, edges: Array<{ node: { id: string, nameZh: string, capacityPflops: number | null, status: ComputeCenterStatus, provenance: { kind: ProvenanceKind, source: string, url: string | null } } }> } };

export type AllLargeModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type AllLargeModelsQuery = { largeModels: { totalCount: number, edges: Array<{ node: { id: string, nameZh: string, domain: LargeModelDomain, provenance: { kind: ProvenanceKind } } }> } };

export type SectorWithFirmsQueryVariables = Exact<{
  code: SectorCode;
  first?: number | null | undefined;
}>;


export type SectorWithFirmsQuery = { sector: { id: string, nameZh: string, enterprises: { totalCount: number, edges: Array<{ node: { id: string } }> } } | null };

export type EnterpriseIdsPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: EnterpriseFilter | null | undefined;
}>;


export type EnterpriseIdsPageQuery = { enterprises: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, nameZh: string } }> } };

export type ParkEnterpriseIdsQueryVariables = Exact<{
  parkId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ParkEnterpriseIdsQuery = { node:
    | { enterprises: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null, startCursor: string | null }, edges: Array<{ node: { id: string } }> } }
    | Record<PropertyKey, never>
   | null };

export type RelationGraphQueryVariables = Exact<{
  filter?: RelationGraphFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type RelationGraphQuery = { relationGraph: { nodes: Array<{ id: string, kind: GraphNodeKind, nameZh: string, nameEn: string | null, district: string | null, layer: string | null, scenarioYear: number | null, provenanceKind: string }>, edges: Array<{ id: string, kind: GraphEdgeKind, source: string, target: string }> } };

export type SearchAllQueryVariables = Exact<{
  q: string;
}>;


export type SearchAllQuery = { search: { totalCount: number, edges: Array<{ node:
        | { __typename: 'Enterprise', id: string, nameZh: string }
        | { __typename: 'InnovationPlatform', id: string, nameZh: string }
        | { __typename: 'Park', id: string, nameZh: string }
        | { __typename: 'Scenario', id: string, nameZh: string }
       }> } };

export type SearchPageQueryVariables = Exact<{
  q: string;
  types?: Array<SearchType> | SearchType | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type SearchPageQuery = { search: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null, startCursor: string | null }, edges: Array<{ cursor: string, node:
        | { __typename: 'Enterprise', id: string, nameZh: string, foundedYear: number | null, aliases: Array<string>, provenance: { kind: ProvenanceKind, verifiedAt: string } }
        | { __typename: 'InnovationPlatform', id: string, nameZh: string }
        | { __typename: 'Park', id: string, nameZh: string }
        | { __typename: 'Scenario', id: string, nameZh: string }
       }> } };

export type EnterprisesComposedQueryVariables = Exact<{
  filter?: EnterpriseFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type EnterprisesComposedQuery = { enterprises: { totalCount: number, edges: Array<{ node: { id: string, nameZh: string } }> } };

export type ParksComposedQueryVariables = Exact<{
  filter?: ParkFilter | null | undefined;
}>;


export type ParksComposedQuery = { parks: { totalCount: number, edges: Array<{ node: { id: string, nameZh: string } }> } };

export type PlatformsComposedQueryVariables = Exact<{
  filter?: PlatformFilter | null | undefined;
}>;


export type PlatformsComposedQuery = { platforms: { totalCount: number, edges: Array<{ node: { id: string, nameZh: string } }> } };

export type ScenariosComposedQueryVariables = Exact<{
  filter?: ScenarioFilter | null | undefined;
}>;


export type ScenariosComposedQuery = { scenarios: { totalCount: number, edges: Array<{ node: { id: string, nameZh: string } }> } };

export type EnterprisesOrderedQueryVariables = Exact<{
  orderBy?: EnterpriseOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  offset?: number | null | undefined;
}>;


export type EnterprisesOrderedQuery = { enterprises: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ node: { id: string, nameZh: string, foundedYear: number | null } }> } };

export type ParksOrderedQueryVariables = Exact<{
  orderBy?: ParkOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ParksOrderedQuery = { parks: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, nameZh: string } }> } };

export type ParkEnterprisesOrderedQueryVariables = Exact<{
  parkId: string | number;
  orderBy?: EnterpriseOrder | null | undefined;
}>;


export type ParkEnterprisesOrderedQuery = { node:
    | { enterprises: { edges: Array<{ node: { id: string, nameZh: string } }> } }
    | Record<PropertyKey, never>
   | null };

export const PlanTargetFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanTargetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PlanTarget"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"titleZh"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"comparator"}},{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"current"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"currentNote"}},{"kind":"Field","name":{"kind":"Name","value":"sampleRecords"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"sourceUrl"}}]}}]} as unknown as DocumentNode<PlanTargetFieldsFragment, unknown>;
export const SectorsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Sectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}}]} as unknown as DocumentNode<SectorsQuery, SectorsQueryVariables>;
export const ParksPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ParksPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"district"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"focusSectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ParksPageQuery, ParksPageQueryVariables>;
export const FirmsInParksBySectorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FirmsInParksBySector"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sector"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SectorCode"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parks"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"firms"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parks"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"firms"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"sectors"},"value":{"kind":"ListValue","values":[{"kind":"Variable","name":{"kind":"Name","value":"sector"}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"sectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<FirmsInParksBySectorQuery, FirmsInParksBySectorQueryVariables>;
export const EnterpriseDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnterpriseDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Enterprise"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"foundedYear"}},{"kind":"Field","name":{"kind":"Name","value":"website"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"sectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"platforms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"scenarios"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"provenance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EnterpriseDetailQuery, EnterpriseDetailQueryVariables>;
export const EnterprisesFilteredDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnterprisesFiltered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterpriseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"sectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EnterprisesFilteredQuery, EnterprisesFilteredQueryVariables>;
export const PlatformsAndScenariosDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlatformsAndScenarios"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"platforms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"hosts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"scenarios"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"providers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlatformsAndScenariosQuery, PlatformsAndScenariosQueryVariables>;
export const NodesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Nodes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<NodesQuery, NodesQueryVariables>;
export const CreateEnterpriseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateEnterprise"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEnterpriseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createEnterprise"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateEnterpriseMutation, CreateEnterpriseMutationVariables>;
export const UpdateEnterpriseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateEnterprise"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateEnterpriseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateEnterprise"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateEnterpriseMutation, UpdateEnterpriseMutationVariables>;
export const DeleteEnterpriseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteEnterprise"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteEnterprise"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteEnterpriseMutation, DeleteEnterpriseMutationVariables>;
export const EnterpriseFacetsFullDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnterpriseFacetsFull"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterpriseFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterpriseFacets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"bySector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byPark"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byLayer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byDistrict"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"district"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<EnterpriseFacetsFullQuery, EnterpriseFacetsFullQueryVariables>;
export const ScenarioFacetsFullDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScenarioFacetsFull"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ScenarioFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scenarioFacets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"bySector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byPark"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"withoutPark"}},{"kind":"Field","name":{"kind":"Name","value":"byYear"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<ScenarioFacetsFullQuery, ScenarioFacetsFullQueryVariables>;
export const PlatformFacetsFullDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlatformFacetsFull"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PlatformFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"platformFacets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"byKind"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byLevel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byPark"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"withoutPark"}},{"kind":"Field","name":{"kind":"Name","value":"bySector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<PlatformFacetsFullQuery, PlatformFacetsFullQueryVariables>;
export const CoverageFilteredDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CoverageFiltered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parkCount"}},{"kind":"Field","name":{"kind":"Name","value":"emptyCellCount"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"isFocusSector"}},{"kind":"Field","name":{"kind":"Name","value":"enterpriseCount"}},{"kind":"Field","name":{"kind":"Name","value":"scenarioCount"}},{"kind":"Field","name":{"kind":"Name","value":"platformCount"}},{"kind":"Field","name":{"kind":"Name","value":"missingLayers"}}]}}]}}]}}]} as unknown as DocumentNode<CoverageFilteredQuery, CoverageFilteredQueryVariables>;
export const ActionPlanFullDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActionPlanFull"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actionPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanTargetFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"baselines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanTargetFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanTargetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PlanTarget"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"titleZh"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"comparator"}},{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"current"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"currentNote"}},{"kind":"Field","name":{"kind":"Name","value":"sampleRecords"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"sourceUrl"}}]}}]} as unknown as DocumentNode<ActionPlanFullQuery, ActionPlanFullQueryVariables>;
export const ParkFirmsDeepDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ParkFirmsDeep"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"firms"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Park"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"firms"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"sectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"scenarios"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ParkFirmsDeepQuery, ParkFirmsDeepQueryVariables>;
export const BenchCoverageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BenchCoverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"enterpriseCount"}},{"kind":"Field","name":{"kind":"Name","value":"scenarioCount"}},{"kind":"Field","name":{"kind":"Name","value":"platformCount"}}]}}]}}]}}]} as unknown as DocumentNode<BenchCoverageQuery, BenchCoverageQueryVariables>;
export const CreateEnterpriseFullDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateEnterpriseFull"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEnterpriseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createEnterprise"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"sectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"provenance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}},{"kind":"Field","name":{"kind":"Name","value":"existingId"}}]}}]}}]}}]} as unknown as DocumentNode<CreateEnterpriseFullMutation, CreateEnterpriseFullMutationVariables>;
export const UpdateEnterpriseFullDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateEnterpriseFull"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateEnterpriseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateEnterprise"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"website"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}},{"kind":"Field","name":{"kind":"Name","value":"existingId"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateEnterpriseFullMutation, UpdateEnterpriseFullMutationVariables>;
export const DeleteEnterpriseDetachDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteEnterpriseDetach"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"detach"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteEnterprise"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"detach"},"value":{"kind":"Variable","name":{"kind":"Name","value":"detach"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteEnterpriseDetachMutation, DeleteEnterpriseDetachMutationVariables>;
export const LinkEnterpriseToParkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LinkEnterpriseToPark"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterpriseParkInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkEnterpriseToPark"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"parks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<LinkEnterpriseToParkMutation, LinkEnterpriseToParkMutationVariables>;
export const UnlinkEnterpriseFromParkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnlinkEnterpriseFromPark"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterpriseParkInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlinkEnterpriseFromPark"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"parks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UnlinkEnterpriseFromParkMutation, UnlinkEnterpriseFromParkMutationVariables>;
export const LinkEnterpriseToSectorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LinkEnterpriseToSector"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterpriseSectorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkEnterpriseToSector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<LinkEnterpriseToSectorMutation, LinkEnterpriseToSectorMutationVariables>;
export const UnlinkEnterpriseFromSectorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnlinkEnterpriseFromSector"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterpriseSectorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlinkEnterpriseFromSector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UnlinkEnterpriseFromSectorMutation, UnlinkEnterpriseFromSectorMutationVariables>;
export const LinkScenarioProviderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LinkScenarioProvider"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScenarioProviderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkScenarioProvider"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scenarios"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<LinkScenarioProviderMutation, LinkScenarioProviderMutationVariables>;
export const UnlinkPlatformHostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnlinkPlatformHost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlatformHostInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlinkPlatformHost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UnlinkPlatformHostMutation, UnlinkPlatformHostMutationVariables>;
export const LinkPlatformHostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LinkPlatformHost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlatformHostInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkPlatformHost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"platforms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<LinkPlatformHostMutation, LinkPlatformHostMutationVariables>;
export const AuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"recordId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"batchId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"recordId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"recordId"}}},{"kind":"Argument","name":{"kind":"Name","value":"batchId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"batchId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actorName"}},{"kind":"Field","name":{"kind":"Name","value":"actorKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"recordType"}},{"kind":"Field","name":{"kind":"Name","value":"recordId"}},{"kind":"Field","name":{"kind":"Name","value":"changes"}},{"kind":"Field","name":{"kind":"Name","value":"batchId"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AuditLogQuery, AuditLogQueryVariables>;
export const CreateParkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePark"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateParkInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPark"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"district"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"focusSectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"provenance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateParkMutation, CreateParkMutationVariables>;
export const UpdateParkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePark"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateParkInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePark"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateParkMutation, UpdateParkMutationVariables>;
export const DeleteParkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeletePark"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"detach"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletePark"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"detach"},"value":{"kind":"Variable","name":{"kind":"Name","value":"detach"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteParkMutation, DeleteParkMutationVariables>;
export const CreateInnovationPlatformDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateInnovationPlatform"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateInnovationPlatformInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createInnovationPlatform"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"innovationPlatform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hosts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateInnovationPlatformMutation, CreateInnovationPlatformMutationVariables>;
export const UpdateInnovationPlatformDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateInnovationPlatform"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateInnovationPlatformInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateInnovationPlatform"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"innovationPlatform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateInnovationPlatformMutation, UpdateInnovationPlatformMutationVariables>;
export const DeleteInnovationPlatformDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteInnovationPlatform"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteInnovationPlatform"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteInnovationPlatformMutation, DeleteInnovationPlatformMutationVariables>;
export const CreateScenarioDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateScenario"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateScenarioInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createScenario"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scenario"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"sector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"providers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateScenarioMutation, CreateScenarioMutationVariables>;
export const UpdateScenarioDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateScenario"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateScenarioInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateScenario"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scenario"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateScenarioMutation, UpdateScenarioMutationVariables>;
export const DeleteScenarioDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteScenario"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteScenario"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteScenarioMutation, DeleteScenarioMutationVariables>;
export const CreateLargeModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateLargeModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateLargeModelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createLargeModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"largeModel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"developers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateLargeModelMutation, CreateLargeModelMutationVariables>;
export const UpdateLargeModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateLargeModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateLargeModelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateLargeModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"largeModel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateLargeModelMutation, UpdateLargeModelMutationVariables>;
export const DeleteLargeModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteLargeModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteLargeModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteLargeModelMutation, DeleteLargeModelMutationVariables>;
export const ParksFilteredDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ParksFiltered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ParkFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"district"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ParksFilteredQuery, ParksFilteredQueryVariables>;
export const PlatformsFilteredDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlatformsFiltered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PlatformFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"platforms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlatformsFilteredQuery, PlatformsFilteredQueryVariables>;
export const ScenariosFilteredDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScenariosFiltered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ScenarioFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scenarios"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"year"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ScenariosFilteredQuery, ScenariosFilteredQueryVariables>;
export const MatchFirmsForParkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatchFirmsForPark"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parkId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterpriseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"weights"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MatchWeights"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchEnterprisesForPark"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"parkId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parkId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"weights"},"value":{"kind":"Variable","name":{"kind":"Name","value":"weights"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"contribution"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}}]}}]}}]}}]} as unknown as DocumentNode<MatchFirmsForParkQuery, MatchFirmsForParkQueryVariables>;
export const MatchParksForFirmDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatchParksForFirm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"weights"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MatchWeights"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matchParksForEnterprise"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"weights"},"value":{"kind":"Variable","name":{"kind":"Name","value":"weights"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"contribution"}}]}}]}}]}}]} as unknown as DocumentNode<MatchParksForFirmQuery, MatchParksForFirmQueryVariables>;
export const ParkChainGapsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ParkChainGaps"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parkId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chainGaps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"parkId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parkId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"missingLayers"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"sectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ParkChainGapsQuery, ParkChainGapsQueryVariables>;
export const NodeSummaryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeSummary"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Sector"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Park"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"district"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InnovationPlatform"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Scenario"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LargeModel"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"developers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ComputeCenter"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"capacityPflops"}},{"kind":"Field","name":{"kind":"Name","value":"park"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NodeSummaryQuery, NodeSummaryQueryVariables>;
export const AllComputeCentersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AllComputeCenters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"computeCenters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"capacityPflops"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AllComputeCentersQuery, AllComputeCentersQueryVariables>;
export const AllLargeModelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AllLargeModels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"largeModels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AllLargeModelsQuery, AllLargeModelsQueryVariables>;
export const SectorWithFirmsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SectorWithFirms"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SectorCode"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SectorWithFirmsQuery, SectorWithFirmsQueryVariables>;
export const EnterpriseIdsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnterpriseIdsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterpriseFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EnterpriseIdsPageQuery, EnterpriseIdsPageQueryVariables>;
export const ParkEnterpriseIdsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ParkEnterpriseIds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parkId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parkId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Park"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ParkEnterpriseIdsQuery, ParkEnterpriseIdsQueryVariables>;
export const RelationGraphDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RelationGraph"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RelationGraphFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"relationGraph"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"district"}},{"kind":"Field","name":{"kind":"Name","value":"layer"}},{"kind":"Field","name":{"kind":"Name","value":"scenarioYear"}},{"kind":"Field","name":{"kind":"Name","value":"provenanceKind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}}]}}]}}]} as unknown as DocumentNode<RelationGraphQuery, RelationGraphQueryVariables>;
export const SearchAllDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchAll"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Park"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Enterprise"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InnovationPlatform"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Scenario"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchAllQuery, SearchAllQueryVariables>;
export const SearchPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchType"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q"}}},{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Park"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Enterprise"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"foundedYear"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InnovationPlatform"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Scenario"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchPageQuery, SearchPageQueryVariables>;
export const EnterprisesComposedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnterprisesComposed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterpriseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EnterprisesComposedQuery, EnterprisesComposedQueryVariables>;
export const ParksComposedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ParksComposed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ParkFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ParksComposedQuery, ParksComposedQueryVariables>;
export const PlatformsComposedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlatformsComposed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PlatformFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"platforms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlatformsComposedQuery, PlatformsComposedQueryVariables>;
export const ScenariosComposedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScenariosComposed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ScenarioFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scenarios"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ScenariosComposedQuery, ScenariosComposedQueryVariables>;
export const EnterprisesOrderedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnterprisesOrdered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterpriseOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"foundedYear"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EnterprisesOrderedQuery, EnterprisesOrderedQueryVariables>;
export const ParksOrderedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ParksOrdered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ParkOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ParksOrderedQuery, ParksOrderedQueryVariables>;
export const ParkEnterprisesOrderedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ParkEnterprisesOrdered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parkId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterpriseOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parkId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Park"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ParkEnterprisesOrderedQuery, ParkEnterprisesOrderedQueryVariables>;
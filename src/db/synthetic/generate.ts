import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { DesignationKind, DesignationLevel } from '../../common/vocabulary/designation.enums';
import { DataProductKind } from '../../modules/data-product/data-product.enums';
import { FirmFigureMetric } from '../../modules/firm-figure/firm-figure.enums';
import { InstitutionKind } from '../../modules/institution/institution-kind.enum';
import { LargeModelDomain, LargeModelStatus } from '../../modules/large-model/large-model.enums';
import { ParkRole } from '../../modules/park/park-role.enum';
import { PlatformKind, PlatformLevel } from '../../common/vocabulary/platform.enums';
import { ScenarioStatus } from '../../common/vocabulary/scenario-status.enum';
import { SectorCode } from '../../modules/sector/sector-code.enum';
import { Random, scatter, WeightedTable } from './random';

/** How big a synthetic data set to make; every other count follows from `enterprises`. */
export interface SyntheticOptions {
  enterprises: number;
  seed: number;
}

/** A park reference: an existing (real or sample) park by id, or a synthetic park by index. */
export type ParkRef = { existing: number } | { synthetic: number };

/** A park already in the directory, which synthetic records may be placed in. */
export interface ExistingPark {
  id: number;
  focusSectors: SectorCode[];
}

/** A chain node already in the directory that synthetic firms may be linked to (not a layer root, not retired). */
export interface ExistingChainNode {
  id: number;
  layer: ChainLayer;
  /** The focus sector of an application segment; null for segments every sector shares. */
  sectorCode: SectorCode | null;
}

/** What else of the directory synthetic records refer to; both lists sorted by id. */
export interface SyntheticReference {
  chainNodes: ReadonlyArray<ExistingChainNode>;
  /** Ids of compute facilities that may redeem synthetic voucher grants. */
  computeCenters: readonly number[];
}

export interface SyntheticPark {
  nameZh: string;
  nameEn: string;
  district: string;
  role: ParkRole;
  latitude: number;
  longitude: number;
  foundedYear: number;
  focusSectors: SectorCode[];
}

export interface SyntheticEnterprise {
  nameZh: string;
  nameEn: string;
  layer: ChainLayer;
  foundedYear: number;
  summary: string;
  sectors: SectorCode[];
  parks: ParkRef[];
}

export interface SyntheticPlatform {
  nameZh: string;
  nameEn: string;
  kind: PlatformKind;
  level: PlatformLevel;
  foundedYear: number;
  park: ParkRef | null;
  sectors: SectorCode[];
  /** Indexes into `enterprises`. */
  hosts: number[];
}

export interface SyntheticScenario {
  nameZh: string;
  nameEn: string;
  sector: SectorCode;
  status: ScenarioStatus;
  year: number;
  park: ParkRef | null;
  providers: number[];
}

export interface SyntheticLargeModel {
  nameZh: string;
  nameEn: string;
  domain: LargeModelDomain;
  status: LargeModelStatus;
  releasedYear: number;
  sectors: SectorCode[];
  developers: number[];
}

export interface SyntheticDesignation {
  /** Index into `enterprises`. */
  enterprise: number;
  kind: DesignationKind;
  level: DesignationLevel;
  year: number;
}

export interface SyntheticFigure {
  enterprise: number;
  year: number;
  metric: FirmFigureMetric;
  value: number;
}

export interface SyntheticInstitution {
  nameZh: string;
  nameEn: string;
  kind: InstitutionKind;
  district: string;
  /** Indexes into `platforms` the institution co-hosts. */
  platforms: number[];
}

export interface SyntheticTask {
  nameZh: string;
  nameEn: string;
  issuerZh: string;
  batch: string;
  year: number;
  /** Indexes into `enterprises` and `institutions`. */
  enterpriseWinners: number[];
  institutionWinners: number[];
}

export interface SyntheticDataProduct {
  nameZh: string;
  nameEn: string;
  kind: DataProductKind;
  provider: number;
  exchange: string | null;
  listedOn: string | null;
  sectors: SectorCode[];
}

export interface SyntheticVoucherProgram {
  nameZh: string;
  nameEn: string;
  year: number;
  issuerZh: string;
  totalBudgetYuan: number;
  rules: string;
}

export interface SyntheticVoucherGrant {
  /** Index into `voucherPrograms`. */
  program: number;
  enterprise: number;
  /** A compute facility of the directory, by id, or none. */
  computeCenter: number | null;
  amountYuan: number;
  grantedOn: string;
}

export interface SyntheticDataSet {
  options: SyntheticOptions;
  parks: SyntheticPark[];
  enterprises: SyntheticEnterprise[];
  platforms: SyntheticPlatform[];
  scenarios: SyntheticScenario[];
  largeModels: SyntheticLargeModel[];
  /** Per firm (same index), the chain nodes it is linked to, by id. */
  chainLinks: number[][];
  designations: SyntheticDesignation[];
  figures: SyntheticFigure[];
  institutions: SyntheticInstitution[];
  nationalTasks: SyntheticTask[];
  dataProducts: SyntheticDataProduct[];
  voucherPrograms: SyntheticVoucherProgram[];
  voucherGrants: SyntheticVoucherGrant[];
}

/** Largest data set the generator accepts (names stay unique well beyond it). */
export const MAX_SYNTHETIC_ENTERPRISES = 2_000_000;

/** Counts of the other records, in proportion to the firms (see docs/contributors.md, "Synthetic data at scale"). */
export function syntheticCounts(enterprises: number, existingParks: number) {
  return {
    parks: Math.max(0, Math.max(6, Math.floor(enterprises / 100)) - existingParks),
    platforms: Math.floor(enterprises / 50),
    scenarios: Math.floor(enterprises / 20),
    largeModels: Math.floor(enterprises / 500),
    institutions: Math.max(2, Math.floor(enterprises / 1000)),
    nationalTasks: Math.max(1, Math.floor(enterprises / 2000)),
    dataProducts: Math.floor(enterprises / 100),
    /** One programme a year, 2024 to 2026, whatever the size: a city issues one a year. */
    voucherPrograms: VOUCHER_YEARS.length,
    voucherGrants: Math.floor(enterprises / 25),
  };
}

const VOUCHER_YEARS = [2024, 2025, 2026];
/** Share of firms holding a recognition, and of firms reporting yearly figures (2024 and 2025). */
const DESIGNATED_SHARE = 0.08;
const FIGURES_SHARE = 0.1;
const FIGURE_YEARS = [2024, 2025];

// Syllables for invented brand names: literary characters rarely found together in registered
// company names, so generated names do not name real firms. Every name also ends in a marker.
const SYLLABLES = [...'澜汐珩翊琨瑭泓岚霁璟昶晟玥湛峤骁槿栩棠岫沅澈溯曜烨熠琛瑾璞珏奕朔篁筠蔚荻芃苒湍砚'];
const SYLLABLES_PINYIN = [
  'lan',
  'xi',
  'heng',
  'yi',
  'kun',
  'tang',
  'hong',
  'lan',
  'ji',
  'jing',
  'chang',
  'sheng',
  'yue',
  'zhan',
  'qiao',
  'xiao',
  'jin',
  'xu',
  'tang',
  'xiu',
  'yuan',
  'che',
  'su',
  'yao',
  'ye',
  'yi',
  'chen',
  'jin',
  'pu',
  'jue',
  'yi',
  'shuo',
  'huang',
  'yun',
  'wei',
  'di',
  'peng',
  'ran',
  'tuan',
  'yan',
];
const BRAND_SPACE = SYLLABLES.length ** 3;
const INDUSTRY = ['智能科技', '信息技术', '数据科技', '智算科技', '机器人', '软件', '智联科技', '视觉科技', '算法科技', '数字科技', '智造科技', '云计算'];
const INDUSTRY_EN = [
  'Intelligent Tech',
  'Information Tech',
  'Data Tech',
  'Compute Tech',
  'Robotics',
  'Software',
  'Smart Link',
  'Vision Tech',
  'Algorithm Tech',
  'Digital Tech',
  'Smart Manufacturing',
  'Cloud',
];
const FORMS = ['有限公司', '股份有限公司', '（青岛）有限公司', '研究院有限公司'];
const MARKER = '（合成）';

/** Qingdao's districts, with the approximate centre each synthetic park is scattered around. */
const DISTRICTS: Array<{ name: string; lat: number; lng: number; weight: number }> = [
  { name: '崂山区', lat: 36.107, lng: 120.469, weight: 18 },
  { name: '黄岛区', lat: 35.96, lng: 120.198, weight: 18 },
  { name: '城阳区', lat: 36.307, lng: 120.396, weight: 13 },
  { name: '市南区', lat: 36.067, lng: 120.383, weight: 10 },
  { name: '市北区', lat: 36.087, lng: 120.375, weight: 10 },
  { name: '李沧区', lat: 36.145, lng: 120.433, weight: 8 },
  { name: '即墨区', lat: 36.389, lng: 120.447, weight: 9 },
  { name: '胶州市', lat: 36.264, lng: 120.034, weight: 6 },
  { name: '平度市', lat: 36.787, lng: 119.988, weight: 4 },
  { name: '莱西市', lat: 36.889, lng: 120.518, weight: 4 },
];
const PARK_SUFFIX = ['智谷', '科创园', '数字港', '智能产业园', '创新港', '软件园', '智造园', '算力小镇'];

const SECTORS = new WeightedTable(Object.values(SectorCode), [24, 16, 8, 12, 12, 9, 7, 12]);
const SECTOR_ZH: Record<SectorCode, string> = {
  INDUSTRIAL_MANUFACTURING: '工业制造',
  SMART_OCEAN: '智慧海洋',
  MODERN_AGRICULTURE: '现代农业',
  TRANSPORTATION: '交通运输',
  HEALTH_ELDERLY_CARE: '医养健康',
  SMART_EDUCATION: '智慧教育',
  CULTURE_TOURISM: '文化旅游',
  SOCIAL_GOVERNANCE: '社会治理',
};
const SCENARIO_TOPICS: Record<SectorCode, string[]> = {
  INDUSTRIAL_MANUFACTURING: ['产线视觉质检', '设备预测性维护', '柔性排产优化'],
  SMART_OCEAN: ['海洋牧场监测', '港口智能调度', '海况预报'],
  MODERN_AGRICULTURE: ['智慧大棚管控', '病虫害识别', '农机无人驾驶'],
  TRANSPORTATION: ['地铁客流预测', '信号配时优化', '物流路径规划'],
  HEALTH_ELDERLY_CARE: ['影像辅助诊断', '居家养老看护', '慢病管理助手'],
  SMART_EDUCATION: ['个性化学习推荐', '课堂行为分析', '作业智能批改'],
  CULTURE_TOURISM: ['景区客流引导', '数字文博讲解', '文旅智能客服'],
  SOCIAL_GOVERNANCE: ['城市事件感知', '政务智能问答', '应急指挥调度'],
};
const LAYERS = new WeightedTable(Object.values(ChainLayer), [15, 30, 55]);
const SECTOR_COUNT = new WeightedTable([1, 2, 3], [50, 35, 15]);
const PLATFORM_KINDS = new WeightedTable(
  [
    PlatformKind.ENTERPRISE_TECHNOLOGY_CENTER,
    PlatformKind.ENGINEERING_RESEARCH_CENTER,
    PlatformKind.TECHNOLOGY_INNOVATION_CENTER,
    PlatformKind.KEY_LABORATORY,
    PlatformKind.INDUSTRY_RESEARCH_INSTITUTE,
    PlatformKind.PUBLIC_SERVICE_PLATFORM,
    PlatformKind.PUBLIC_TRAINING_BASE,
    PlatformKind.LARGE_MODEL_LAB,
    PlatformKind.NATIONAL_OPEN_INNOVATION_PLATFORM,
  ],
  [30, 15, 12, 15, 10, 8, 4, 5, 1],
);
const PLATFORM_KIND_ZH: Record<PlatformKind, string> = {
  NATIONAL_OPEN_INNOVATION_PLATFORM: '开放创新平台',
  PUBLIC_SERVICE_PLATFORM: '公共服务平台',
  ENTERPRISE_TECHNOLOGY_CENTER: '企业技术中心',
  ENGINEERING_RESEARCH_CENTER: '工程研究中心',
  TECHNOLOGY_INNOVATION_CENTER: '技术创新中心',
  KEY_LABORATORY: '重点实验室',
  LARGE_MODEL_LAB: '大模型实验室',
  PUBLIC_TRAINING_BASE: '公共训练基地',
  INDUSTRY_RESEARCH_INSTITUTE: '产业研究院',
};
const LEVELS = new WeightedTable([PlatformLevel.MUNICIPAL, PlatformLevel.PROVINCIAL, PlatformLevel.NATIONAL], [60, 32, 8]);
const STATUSES = new WeightedTable(
  [ScenarioStatus.PLANNED, ScenarioStatus.OPEN_FOR_BIDS, ScenarioStatus.IN_PROGRESS, ScenarioStatus.DEPLOYED, ScenarioStatus.SHOWCASE],
  [20, 15, 25, 30, 10],
);
const DOMAINS = new WeightedTable(Object.values(LargeModelDomain), [30, 10, 15, 15, 15, 15]);
const DOMAIN_SECTOR: Record<LargeModelDomain, SectorCode> = {
  OCEAN: SectorCode.SMART_OCEAN,
  URBAN_RAIL: SectorCode.TRANSPORTATION,
  PORT: SectorCode.SMART_OCEAN,
  FINANCE: SectorCode.SOCIAL_GOVERNANCE,
  GOVERNMENT: SectorCode.SOCIAL_GOVERNANCE,
  HEALTH_ELDERLY_CARE: SectorCode.HEALTH_ELDERLY_CARE,
};
const DOMAIN_ZH: Record<LargeModelDomain, string> = {
  OCEAN: '海洋',
  URBAN_RAIL: '轨交',
  PORT: '港航',
  FINANCE: '金融',
  GOVERNMENT: '政务',
  HEALTH_ELDERLY_CARE: '医养',
};
const MODEL_STATUSES = new WeightedTable(Object.values(LargeModelStatus), [40, 40, 20]);
/** Kinds and the levels that grant them: the broad qualifications are common, the leaders rare. */
const DESIGNATIONS = new WeightedTable(
  [
    [DesignationKind.HIGH_TECH, DesignationLevel.PROVINCIAL],
    [DesignationKind.SPECIALIZED_SME, DesignationLevel.PROVINCIAL],
    [DesignationKind.SPECIALIZED_SME, DesignationLevel.MUNICIPAL],
    [DesignationKind.GAZELLE, DesignationLevel.MUNICIPAL],
    [DesignationKind.GAZELLE, DesignationLevel.PROVINCIAL],
    [DesignationKind.LITTLE_GIANT, DesignationLevel.NATIONAL],
    [DesignationKind.CHAIN_LEADER, DesignationLevel.MUNICIPAL],
    [DesignationKind.UNICORN, DesignationLevel.PROVINCIAL],
  ] as const,
  [45, 15, 12, 8, 5, 8, 5, 2],
);
const INSTITUTION_FORMS: Array<{ kind: InstitutionKind; zh: string; en: string; weight: number }> = [
  { kind: InstitutionKind.UNIVERSITY, zh: '大学', en: 'University', weight: 3 },
  { kind: InstitutionKind.RESEARCH_INSTITUTE, zh: '人工智能研究院', en: 'AI Research Institute', weight: 4 },
  { kind: InstitutionKind.RESEARCH_INSTITUTE, zh: '智能计算研究所', en: 'Intelligent Computing Institute', weight: 3 },
];
const TASK_TOPICS = [
  '行业大模型攻关',
  '智能传感器研制',
  '工业视觉检测',
  '海洋智能感知',
  '智能网联协同',
  '医学影像智能分析',
  '具身智能平台',
  '高质量数据集建设',
];
const DATA_PRODUCT_KINDS = new WeightedTable(Object.values(DataProductKind), [40, 30, 15, 15]);
const DATA_PRODUCT_WORD: Record<DataProductKind, string> = {
  DATASET: '数据集',
  DATA_API: '数据接口',
  MODEL_SERVICE: '模型服务',
  LABELLED_CORPUS: '标注语料',
};
// Invented issuers and exchanges: synthetic records never borrow a real body's name.
const SYNTHETIC_ISSUER = '合成发布部门（合成）';
const SYNTHETIC_EXCHANGE = '合成数据交易所（合成）';

/** A distinct three-syllable brand for `index` (unique for index < 64,000 per salt). */
function brand(index: number, offset: number, order: number[]): { zh: string; en: string } {
  const j = scatter(index % BRAND_SPACE, BRAND_SPACE, offset);
  const n = SYLLABLES.length;
  const parts = [order[j % n], order[Math.floor(j / n) % n], order[Math.floor(j / n / n) % n]];
  const en = parts.map((p) => SYLLABLES_PINYIN[p]).join('');
  return { zh: parts.map((p) => SYLLABLES[p]).join(''), en: en[0].toUpperCase() + en.slice(1) };
}

function shuffled(random: Random, length: number): number[] {
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Generates a synthetic data set from a seed, without touching a database: the same options and
 * existing parks always give the same records. `existingParks` are the parks already in the
 * directory (real and sample ones, sorted by id); firms, platforms and scenarios are placed in them too.
 * `reference` holds the chain nodes firms are linked to and the compute facilities grants are
 * redeemed at. The records added with issue 13 (chain links, designations, figures, institutions,
 * tasks, data products, vouchers) are drawn after the others, so they leave those unchanged.
 */
export function generateSynthetic(
  options: SyntheticOptions,
  existingParks: ReadonlyArray<ExistingPark>,
  reference: SyntheticReference = { chainNodes: [], computeCenters: [] },
): SyntheticDataSet {
  const { enterprises: n, seed } = options;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_SYNTHETIC_ENTERPRISES) {
    throw new RangeError(`enterprises must be an integer from 1 to ${MAX_SYNTHETIC_ENTERPRISES}, got ${n}`);
  }
  const random = new Random(seed);
  const order = shuffled(random, SYLLABLES.length);
  const counts = syntheticCounts(n, existingParks.length);
  const offsets = {
    park: random.int(0, BRAND_SPACE - 1),
    firm: random.int(0, 1e9),
    platform: random.int(0, BRAND_SPACE - 1),
    scenario: random.int(0, BRAND_SPACE - 1),
    model: random.int(0, BRAND_SPACE - 1),
  };

  const districts = new WeightedTable(
    DISTRICTS,
    DISTRICTS.map((d) => d.weight),
  );
  const parks: SyntheticPark[] = [];
  for (let i = 0; i < counts.parks; i++) {
    const d = districts.draw(random);
    const b = brand(i, offsets.park, order);
    const suffix = random.pick(PARK_SUFFIX);
    parks.push({
      nameZh: `${d.name.slice(0, 2)}${b.zh}${suffix}${MARKER}`,
      nameEn: `${b.en} Park ${i + 1} (synthetic)`,
      district: d.name,
      role: random.chance(0.05) ? ParkRole.PRIMARY : ParkRole.FEATURED,
      latitude: Math.round((d.lat + (random.next() - 0.5) * 0.08) * 1e5) / 1e5,
      longitude: Math.round((d.lng + (random.next() - 0.5) * 0.08) * 1e5) / 1e5,
      foundedYear: random.int(2012, 2025),
      focusSectors: SECTORS.drawDistinct(random, SECTOR_COUNT.draw(random)),
    });
  }

  // Park popularity falls off like a power law: a few big parks, a long tail of small ones. The
  // existing parks come first, so the plan's real parks are among the biggest.
  const parkRefs: ParkRef[] = [...existingParks.map((p) => ({ existing: p.id })), ...parks.map((_, i) => ({ synthetic: i }))];
  const parkTable = new WeightedTable(
    parkRefs.map((_, i) => i),
    parkRefs.map((_, i) => 1 / (i + 4) ** 0.8),
  );
  const focusOf = (ref: number): SectorCode[] => {
    const r = parkRefs[ref];
    return 'synthetic' in r ? parks[r.synthetic].focusSectors : existingParks[ref].focusSectors;
  };

  const firmSpace = BRAND_SPACE * INDUSTRY.length * FORMS.length;
  const enterprises: SyntheticEnterprise[] = [];
  const firmsOfSector = new Map<SectorCode, number[]>();
  const firstPark: number[] = [];
  for (let i = 0; i < n; i++) {
    // A distinct (brand, industry word, legal form) triple per firm, so names never repeat.
    const j = scatter(i, firmSpace, offsets.firm % firmSpace);
    const suffixes = INDUSTRY.length * FORMS.length;
    const t = ((j % suffixes) * 31) % suffixes; // 31 is coprime to 48: neighbours differ in both words
    const industry = t % INDUSTRY.length;
    const form = Math.floor(t / INDUSTRY.length);
    const b = brand(Math.floor(j / INDUSTRY.length / FORMS.length), 0, order);
    const parkCount = random.chance(0.2) ? 2 : 1;
    const parkIdx = [parkTable.draw(random)];
    if (parkCount === 2) {
      const other = parkTable.draw(random);
      if (other !== parkIdx[0]) parkIdx.push(other);
    }
    // Firms tend to sit where their sector is a focus: the first sector follows the park's focus
    // six times in ten.
    const focus = focusOf(parkIdx[0]);
    const sectorSet = new Set<SectorCode>();
    if (focus.length && random.chance(0.6)) sectorSet.add(random.pick(focus));
    const wanted = SECTOR_COUNT.draw(random);
    for (let guard = 0; sectorSet.size < wanted && guard < 20; guard++) sectorSet.add(SECTORS.draw(random));
    const sectors = [...sectorSet];
    const layer = LAYERS.draw(random);
    for (const s of sectors) {
      let list = firmsOfSector.get(s);
      if (!list) firmsOfSector.set(s, (list = []));
      list.push(i);
    }
    firstPark.push(parkIdx[0]);
    enterprises.push({
      nameZh: `${b.zh}${INDUSTRY[industry]}${FORMS[form]}${MARKER}`,
      nameEn: `${b.en} ${INDUSTRY_EN[industry]} Co. (synthetic ${i + 1})`,
      layer,
      foundedYear: random.int(1995, 2025),
      summary: `合成数据：服务${sectors.map((s) => SECTOR_ZH[s]).join('、')}的人工智能企业。 Synthetic firm for benchmarks; not a real company.`,
      sectors,
      parks: parkIdx.map((p) => parkRefs[p]),
    });
  }

  const firmIn = (sector: SectorCode): number => {
    const list = firmsOfSector.get(sector);
    return list && list.length ? random.pick(list) : random.int(0, n - 1);
  };

  const platforms: SyntheticPlatform[] = [];
  for (let i = 0; i < counts.platforms; i++) {
    const host = random.int(0, n - 1);
    const hosts = [host];
    if (random.chance(0.15)) {
      const other = random.int(0, n - 1);
      if (other !== host) hosts.push(other);
    }
    const kind = PLATFORM_KINDS.draw(random);
    const level = kind === PlatformKind.NATIONAL_OPEN_INNOVATION_PLATFORM ? PlatformLevel.NATIONAL : LEVELS.draw(random);
    const sectors = enterprises[host].sectors.slice(0, random.int(1, 2));
    const b = brand(i, offsets.platform, order);
    platforms.push({
      nameZh: `${b.zh}${SECTOR_ZH[sectors[0]]}${PLATFORM_KIND_ZH[kind]}${MARKER}`,
      nameEn: `${b.en} Platform ${i + 1} (synthetic)`,
      kind,
      level,
      foundedYear: random.int(2005, 2025),
      park: random.chance(0.85) ? parkRefs[firstPark[host]] : null,
      sectors,
      hosts,
    });
  }

  const scenarios: SyntheticScenario[] = [];
  for (let i = 0; i < counts.scenarios; i++) {
    const sector = SECTORS.draw(random);
    const providers = new Set<number>();
    const wanted = random.int(1, 3);
    for (let guard = 0; providers.size < wanted && guard < 10; guard++) providers.add(firmIn(sector));
    const b = brand(i, offsets.scenario, order);
    scenarios.push({
      nameZh: `${b.zh}${random.pick(SCENARIO_TOPICS[sector])}场景${MARKER}`,
      nameEn: `${b.en} scenario ${i + 1} (synthetic)`,
      sector,
      status: STATUSES.draw(random),
      year: random.int(2022, 2026),
      park: random.chance(0.8) ? parkRefs[parkTable.draw(random)] : null,
      providers: [...providers],
    });
  }

  const largeModels: SyntheticLargeModel[] = [];
  for (let i = 0; i < counts.largeModels; i++) {
    const domain = DOMAINS.draw(random);
    const sector = DOMAIN_SECTOR[domain];
    const developers = new Set([firmIn(sector)]);
    if (random.chance(0.3)) developers.add(firmIn(sector));
    const b = brand(i, offsets.model, order);
    largeModels.push({
      nameZh: `${b.zh}${DOMAIN_ZH[domain]}大模型${MARKER}`,
      nameEn: `${b.en} ${domain.toLowerCase()} model ${i + 1} (synthetic)`,
      domain,
      status: MODEL_STATUSES.draw(random),
      releasedYear: random.int(2023, 2026),
      sectors: random.chance(0.3) ? [sector, SECTORS.draw(random)].filter((s, k, a) => a.indexOf(s) === k) : [sector],
      developers: [...developers],
    });
  }

  const more = generateFirmFacts(random, { n, order, counts, enterprises, platforms, firmIn, reference });
  return { options, parks, enterprises, platforms, scenarios, largeModels, ...more };
}

/** Chain links, designations, figures, institutions, tasks, data products and vouchers. */
function generateFirmFacts(
  random: Random,
  ctx: {
    n: number;
    order: number[];
    counts: ReturnType<typeof syntheticCounts>;
    enterprises: SyntheticEnterprise[];
    platforms: SyntheticPlatform[];
    firmIn: (sector: SectorCode) => number;
    reference: SyntheticReference;
  },
): Pick<SyntheticDataSet, 'chainLinks' | 'designations' | 'figures' | 'institutions' | 'nationalTasks' | 'dataProducts' | 'voucherPrograms' | 'voucherGrants'> {
  const { n, order, counts, enterprises, platforms, firmIn, reference } = ctx;
  const offsets = {
    institution: random.int(0, BRAND_SPACE - 1),
    task: random.int(0, BRAND_SPACE - 1),
    product: random.int(0, BRAND_SPACE - 1),
  };

  // Each firm sits on one or two segments of its own layer; an application firm prefers its
  // sectors' segments (人工智能+智慧海洋 for an ocean firm) over the shared ones.
  const nodesOf = new Map<string, number[]>();
  const put = (key: string, id: number) => {
    let list = nodesOf.get(key);
    if (!list) nodesOf.set(key, (list = []));
    list.push(id);
  };
  for (const node of reference.chainNodes) {
    put(node.layer, node.id);
    if (node.sectorCode) put(`${node.layer}:${node.sectorCode}`, node.id);
  }
  const chainLinks: number[][] = enterprises.map((e) => {
    const pool = (e.layer === ChainLayer.APPLICATION && nodesOf.get(`${e.layer}:${e.sectors[0]}`)) || nodesOf.get(e.layer);
    if (!pool?.length) return [];
    const first = random.pick(pool);
    if (!random.chance(0.3)) return [first];
    const second = random.pick(nodesOf.get(e.layer)!);
    return second === first ? [first] : [first, second];
  });

  const designations: SyntheticDesignation[] = [];
  const figures: SyntheticFigure[] = [];
  for (let i = 0; i < n; i++) {
    if (random.chance(DESIGNATED_SHARE)) {
      const held = new Set<string>();
      const wanted = random.chance(0.2) ? 2 : 1;
      for (let guard = 0; held.size < wanted && guard < 5; guard++) {
        const [kind, level] = DESIGNATIONS.draw(random);
        if (held.has(`${kind}:${level}`)) continue;
        held.add(`${kind}:${level}`);
        designations.push({ enterprise: i, kind, level, year: random.int(Math.max(2015, enterprises[i].foundedYear + 1), 2025) });
      }
    }
    if (random.chance(FIGURES_SHARE)) {
      // Sizes follow a long tail: most firms small, a few large; R&D a share of revenue.
      let headcount = Math.round(10 * Math.exp(random.next() * 5));
      let revenue = Math.round(headcount * (30 + random.next() * 70));
      for (const year of FIGURE_YEARS) {
        const rd = Math.round(revenue * (0.03 + random.next() * 0.15));
        figures.push(
          { enterprise: i, year, metric: FirmFigureMetric.REVENUE, value: revenue },
          { enterprise: i, year, metric: FirmFigureMetric.HEADCOUNT, value: headcount },
          { enterprise: i, year, metric: FirmFigureMetric.RD_SPENDING, value: rd },
        );
        revenue = Math.round(revenue * (0.9 + random.next() * 0.4));
        headcount = Math.max(1, Math.round(headcount * (0.9 + random.next() * 0.3)));
      }
    }
  }

  const forms = new WeightedTable(
    INSTITUTION_FORMS,
    INSTITUTION_FORMS.map((f) => f.weight),
  );
  const districts = new WeightedTable(
    DISTRICTS,
    DISTRICTS.map((d) => d.weight),
  );
  const institutions: SyntheticInstitution[] = [];
  for (let i = 0; i < counts.institutions; i++) {
    const form = forms.draw(random);
    const b = brand(i, offsets.institution, order);
    institutions.push({
      nameZh: `${b.zh}${form.zh}${MARKER}`,
      nameEn: `${b.en} ${form.en} ${i + 1} (synthetic)`,
      kind: form.kind,
      district: districts.draw(random).name,
      platforms: [],
    });
  }
  // One platform in ten is co-hosted by an institution (高校院所共建).
  if (institutions.length) {
    for (let p = 0; p < platforms.length; p++) if (random.chance(0.1)) institutions[random.int(0, institutions.length - 1)].platforms.push(p);
  }

  const nationalTasks: SyntheticTask[] = [];
  for (let i = 0; i < counts.nationalTasks; i++) {
    const sector = SECTORS.draw(random);
    const winners = new Set<number>();
    const wanted = random.int(1, 3);
    for (let guard = 0; winners.size < wanted && guard < 10; guard++) winners.add(firmIn(sector));
    const year = random.int(2024, 2026);
    const b = brand(i, offsets.task, order);
    nationalTasks.push({
      nameZh: `${b.zh}${SECTOR_ZH[sector]}${random.pick(TASK_TOPICS)}任务${MARKER}`,
      nameEn: `${b.en} innovation task ${i + 1} (synthetic)`,
      issuerZh: SYNTHETIC_ISSUER,
      batch: `${year}年第${random.int(1, 2)}批（合成）`,
      year,
      enterpriseWinners: [...winners],
      institutionWinners: institutions.length && random.chance(0.4) ? [random.int(0, institutions.length - 1)] : [],
    });
  }

  const dataProducts: SyntheticDataProduct[] = [];
  for (let i = 0; i < counts.dataProducts; i++) {
    const sector = SECTORS.draw(random);
    const kind = DATA_PRODUCT_KINDS.draw(random);
    const listed = random.chance(0.6);
    const b = brand(i, offsets.product, order);
    dataProducts.push({
      nameZh: `${b.zh}${SECTOR_ZH[sector]}${DATA_PRODUCT_WORD[kind]}${MARKER}`,
      nameEn: `${b.en} ${kind.toLowerCase().replace('_', ' ')} ${i + 1} (synthetic)`,
      kind,
      provider: firmIn(sector),
      exchange: listed ? SYNTHETIC_EXCHANGE : null,
      listedOn: listed ? isoDate(random.int(2023, 2026), random) : null,
      sectors: random.chance(0.25) ? [sector, SECTORS.draw(random)].filter((s, k, a) => a.indexOf(s) === k) : [sector],
    });
  }

  // Grants go to small firms mostly (the vouchers are meant for SMEs), a few firms more than once.
  const voucherGrants: SyntheticVoucherGrant[] = [];
  const budgets = VOUCHER_YEARS.map(() => 0);
  for (let i = 0; i < counts.voucherGrants; i++) {
    const program = random.int(0, VOUCHER_YEARS.length - 1);
    const amountYuan = random.int(50, 3000) * 100;
    budgets[program] += amountYuan;
    voucherGrants.push({
      program,
      enterprise: random.int(0, n - 1),
      computeCenter: reference.computeCenters.length && random.chance(0.7) ? random.pick(reference.computeCenters) : null,
      amountYuan,
      grantedOn: isoDate(VOUCHER_YEARS[program], random),
    });
  }
  const voucherPrograms: SyntheticVoucherProgram[] = VOUCHER_YEARS.map((year, k) => ({
    nameZh: `${year}年算力券${MARKER}`,
    nameEn: `Compute vouchers ${year} (synthetic)`,
    year,
    issuerZh: SYNTHETIC_ISSUER,
    // The budget covers the grants with room to spare, rounded up to a million yuan.
    totalBudgetYuan: Math.ceil((budgets[k] * 1.25 + 1) / 1e6) * 1e6,
    rules: '合成规则：每家企业每年最高30万元。（合成） Synthetic rules: at most 300,000 yuan per firm a year; not a real programme.',
  }));

  return { chainLinks, designations, figures, institutions, nationalTasks, dataProducts, voucherPrograms, voucherGrants };
}

/** A date in `year` (days 1-28, so every month has it). */
function isoDate(year: number, random: Random): string {
  return `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

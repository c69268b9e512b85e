import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../common/paths';

/** Shapes of the files in seeds/ (see seeds/FORMAT.md). */
export interface SourceEntry {
  kind: string;
  title: string;
  url: string | null;
  /** Null for SAMPLE sources: invented records were never checked against anything. */
  verifiedAt: string | null;
}

interface Cited {
  source: string;
  sourceNote?: string | null;
}

export interface SectorSeed extends Cited {
  code: string;
  nameZh: string;
  nameEn: string;
  description: string | null;
}
export interface ParkSeed extends Cited {
  key: string;
  nameZh: string;
  nameEn: string | null;
  aliases?: string[];
  district: string;
  role: string;
  latitude: number | null;
  longitude: number | null;
  foundedYear: number | null;
  description: string | null;
  focusSectors: string[];
}
export interface EnterpriseSeed extends Cited {
  key: string;
  nameZh: string;
  nameEn: string | null;
  aliases?: string[];
  creditCode: string | null;
  layer: string;
  foundedYear: number | null;
  website: string | null;
  summary: string | null;
  sectors: string[];
  parks: string[];
  /** Headquarters city (a name seeds/cities.json lists); 青岛市 when absent. */
  headquarters?: string;
  /** LOCAL (default), OUTSIDE or BOTH. */
  presence?: string;
  /** Keys of chain-map nodes (seeds/chain-nodes.json) the firm works in. */
  chainNodes?: string[];
}
export interface PlatformSeed extends Cited {
  key: string;
  nameZh: string;
  nameEn: string | null;
  aliases?: string[];
  kind: string;
  level: string;
  hosts: string[];
  park: string | null;
  sectors: string[];
  foundedYear: number | null;
  description?: string | null;
  /** Universities and institutes hosting the platform (institution keys). */
  hostInstitutions?: string[];
}
export interface ScenarioSeed extends Cited {
  key: string;
  nameZh: string;
  nameEn: string | null;
  sector: string;
  status: string;
  year: number | null;
  providers: string[];
  park: string | null;
  description: string | null;
}
export interface LargeModelSeed extends Cited {
  key: string;
  nameZh: string;
  nameEn: string | null;
  developers: string[];
  domain: string;
  sectors: string[];
  status: string;
  releasedYear: number | null;
  description: string | null;
}
export interface ComputeCenterSeed extends Cited {
  key: string;
  nameZh: string;
  nameEn: string | null;
  park: string | null;
  operatorZh: string | null;
  status: string;
  /** GENERAL/INTELLIGENT/SUPERCOMPUTING/EDGE, or null when no source states it. */
  kind: string | null;
  kindNote: string | null;
  inComputeNetwork: boolean | null;
  description: string | null;
  /** Capacity per kind, each figure with its own source. */
  capacities: Array<Cited & { kind: string | null; capacityPflops: number }>;
}
export interface VoucherProgramSeed extends Cited {
  key: string;
  nameZh: string;
  nameEn: string | null;
  year: number | null;
  issuerZh: string | null;
  totalBudgetYuan: number | null;
  rules: string | null;
}
export interface VoucherGrantSeed extends Cited {
  key: string;
  program: string;
  enterprise: string;
  computeCenter: string | null;
  amountYuan: number;
  grantedOn: string | null;
  note: string | null;
}
export interface InstitutionSeed extends Cited {
  key: string;
  nameZh: string;
  nameEn: string | null;
  aliases?: string[];
  kind: string;
  district: string | null;
  website: string | null;
  description: string | null;
}
export interface NationalTaskSeed extends Cited {
  key: string;
  nameZh: string;
  nameEn: string | null;
  issuerZh: string;
  issuerEn: string | null;
  batch: string | null;
  year: number;
  description: string | null;
  enterpriseWinners: string[];
  institutionWinners: string[];
}
export interface IndicatorSeed extends Cited {
  key: string;
  kind: string;
  action: string;
  titleZh: string;
  titleEn: string;
  unit: string;
  year: number;
  shape: string;
  min: number;
  max: number | null;
  approximate: boolean;
  metric: string | null;
  /** Further sources that state the figure (the launch report beside the full text). */
  alsoCites?: string[];
}

export interface DesignationSeed extends Cited {
  enterprise: string;
  kind: string;
  level: string;
  year: number;
}
export interface FirmFigureSeed extends Cited {
  enterprise: string;
  year: number;
  metric: string;
  value: number;
}
export interface DataProductSeed extends Cited {
  key: string;
  nameZh: string;
  nameEn: string | null;
  aliases?: string[];
  kind: string;
  provider: string | null;
  exchange: string | null;
  listedOn: string | null;
  sectors: string[];
  description: string | null;
}

export interface SeedSet {
  sources: Record<string, SourceEntry>;
  sectors: SectorSeed[];
  parks: ParkSeed[];
  computeCenters: ComputeCenterSeed[];
  indicators: IndicatorSeed[];
  enterprises: EnterpriseSeed[];
  platforms: PlatformSeed[];
  scenarios: ScenarioSeed[];
  largeModels: LargeModelSeed[];
  /** Cited institutions (institutions.json), then the sample ones. */
  institutions: InstitutionSeed[];
  nationalTasks: NationalTaskSeed[];
  voucherPrograms: VoucherProgramSeed[];
  voucherGrants: VoucherGrantSeed[];
  designations: DesignationSeed[];
  firmFigures: FirmFigureSeed[];
  dataProducts: DataProductSeed[];
}

function read<T>(dir: string, file: string): T[] {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) return [];
  return (JSON.parse(fs.readFileSync(full, 'utf8')) as { records: T[] }).records;
}

/** Reads every seed file; `dir` defaults to the project's seeds/ folder. */
export function readSeeds(dir = path.join(projectRoot(), 'seeds')): SeedSet {
  const sources = (JSON.parse(fs.readFileSync(path.join(dir, 'sources.json'), 'utf8')) as { sources: Record<string, SourceEntry> }).sources;
  return {
    sources,
    sectors: read(dir, 'sectors.json'),
    parks: read(dir, 'parks.json'),
    computeCenters: read(dir, 'compute-centers.json'),
    indicators: read(dir, 'plan-indicators.json'),
    enterprises: [...read<EnterpriseSeed>(dir, 'sample/enterprises.json'), ...read<EnterpriseSeed>(dir, 'sample/outside-enterprises.json')],
    platforms: read(dir, 'sample/platforms.json'),
    scenarios: read(dir, 'sample/scenarios.json'),
    largeModels: read(dir, 'sample/large-models.json'),
    institutions: [...read<InstitutionSeed>(dir, 'institutions.json'), ...read<InstitutionSeed>(dir, 'sample/institutions.json')],
    nationalTasks: read(dir, 'sample/national-tasks.json'),
    voucherPrograms: read(dir, 'compute-voucher-programs.json'),
    voucherGrants: read(dir, 'sample/compute-voucher-grants.json'),
    designations: read(dir, 'sample/designations.json'),
    firmFigures: read(dir, 'sample/firm-figures.json'),
    dataProducts: read(dir, 'sample/data-products.json'),
  };
}

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
  capacityPflops: number | null;
  status: string;
  description: string | null;
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
    enterprises: read(dir, 'sample/enterprises.json'),
    platforms: read(dir, 'sample/platforms.json'),
    scenarios: read(dir, 'sample/scenarios.json'),
    largeModels: read(dir, 'sample/large-models.json'),
  };
}

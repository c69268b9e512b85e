import { SqlEntityManager } from '@mikro-orm/postgresql';
import { INVENTED_KINDS, Provenance, ProvenanceKind } from '../../common/provenance';
import { ComputeCenter, ComputeCenterStatus } from '../../modules/compute-center/compute-center.entity';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { Enterprise } from '../../modules/enterprise/enterprise.entity';
import { LargeModel } from '../../modules/large-model/large-model.entity';
import { LargeModelDomain, LargeModelStatus } from '../../modules/large-model/large-model.enums';
import { ParkRole } from '../../modules/park/park-role.enum';
import { Park } from '../../modules/park/park.entity';
import { comparatorOf, IndicatorKind, PlanActionCode, PlanIndicator, TargetShape } from '../../modules/plan/plan-indicator.entity';
import { PlatformKind, PlatformLevel } from '../../common/vocabulary/platform.enums';
import { InnovationPlatform } from '../../modules/platform/platform.entity';
import { ScenarioStatus } from '../../common/vocabulary/scenario-status.enum';
import { Scenario } from '../../modules/scenario/scenario.entity';
import { SectorCode } from '../../modules/sector/sector-code.enum';
import { Sector } from '../../modules/sector/sector.entity';
import { readSeeds, SeedSet } from './seed-files';
import { pgArray } from '../../common/sql';

export interface SeedReport {
  sectors: number;
  parks: number;
  enterprises: number;
  platforms: number;
  scenarios: number;
  largeModels: number;
  computeCenters: number;
  indicators: number;
}

/**
 * Links the seeded firms to the chain map, whose nodes the migration already holds (by their seed
 * keys). A key the map lacks aborts the load, naming the firm.
 */
async function linkChainNodes(tx: SqlEntityManager, seeds: SeedSet['enterprises'], firms: Map<string, Enterprise>): Promise<void> {
  const rows = (await tx.execute('select id, key from chain_node where key is not null')) as Array<{ id: number; key: string }>;
  const nodeIds = new Map(rows.map((r) => [r.key, Number(r.id)]));
  const pairs: Array<[number, number]> = [];
  for (const e of seeds) {
    for (const key of e.chainNodes ?? []) {
      const nodeId = nodeIds.get(key);
      if (nodeId === undefined) throw new Error(`seeds: enterprise ${e.key} refers to unknown chain node "${key}"`);
      pairs.push([firms.get(e.key)!.id, nodeId]);
    }
  }
  if (!pairs.length) return;
  await tx.execute('insert into enterprise_chain_node (enterprise_id, chain_node_id) select * from unnest(?::int[], ?::int[]) on conflict do nothing', [
    pgArray(pairs.map((p) => p[0])),
    pgArray(pairs.map((p) => p[1])),
  ]);
}

/** Whether the directory holds no data yet (the sectors are always the first thing seeded). */
export async function isEmpty(em: SqlEntityManager): Promise<boolean> {
  const [row] = (await em.execute('select count(*)::int as n from sector')) as Array<{ n: number }>;
  return row.n === 0;
}

/**
 * Loads the seeds into an empty directory in one transaction: the plan's own records (sectors,
 * parks, compute facilities, targets) and the sample dataset. A broken reference in the files
 * aborts the whole load with a message naming the record.
 */
export async function seedDatabase(em: SqlEntityManager, seeds: SeedSet = readSeeds()): Promise<SeedReport> {
  return em.transactional(async (tx) => {
    const provenance = (record: { source: string; sourceNote?: string | null }, what: string): Provenance => {
      const source = seeds.sources[record.source];
      if (!source) throw new Error(`seeds: ${what} cites unknown source "${record.source}"`);
      const kind = source.kind as ProvenanceKind;
      return Object.assign(new Provenance(), {
        kind,
        source: source.title,
        url: source.url,
        verifiedAt: INVENTED_KINDS.includes(kind) ? null : source.verifiedAt,
        note: record.sourceNote ?? null,
      });
    };
    const lookup = <T>(map: Map<string, T>, key: string, what: string): T => {
      const found = map.get(key);
      if (!found) throw new Error(`seeds: ${what} refers to unknown key "${key}"`);
      return found;
    };

    const sectors = new Map<string, Sector>();
    seeds.sectors.forEach((s, position) => {
      sectors.set(
        s.code,
        tx.create(Sector, {
          code: s.code as SectorCode,
          nameZh: s.nameZh,
          nameEn: s.nameEn,
          description: s.description,
          position,
          provenance: provenance(s, `sector ${s.code}`),
        }),
      );
    });

    const parks = new Map<string, Park>();
    for (const p of seeds.parks) {
      const park = tx.create(Park, {
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        aliases: p.aliases ?? [],
        district: p.district,
        role: p.role as ParkRole,
        latitude: p.latitude,
        longitude: p.longitude,
        foundedYear: p.foundedYear,
        description: p.description,
        provenance: provenance(p, `park ${p.key}`),
      });
      park.focusSectorCollection.set(p.focusSectors.map((c) => lookup(sectors, c, `park ${p.key}`)));
      parks.set(p.key, park);
    }

    for (const c of seeds.computeCenters) {
      tx.create(ComputeCenter, {
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        operatorZh: c.operatorZh,
        capacityPflops: c.capacityPflops,
        status: c.status as ComputeCenterStatus,
        description: c.description,
        park: c.park ? lookup(parks, c.park, `compute centre ${c.key}`) : null,
        provenance: provenance(c, `compute centre ${c.key}`),
      });
    }

    for (const i of seeds.indicators) {
      const citations = [...(i.alsoCites ?? []), i.source].map((key) => {
        const s = seeds.sources[key];
        if (!s) throw new Error(`seeds: indicator ${i.key} cites unknown source "${key}"`);
        return { title: s.title, url: s.url, kind: s.kind };
      });
      tx.create(PlanIndicator, {
        key: i.key,
        kind: i.kind as IndicatorKind,
        action: i.action as PlanActionCode,
        titleZh: i.titleZh,
        titleEn: i.titleEn,
        unit: i.unit,
        year: i.year,
        shape: i.shape as TargetShape,
        minValue: i.min,
        maxValue: i.max,
        approximate: i.approximate,
        value: i.min,
        comparator: comparatorOf(i.shape as TargetShape),
        metric: i.metric,
        citations,
        provenance: provenance(i, `indicator ${i.key}`),
      });
    }

    const enterprises = new Map<string, Enterprise>();
    for (const e of seeds.enterprises) {
      const firm = tx.create(Enterprise, {
        nameZh: e.nameZh,
        nameEn: e.nameEn,
        aliases: e.aliases ?? [],
        creditCode: e.creditCode,
        layer: e.layer as ChainLayer,
        foundedYear: e.foundedYear,
        website: e.website,
        summary: e.summary,
        provenance: provenance(e, `enterprise ${e.key}`),
      });
      firm.sectorCollection.set(e.sectors.map((c) => lookup(sectors, c, `enterprise ${e.key}`)));
      firm.parkCollection.set(e.parks.map((k) => lookup(parks, k, `enterprise ${e.key}`)));
      enterprises.set(e.key, firm);
    }

    for (const p of seeds.platforms) {
      const platform = tx.create(InnovationPlatform, {
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        aliases: p.aliases ?? [],
        kind: p.kind as PlatformKind,
        level: p.level as PlatformLevel,
        foundedYear: p.foundedYear,
        description: p.description ?? null,
        park: p.park ? lookup(parks, p.park, `platform ${p.key}`) : null,
        provenance: provenance(p, `platform ${p.key}`),
      });
      platform.hostCollection.set(p.hosts.map((k) => lookup(enterprises, k, `platform ${p.key}`)));
      platform.sectorCollection.set(p.sectors.map((c) => lookup(sectors, c, `platform ${p.key}`)));
    }

    for (const s of seeds.scenarios) {
      const scenario = tx.create(Scenario, {
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        sector: lookup(sectors, s.sector, `scenario ${s.key}`),
        status: s.status as ScenarioStatus,
        year: s.year,
        description: s.description,
        park: s.park ? lookup(parks, s.park, `scenario ${s.key}`) : null,
        provenance: provenance(s, `scenario ${s.key}`),
      });
      scenario.providerCollection.set(s.providers.map((k) => lookup(enterprises, k, `scenario ${s.key}`)));
    }

    for (const m of seeds.largeModels) {
      const model = tx.create(LargeModel, {
        nameZh: m.nameZh,
        nameEn: m.nameEn,
        domain: m.domain as LargeModelDomain,
        status: m.status as LargeModelStatus,
        releasedYear: m.releasedYear,
        description: m.description,
        provenance: provenance(m, `large model ${m.key}`),
      });
      model.developerCollection.set(m.developers.map((k) => lookup(enterprises, k, `large model ${m.key}`)));
      model.sectorCollection.set(m.sectors.map((c) => lookup(sectors, c, `large model ${m.key}`)));
    }

    await tx.flush();
    await linkChainNodes(tx, seeds.enterprises, enterprises);
    return {
      sectors: seeds.sectors.length,
      parks: seeds.parks.length,
      enterprises: seeds.enterprises.length,
      platforms: seeds.platforms.length,
      scenarios: seeds.scenarios.length,
      largeModels: seeds.largeModels.length,
      computeCenters: seeds.computeCenters.length,
      indicators: seeds.indicators.length,
    };
  });
}

import { SqlEntityManager } from '@mikro-orm/postgresql';
import { INVENTED_KINDS, Provenance, ProvenanceKind } from '../../common/provenance';
import { ComputeCenter, ComputeCenterStatus } from '../../modules/compute-center/compute-center.entity';
import { ComputeKind } from '../../modules/compute-center/compute-center.enums';
import { COMPUTE_CAPACITY_TABLE } from '../../modules/compute-center/compute-center.service';
import { ComputeVoucherGrant } from '../../modules/voucher-grant/voucher-grant.entity';
import { ComputeVoucherProgram } from '../../modules/voucher-program/voucher-program.entity';
import { pgArray, runSql, sql } from '../../common/sql';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { DataProduct } from '../../modules/data-product/data-product.entity';
import { DataProductKind } from '../../modules/data-product/data-product.enums';
import { Designation } from '../../modules/designation/designation.entity';
import { DesignationKind, DesignationLevel } from '../../common/vocabulary/designation.enums';
import { Enterprise } from '../../modules/enterprise/enterprise.entity';
import { InstitutionKind } from '../../modules/institution/institution-kind.enum';
import { Institution } from '../../modules/institution/institution.entity';
import { NationalInnovationTask } from '../../modules/national-task/national-task.entity';
import { FirmFigure } from '../../modules/firm-figure/firm-figure.entity';
import { FirmFigureMetric } from '../../modules/firm-figure/firm-figure.enums';
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
import { EnterpriseSeed, readSeeds, SeedSet } from './seed-files';
import { cleanLocation } from '../../modules/enterprise/enterprise.editing';
import { UserErrors } from '../../common/editing/user-error';
import { QINGDAO, SHANDONG } from '../../common/vocabulary/cities';
import { Presence } from '../../common/vocabulary/presence.enum';

export interface SeedReport {
  sectors: number;
  parks: number;
  enterprises: number;
  platforms: number;
  scenarios: number;
  largeModels: number;
  computeCenters: number;
  indicators: number;
  institutions: number;
  nationalTasks: number;
  designations: number;
  firmFigures: number;
  dataProducts: number;
}

/** A seeded firm's location, checked by the same rules as a mutation's. */
function seedLocation(e: EnterpriseSeed): Pick<Enterprise, 'headquartersCity' | 'headquartersProvince' | 'presence'> {
  const errors = new UserErrors();
  const values = cleanLocation({ headquartersCity: e.headquarters, presence: e.presence }, errors, [e.key]);
  if (!errors.empty) throw new Error(`seeds: enterprise ${e.key}: ${errors.list.map((x) => x.message).join('; ')}`);
  return {
    headquartersCity: (values.headquartersCity as string | undefined) ?? QINGDAO,
    headquartersProvince: (values.headquartersProvince as string | undefined) ?? SHANDONG,
    presence: (values.presence as Presence | undefined) ?? Presence.LOCAL,
  };
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

    const computeCenters = new Map<string, ComputeCenter>();
    for (const c of seeds.computeCenters) {
      const center = tx.create(ComputeCenter, {
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        operatorZh: c.operatorZh,
        status: c.status as ComputeCenterStatus,
        kind: (c.kind as ComputeKind | null) ?? null,
        kindNote: c.kindNote ?? null,
        inComputeNetwork: c.inComputeNetwork ?? null,
        description: c.description,
        park: c.park ? lookup(parks, c.park, `compute centre ${c.key}`) : null,
        provenance: provenance(c, `compute centre ${c.key}`),
      });
      computeCenters.set(c.key, center);
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

    const institutions = new Map<string, Institution>();
    for (const i of seeds.institutions) {
      institutions.set(
        i.key,
        tx.create(Institution, {
          nameZh: i.nameZh,
          nameEn: i.nameEn,
          aliases: i.aliases ?? [],
          kind: i.kind as InstitutionKind,
          district: i.district,
          website: i.website,
          description: i.description,
          provenance: provenance(i, `institution ${i.key}`),
        }),
      );
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
        ...seedLocation(e),
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
      platform.institutionHostCollection.set((p.hostInstitutions ?? []).map((k) => lookup(institutions, k, `platform ${p.key}`)));
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

    for (const t of seeds.nationalTasks) {
      const task = tx.create(NationalInnovationTask, {
        nameZh: t.nameZh,
        nameEn: t.nameEn,
        issuerZh: t.issuerZh,
        issuerEn: t.issuerEn,
        batch: t.batch,
        year: t.year,
        description: t.description,
        provenance: provenance(t, `national task ${t.key}`),
      });
      task.enterpriseWinnerCollection.set(t.enterpriseWinners.map((k) => lookup(enterprises, k, `national task ${t.key}`)));
      task.institutionWinnerCollection.set(t.institutionWinners.map((k) => lookup(institutions, k, `national task ${t.key}`)));
    }

    const programs = new Map<string, ComputeVoucherProgram>();
    for (const p of seeds.voucherPrograms) {
      programs.set(
        p.key,
        tx.create(ComputeVoucherProgram, {
          nameZh: p.nameZh,
          nameEn: p.nameEn,
          year: p.year,
          issuerZh: p.issuerZh,
          totalBudgetYuan: p.totalBudgetYuan,
          rules: p.rules,
          provenance: provenance(p, `voucher programme ${p.key}`),
        }),
      );
    }
    for (const g of seeds.voucherGrants) {
      tx.create(ComputeVoucherGrant, {
        program: lookup(programs, g.program, `voucher grant ${g.key}`),
        enterprise: lookup(enterprises, g.enterprise, `voucher grant ${g.key}`),
        computeCenter: g.computeCenter ? lookup(computeCenters, g.computeCenter, `voucher grant ${g.key}`) : null,
        amountYuan: g.amountYuan,
        grantedOn: g.grantedOn,
        note: g.note,
        provenance: provenance(g, `voucher grant ${g.key}`),
      });
    }

    for (const d of seeds.designations) {
      tx.create(Designation, {
        enterprise: lookup(enterprises, d.enterprise, `designation ${d.enterprise}/${d.kind}`),
        kind: d.kind as DesignationKind,
        level: d.level as DesignationLevel,
        year: d.year,
        provenance: provenance(d, `designation ${d.enterprise}/${d.kind}`),
      });
    }

    for (const f of seeds.firmFigures) {
      tx.create(FirmFigure, {
        enterprise: lookup(enterprises, f.enterprise, `firm figure ${f.enterprise}/${f.year}/${f.metric}`),
        year: f.year,
        metric: f.metric as FirmFigureMetric,
        value: f.value,
        provenance: provenance(f, `firm figure ${f.enterprise}/${f.year}/${f.metric}`),
      });
    }

    for (const p of seeds.dataProducts) {
      const product = tx.create(DataProduct, {
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        aliases: p.aliases ?? [],
        kind: p.kind as DataProductKind,
        provider: p.provider ? lookup(enterprises, p.provider, `data product ${p.key}`) : null,
        exchange: p.exchange,
        listedOn: p.listedOn,
        description: p.description,
        provenance: provenance(p, `data product ${p.key}`),
      });
      product.sectorCollection.set(p.sectors.map((c) => lookup(sectors, c, `data product ${p.key}`)));
    }

    await tx.flush();
    // Capacities are value rows of their facility (no entity): written once the facilities have ids.
    for (const c of seeds.computeCenters) {
      const center = computeCenters.get(c.key)!;
      for (const cap of c.capacities ?? []) {
        const p = provenance(cap, `capacity of compute centre ${c.key}`);
        await runSql(
          tx,
          sql`insert into ${sql.ident(COMPUTE_CAPACITY_TABLE)} (compute_center_id, kind, capacity_pflops, provenance_kind, provenance_source, provenance_url, provenance_verified_at, provenance_note)
              values (${center.id}, ${cap.kind}, ${cap.capacityPflops}, ${p.kind}, ${p.source}, ${p.url ?? null}, ${p.verifiedAt ?? null}, ${p.note ?? null})`,
        );
      }
    }
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
      institutions: seeds.institutions.length,
      nationalTasks: seeds.nationalTasks.length,
      designations: seeds.designations.length,
      firmFigures: seeds.firmFigures.length,
      dataProducts: seeds.dataProducts.length,
    };
  });
}

import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { canonicalDistrictSql } from '../district/district.service';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { INVENTED_KINDS } from '../../common/provenance';
import { DesignationKind, DesignationLevel } from '../../common/vocabulary/designation.enums';
import { designationType } from '../designation/designation.descriptor';
import { firmFigureType } from '../firm-figure/firm-figure.descriptor';
import { cityByStoredName, provinceEnglish } from '../../common/vocabulary/cities';
import { Presence } from '../../common/vocabulary/presence.enum';
import type { EnterpriseFilter } from '../enterprise/enterprise.inputs';
import { applyEnterpriseFilter } from '../enterprise/enterprise.service';
import { PlatformKind, PlatformLevel } from '../../common/vocabulary/platform.enums';
import type { PlatformFilter } from '../platform/platform.inputs';
import { applyPlatformFilter } from '../platform/platform.service';
import { ScenarioStatus } from '../../common/vocabulary/scenario-status.enum';
import type { ScenarioFilter } from '../scenario/scenario.inputs';
import { applyScenarioFilter } from '../scenario/scenario.service';
import { allSectors } from '../sector/sector.service';
import { CHAIN_CLOSURE, CHAIN_LINK_TABLE, chainTree } from '../chain-node/chain-node.service';
import {
  DesignationCount,
  ChainNodeCount,
  DistrictCount,
  EnterpriseFacets,
  FigureYearSummary,
  LayerCount,
  PresenceCount,
  HeadquartersCityCount,
  ProvinceCount,
  ParkCount,
  PlatformFacets,
  PlatformKindCount,
  PlatformLevelCount,
  ScenarioFacets,
  ScenarioStatusCount,
  SectorCount,
  YearCount,
} from './facets.types';

/** One bucket of a facet statement: the dimension it belongs to, its key, its count. */
interface FacetRow {
  dim: string;
  key: string | null;
  n: number;
}

type Buckets = Map<string, Array<{ key: string | null; n: number }>>;

/**
 * Whether a filter selects everything: no field holds a value. Works for any filter input,
 * including fields added later (composed AND/OR lists, ranges), since any set field counts.
 */
export function selectsEverything(filter: object | null | undefined): boolean {
  if (!filter) return true;
  return Object.values(filter).every((v) => v === null || v === undefined || (Array.isArray(v) && v.length === 0));
}

/** The compiled SQL and bindings of a query builder, to embed it in a larger statement. */
function compiled(qb: Knex.QueryBuilder): { sql: string; bindings: readonly unknown[] } {
  const { sql, bindings } = qb.toSQL();
  return { sql, bindings };
}

async function runFacets(ctx: Context, sql: string, bindings: readonly unknown[]): Promise<Buckets> {
  const rows = (await ctx.em.execute(ctx.em.getKnex().raw(sql, bindings as Knex.RawBinding[]))) as FacetRow[];
  const buckets: Buckets = new Map();
  for (const row of rows) {
    let list = buckets.get(row.dim);
    if (!list) buckets.set(row.dim, (list = []));
    list.push({ key: row.key, n: Number(row.n) });
  }
  return buckets;
}

/** Counts keyed by a closed set of values, in that set's order, zeros included. */
function closedCounts<K extends string>(buckets: Buckets, dim: string, keys: readonly K[]): Array<{ key: K; count: number }> {
  const found = new Map((buckets.get(dim) ?? []).map((b) => [b.key, b.n]));
  return keys.map((key) => ({ key, count: found.get(key) ?? 0 }));
}

async function sectorCounts(ctx: Context, buckets: Buckets, dim = 'sector'): Promise<SectorCount[]> {
  const sectors = await allSectors(ctx);
  const found = new Map((buckets.get(dim) ?? []).map((b) => [b.key, b.n]));
  return sectors.map((sector) => Object.assign(new SectorCount(), { sector, count: found.get(sector.code) ?? 0 }));
}

/** Parks with a count, most first, ties by id; the null key (no park) is returned apart. */
function parkCounts(buckets: Buckets): { byPark: ParkCount[]; withoutPark: number } {
  let withoutPark = 0;
  const byPark: ParkCount[] = [];
  for (const b of buckets.get('park') ?? []) {
    if (b.key === null) withoutPark += b.n;
    else byPark.push(Object.assign(new ParkCount(), { parkId: Number(b.key), count: b.n }));
  }
  byPark.sort((a, b) => b.count - a.count || a.parkId - b.parkId);
  return { byPark, withoutPark };
}

/** The selected records per provenance kind (the `provenance` buckets), for the answer's data notice. */
function noteProvenance(ctx: Context, buckets: Buckets): void {
  ctx.provenance.noteCounted((buckets.get('provenance') ?? []).map((b) => [b.key ?? '', b.n] as const));
}

function total(buckets: Buckets): number {
  return buckets.get('total')?.[0]?.n ?? 0;
}

/**
 * Facets of the firms `filter` selects: one SQL statement. The filter is evaluated once (a
 * materialised CTE); with no filter the pivots are counted directly, without joining the firms.
 */
export async function enterpriseFacets(
  ctx: Context,
  filter: EnterpriseFilter | null,
  needs: { chainNodes: boolean } = { chainNodes: true },
): Promise<EnterpriseFacets> {
  const knex = ctx.em.getKnex();
  const everything = selectsEverything(filter);
  let prefix = '';
  let bindings: readonly unknown[] = [];
  if (!everything) {
    const qb = knex('enterprise as e').select('e.id', 'e.layer', 'e.provenance_kind', 'e.presence', 'e.headquarters_province', 'e.headquarters_city');
    applyEnterpriseFilter(qb, knex, filter!);
    const inner = compiled(qb);
    prefix = `with f as materialized (${inner.sql}) `;
    bindings = inner.bindings;
  }
  const firms = everything ? 'enterprise f' : 'f';
  const via = (pivot: string, alias: string) => (everything ? `${pivot} ${alias}` : `f join ${pivot} ${alias} on ${alias}.enterprise_id = f.id`);
  const sql = `${prefix}
    select case when grouping(f.layer) = 0 then 'layer' when grouping(f.provenance_kind) = 0 then 'provenance'
                when grouping(f.presence) = 0 then 'presence' when grouping(f.headquarters_province) = 0 then 'province'
                when grouping(f.headquarters_city) = 0 then 'city' else 'total' end as dim,
           coalesce(f.layer, f.provenance_kind, f.presence, f.headquarters_province, f.headquarters_city)::text as key, count(*)::int as n
      from ${firms} group by grouping sets ((f.layer), (f.provenance_kind), (f.presence), (f.headquarters_province), (f.headquarters_city), ())
    union all
    select 'sector', es.sector_code, count(*)::int from ${via('enterprise_sector', 'es')} group by es.sector_code
    union all
    select 'park', ep.park_id::text, count(*)::int from ${via('enterprise_park', 'ep')} group by ep.park_id
    union all
    select 'district', ${canonicalDistrictSql('dp.district')}, count(distinct ep.enterprise_id)::int
      from ${via('enterprise_park', 'ep')} join park dp on dp.id = ep.park_id group by 2
    union all
    select 'designation', fd.kind || ':' || fd.level, count(distinct fd.enterprise_id)::int
      from ${via(designationType.table, 'fd')} group by fd.kind, fd.level
    union all
    ${figureYearsSql(firms)}${
      // The chain-map buckets only when byChainNode is selected (they need the map: one more statement).
      needs.chainNodes
        ? `
    union all
    select 'chain', cc.ancestor_id::text, count(distinct cl.enterprise_id)::int
      from ${via(CHAIN_LINK_TABLE, 'cl')} join ${CHAIN_CLOSURE} cc on cc.descendant_id = cl.chain_node_id group by cc.ancestor_id`
        : ''
    }`;
  const [buckets, tree] = await Promise.all([runFacets(ctx, sql, bindings), needs.chainNodes ? chainTree(ctx) : null]);
  noteProvenance(ctx, buckets);

  const byDistrict = (buckets.get('district') ?? [])
    .map((b) => Object.assign(new DistrictCount(), { district: b.key ?? '', count: b.n }))
    .sort((a, b) => b.count - a.count || (a.district < b.district ? -1 : a.district > b.district ? 1 : 0));
  return Object.assign(new EnterpriseFacets(), {
    total: total(buckets),
    bySector: await sectorCounts(ctx, buckets),
    byPark: parkCounts(buckets).byPark,
    byLayer: closedCounts(buckets, 'layer', Object.values(ChainLayer)).map((c) => Object.assign(new LayerCount(), { layer: c.key, count: c.count })),
    byDistrict,
    byDesignation: designationCounts(buckets),
    byFigureYear: figureYears(buckets),
    byPresence: closedCounts(buckets, 'presence', Object.values(Presence)).map((c) => Object.assign(new PresenceCount(), { presence: c.key, count: c.count })),
    byHeadquartersProvince: (buckets.get('province') ?? [])
      .map((b) => Object.assign(new ProvinceCount(), { province: b.key ?? '', provinceEn: provinceEnglish(b.key ?? ''), count: b.n }))
      .sort((a, b) => b.count - a.count || (a.province < b.province ? -1 : a.province > b.province ? 1 : 0)),
    byHeadquartersCity: (buckets.get('city') ?? [])
      .map((b) => {
        const city = cityByStoredName(b.key ?? '');
        return Object.assign(new HeadquartersCityCount(), { city: b.key ?? '', cityEn: city?.nameEn ?? '', province: city?.province ?? '', count: b.n });
      })
      .sort((a, b) => b.count - a.count || (a.city < b.city ? -1 : a.city > b.city ? 1 : 0)),
    byChainNode: tree
      ? closedCounts(
          buckets,
          'chain',
          tree.nodes.filter((n) => !n.retired).map((n) => String(n.id)),
        ).map((c) => Object.assign(new ChainNodeCount(), { chainNode: tree.byId.get(Number(c.key))!, count: c.count }))
      : [],
  });
}

const INVENTED = INVENTED_KINDS.map((k) => `'${k}'`).join(', ');

/** The per-year figure rows of the firms `f`: one bucket per (measure, year); reported and invented apart. */
function figureYearsSql(firms: string): string {
  // A figure is reported when neither it nor its firm is invented (sample or synthetic).
  const reported = `fg.provenance_kind not in (${INVENTED}) and f.provenance_kind not in (${INVENTED})`;
  const sum = (metric: string, where: string) => `coalesce(sum(fg.value) filter (where ${where} and fg.metric = '${metric}'), 0)`;
  return `select v.dim, x.year::text, v.n from (
      select fg.year,
             count(distinct fg.enterprise_id) filter (where ${reported}) as firms,
             count(distinct fg.enterprise_id) filter (where ${reported} and fg.metric = 'REVENUE') as revenue_firms,
             ${sum('REVENUE', reported)} as revenue, ${sum('HEADCOUNT', reported)} as headcount, ${sum('RD_SPENDING', reported)} as rd,
             count(distinct fg.enterprise_id) filter (where not (${reported})) as sample_firms,
             ${sum('REVENUE', `not (${reported})`)} as sample_revenue
        from ${firms} join ${firmFigureType.table} fg on fg.enterprise_id = f.id group by fg.year) x
    cross join lateral (values ('fig.firmsWithFigures', x.firms::float8), ('fig.firmsWithRevenue', x.revenue_firms::float8),
      ('fig.revenueTotal', x.revenue::float8), ('fig.headcountTotal', x.headcount::float8), ('fig.rdSpendingTotal', x.rd::float8),
      ('fig.sampleFirms', x.sample_firms::float8), ('fig.sampleRevenueTotal', x.sample_revenue::float8)) v(dim, n)`;
}

/** Every kind at every level, in schema order, zeros included. */
function designationCounts(buckets: Buckets): DesignationCount[] {
  const found = new Map((buckets.get('designation') ?? []).map((b) => [b.key, b.n]));
  return Object.values(DesignationKind).flatMap((kind) =>
    Object.values(DesignationLevel).map((level) => Object.assign(new DesignationCount(), { kind, level, count: found.get(`${kind}:${level}`) ?? 0 })),
  );
}

/** One summary per year that has a figure, oldest first. */
function figureYears(buckets: Buckets): FigureYearSummary[] {
  const years = new Map<number, FigureYearSummary>();
  for (const [dim, list] of buckets) {
    if (!dim.startsWith('fig.')) continue;
    const field = dim.slice(4) as keyof FigureYearSummary;
    for (const b of list) {
      const year = Number(b.key);
      let summary = years.get(year);
      if (!summary) years.set(year, (summary = Object.assign(new FigureYearSummary(), { year })));
      (summary as unknown as Record<string, number>)[field] = b.n;
    }
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

/** Facets of the scenarios `filter` selects: one statement with GROUPING SETS. */
export async function scenarioFacets(ctx: Context, filter: ScenarioFilter | null): Promise<ScenarioFacets> {
  const knex = ctx.em.getKnex();
  const qb = knex('scenario as s')
    .select(
      knex.raw(`case when grouping(s.sector_code) = 0 then 'sector' when grouping(s.status) = 0 then 'status'
        when grouping(s.park_id) = 0 then 'park' when grouping(s.year) = 0 then 'year'
        when grouping(s.provenance_kind) = 0 then 'provenance' else 'total' end as dim`),
      knex.raw('coalesce(s.sector_code, s.status, s.park_id::text, s.year::text, s.provenance_kind) as key'),
      knex.raw('count(*)::int as n'),
    )
    .groupByRaw('grouping sets ((s.sector_code), (s.status), (s.park_id), (s.year), (s.provenance_kind), ())');
  if (filter) applyScenarioFilter(qb, knex, filter);
  const { sql, bindings } = compiled(qb);
  const buckets = await runFacets(ctx, sql, bindings);
  noteProvenance(ctx, buckets);
  const { byPark, withoutPark } = parkCounts(buckets);
  const byYear = (buckets.get('year') ?? [])
    .filter((b) => b.key !== null)
    .map((b) => Object.assign(new YearCount(), { year: Number(b.key), count: b.n }))
    .sort((a, b) => a.year - b.year);
  return Object.assign(new ScenarioFacets(), {
    total: total(buckets),
    bySector: await sectorCounts(ctx, buckets),
    byStatus: closedCounts(buckets, 'status', Object.values(ScenarioStatus)).map((c) =>
      Object.assign(new ScenarioStatusCount(), { status: c.key, count: c.count }),
    ),
    byPark,
    withoutPark,
    byYear,
  });
}

/** Facets of the platforms `filter` selects: one statement (GROUPING SETS plus the sector pivot). */
export async function platformFacets(ctx: Context, filter: PlatformFilter | null): Promise<PlatformFacets> {
  const knex = ctx.em.getKnex();
  const qb = knex('innovation_platform as ip').select('ip.id', 'ip.kind', 'ip.level', 'ip.park_id', 'ip.provenance_kind');
  if (filter) applyPlatformFilter(qb, knex, filter);
  const inner = compiled(qb);
  const sql = `with f as materialized (${inner.sql})
    select case when grouping(f.kind) = 0 then 'kind' when grouping(f.level) = 0 then 'level'
                when grouping(f.park_id) = 0 then 'park' when grouping(f.provenance_kind) = 0 then 'provenance' else 'total' end as dim,
           coalesce(f.kind, f.level, f.park_id::text, f.provenance_kind) as key, count(*)::int as n
      from f group by grouping sets ((f.kind), (f.level), (f.park_id), (f.provenance_kind), ())
    union all
    select 'sector', ps.sector_code, count(*)::int from f join platform_sector ps on ps.platform_id = f.id group by ps.sector_code`;
  const buckets = await runFacets(ctx, sql, inner.bindings);
  noteProvenance(ctx, buckets);
  const { byPark, withoutPark } = parkCounts(buckets);
  return Object.assign(new PlatformFacets(), {
    total: total(buckets),
    byKind: closedCounts(buckets, 'kind', Object.values(PlatformKind)).map((c) => Object.assign(new PlatformKindCount(), { kind: c.key, count: c.count })),
    byLevel: closedCounts(buckets, 'level', Object.values(PlatformLevel)).map((c) => Object.assign(new PlatformLevelCount(), { level: c.key, count: c.count })),
    byPark,
    withoutPark,
    bySector: await sectorCounts(ctx, buckets),
  });
}

import { hydrate } from '../../common/relay/hydrate';
import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { filterIds, filterValues } from '../../common/filters';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { Park } from '../park/park.entity';
import { allSectors } from '../sector/sector.service';
import { CHAIN_CLOSURE, CHAIN_LINK_TABLE, chainTree } from '../chain-node/chain-node.service';
import { ChainNodeCoverageCell, Coverage, CoverageCell, CoverageFilter, ParkComputeCoverage } from './coverage.types';
import { COMPUTE_CAPACITY_TABLE } from '../compute-center/compute-center.service';
import { ENTERPRISE_COUNT_TABLE } from '../enterprise/enterprise.counts';

const LAYERS = Object.values(ChainLayer);

/**
 * One cell as the matrix statement sends it, a JSON array: park id, sector code, focus, firms,
 * firms per layer (foundation, technology, application; 0 when not counted), scenarios, platforms.
 */
type CellTuple = [number, string, boolean, number, number, number, number, number, number];

interface MatrixRow {
  /** The cells in matrix order, as a JSON array of {@link CellTuple} (null when there are none). */
  cells: string | null;
}

export interface CoverageNeeds {
  /** Whether per-layer counts are needed (a layer filter, or `missingLayers` selected). */
  layers: boolean;
  /** Whether the park objects are selected; they are then loaded in parallel with the matrix. */
  parks: boolean;
  /** Whether the park × chain node cells are selected (a second aggregate, run in parallel). */
  chainNodes?: boolean;
  /** Whether the per-park compute figures are selected (a third aggregate, run in parallel). */
  compute?: boolean;
}

/**
 * Compute facilities per park (count, intelligent ones, stated intelligent capacity): one
 * statement over the parks the matrix covers.
 */
async function computeCounts(ctx: Context, parkScope: { sql: string; bindings: readonly unknown[] }, kinds: string[] | null) {
  const knex = ctx.em.getKnex();
  const bindings: Knex.RawBinding[] = [...(parkScope.bindings as Knex.RawBinding[])];
  let kindIn = '';
  if (kinds) {
    kindIn = ` and cc.provenance_kind in (${kinds.map(() => '?').join(', ')})`;
    bindings.push(...kinds);
  }
  const rows = (await ctx.em.execute(
    knex.raw(
      `select cc.park_id, count(*)::int as centers,
              count(*) filter (where cc.kind = 'INTELLIGENT' or cap.pflops is not null)::int as intelligent,
              sum(cap.pflops)::float as pflops
         from compute_center cc
         join (${parkScope.sql}) pk on pk.id = cc.park_id
         left join (select compute_center_id, sum(capacity_pflops) as pflops from ${COMPUTE_CAPACITY_TABLE}
                     where kind = 'INTELLIGENT' group by compute_center_id) cap on cap.compute_center_id = cc.id
        where true${kindIn}
        group by cc.park_id`,
      bindings,
    ),
  )) as Array<{ park_id: number; centers: number; intelligent: number; pflops: number | string | null }>;
  return new Map(rows.map((r) => [Number(r.park_id), r]));
}

/**
 * Firms per park and chain-map node (a node includes its descendants), each firm once per cell:
 * one statement, over the parks the matrix covers.
 */
async function chainNodeCounts(ctx: Context, parkScope: { sql: string; bindings: readonly unknown[] }, layers: string[] | null, kinds: string[] | null) {
  const knex = ctx.em.getKnex();
  const bindings: Knex.RawBinding[] = [...(parkScope.bindings as Knex.RawBinding[])];
  const firmConditions: string[] = [];
  if (layers) {
    firmConditions.push(`e.layer in (${layers.map(() => '?').join(', ')})`);
    bindings.push(...layers);
  }
  if (kinds) {
    firmConditions.push(`e.provenance_kind in (${kinds.map(() => '?').join(', ')})`);
    bindings.push(...kinds);
  }
  const rows = (await ctx.em.execute(
    knex.raw(
      `select ep.park_id, cc.ancestor_id as node_id, count(distinct ep.enterprise_id)::int as n
         from enterprise_park ep
         join (${parkScope.sql}) pk on pk.id = ep.park_id
         join ${CHAIN_LINK_TABLE} cl on cl.enterprise_id = ep.enterprise_id
         join ${CHAIN_CLOSURE} cc on cc.descendant_id = cl.chain_node_id
         ${firmConditions.length ? `join enterprise e on e.id = ep.enterprise_id and ${firmConditions.join(' and ')}` : ''}
        group by ep.park_id, cc.ancestor_id`,
      bindings,
    ),
  )) as Array<{ park_id: number; node_id: number; n: number }>;
  return new Map(rows.map((r) => [`${r.park_id}:${r.node_id}`, Number(r.n)]));
}

/**
 * The records a matrix over these parks counts, per provenance kind, for the answer's data
 * notice: its parks' firms (each once, however many of the parks it is in), scenarios and
 * platforms. One statement; without a park condition it does not join the park list.
 */
async function countedRecords(
  ctx: Context,
  parkScope: { sql: string; bindings: readonly unknown[] } | null,
  kinds: string[] | null,
): Promise<Array<[string, number]>> {
  const knex = ctx.em.getKnex();
  const bindings: Knex.RawBinding[] = [];
  // Placeholders in text order: each helper pushes its values as the text is built.
  const scoped = (column: string): string => {
    if (!parkScope) return '';
    bindings.push(...(parkScope.bindings as Knex.RawBinding[]));
    return `join (${parkScope.sql}) pk on pk.id = ${column}`;
  };
  const kindIn = (column: string): string => {
    if (!kinds) return '';
    bindings.push(...kinds);
    return ` and ${column} in (${kinds.map(() => '?').join(', ')})`;
  };
  // A semi-join counts each firm once; a distinct over every firm × park pair cost 2-3 times as
  // much at 100k firms (EXPLAIN ANALYZE on the benchmark database).
  const firms = `select e.provenance_kind as kind, count(*) as n from enterprise e
     where exists (select 1 from enterprise_park ep ${scoped('ep.park_id')} where ep.enterprise_id = e.id)${kindIn('e.provenance_kind')}
     group by 1`;
  const scenarios = `select s.provenance_kind, count(*) from scenario s ${scoped('s.park_id')} where s.park_id is not null${kindIn('s.provenance_kind')} group by 1`;
  const platforms = `select ip.provenance_kind, count(*) from innovation_platform ip ${scoped('ip.park_id')}
     where ip.park_id is not null${kindIn('ip.provenance_kind')} group by 1`;
  const rows = (await ctx.em.execute(
    knex.raw(`select kind, sum(n)::int as n from (${firms} union all ${scenarios} union all ${platforms}) x group by kind`, bindings),
  )) as Array<{ kind: string; n: number }>;
  return rows.map((r) => [r.kind, Number(r.n)]);
}

/**
 * The park × sector matrix in one SQL statement: firm counts (per chain layer when needed),
 * scenario and platform counts, all aggregated by the database and joined onto every (park,
 * sector) pair. The parks themselves come from a second statement run at the same time.
 */
export async function coverage(ctx: Context, filter: CoverageFilter | null, needs: CoverageNeeds = { layers: true, parks: true }): Promise<Coverage> {
  const knex = ctx.em.getKnex();
  const layerFilter = filterValues(filter?.layers, 'layers');
  const layers = layerFilter ?? LAYERS;
  const byLayer = needs.layers || layerFilter !== null;
  const roles = filterValues(filter?.parkRoles, 'parkRoles');
  const parkIds = filterIds(filter?.parkIds, 'Park', 'parkIds');
  const sectors = filterValues(filter?.sectors, 'sectors');
  const kinds = filterValues(filter?.provenanceKinds, 'provenanceKinds');

  const parkScope = knex('park as p').select('p.id');
  if (roles) parkScope.whereIn('p.role', roles);
  if (parkIds) parkScope.whereIn('p.id', parkIds);
  const inner = parkScope.toSQL();

  const bindings: Knex.RawBinding[] = [...(inner.bindings as Knex.RawBinding[])];
  // Placeholders are added in the order they appear in the statement, so each helper pushes its
  // values as the text is built, left to right.
  const kindIn = (column: string): string => {
    if (!kinds) return '';
    bindings.push(...kinds);
    return ` and ${column} in (${kinds.map(() => '?').join(', ')})`;
  };
  // Without a park condition every park is in the matrix: the aggregates need not join the park
  // list (the outer left joins drop rows of no park, such as scenarios without one).
  const scoped = (column: string) => (roles || parkIds ? `join pk on pk.id = ${column}` : '');
  const ctes = `
    with pk as materialized (${inner.sql}),
    ent as (${
      !kinds
        ? // Every firm counts: the counts the triggers keep per park × sector × layer answer exactly
          // (a firm is once in each of its parks and sectors, as in the pivots), without reading the
          // firms or their pivots at all.
          byLayer
          ? `select kc.park_id, kc.sector_code,
             coalesce(sum(kc.n) filter (where kc.layer = ''), 0)::int as firms,
             coalesce(sum(kc.n) filter (where kc.layer = 'FOUNDATION'), 0)::int as foundation,
             coalesce(sum(kc.n) filter (where kc.layer = 'TECHNOLOGY'), 0)::int as technology,
             coalesce(sum(kc.n) filter (where kc.layer = 'APPLICATION'), 0)::int as application
        from ${ENTERPRISE_COUNT_TABLE} kc
        ${scoped('kc.park_id')}
       where kc.park_id <> 0 and kc.sector_code <> ''
       group by kc.park_id, kc.sector_code`
          : `select kc.park_id, kc.sector_code, kc.n as firms,
             null::int as foundation, null::int as technology, null::int as application
        from ${ENTERPRISE_COUNT_TABLE} kc
        ${scoped('kc.park_id')}
       where kc.park_id <> 0 and kc.sector_code <> '' and kc.layer = ''`
        : // The kept counts do not split by provenance: count the firms of the kinds asked for.
          `select ep.park_id, es.sector_code, count(*)::int as firms,
             count(*) filter (where e.layer = 'FOUNDATION')::int as foundation,
             count(*) filter (where e.layer = 'TECHNOLOGY')::int as technology,
             count(*) filter (where e.layer = 'APPLICATION')::int as application
        from enterprise_park ep
        ${scoped('ep.park_id')}
        join enterprise e on e.id = ep.enterprise_id${kindIn('e.provenance_kind')}
        join enterprise_sector es on es.enterprise_id = ep.enterprise_id
       group by ep.park_id, es.sector_code`
    }),
    sc as (
      select s.park_id, s.sector_code, count(*)::int as n
        from scenario s ${scoped('s.park_id')}
       where true${kindIn('s.provenance_kind')}
       group by s.park_id, s.sector_code),
    pl as (
      select ip.park_id, ps.sector_code, count(*)::int as n
        from innovation_platform ip
        ${scoped('ip.park_id')}
        join platform_sector ps on ps.platform_id = ip.id
       where true${kindIn('ip.provenance_kind')}
       group by ip.park_id, ps.sector_code)`;
  const conditions: string[] = [];
  if (filter?.focusOnly) conditions.push('pfs.park_id is not null');
  if (sectors) {
    conditions.push(`sec.code in (${sectors.map(() => '?').join(', ')})`);
    bindings.push(...sectors);
  }
  // One row holding the whole matrix as JSON: parsing one text beats parsing thousands of rows
  // of ten columns each in the driver (8,000 cells at 1,000 parks).
  const sql = `${ctes}
    select json_agg(json_build_array(pk.id, sec.code, pfs.park_id is not null, coalesce(ent.firms, 0),
             coalesce(ent.foundation, 0), coalesce(ent.technology, 0), coalesce(ent.application, 0),
             coalesce(sc.n, 0), coalesce(pl.n, 0)) order by pk.id, sec.position)::text as cells
      from pk cross join sector sec
      left join park_focus_sector pfs on pfs.park_id = pk.id and pfs.sector_code = sec.code
      left join ent on ent.park_id = pk.id and ent.sector_code = sec.code
      left join sc on sc.park_id = pk.id and sc.sector_code = sec.code
      left join pl on pl.park_id = pk.id and pl.sector_code = sec.code
     ${conditions.length ? `where ${conditions.join(' and ')}` : ''}`;

  const parkQuery = knex.raw(`select p.* from park p where p.id in (select id from (${inner.sql}) pk)`, inner.bindings as Knex.RawBinding[]);
  // The data notice's tally runs beside the matrix; see the last cell below.
  const tally = countedRecords(ctx, roles || parkIds ? inner : null, kinds);
  // Not awaited when the matrix is empty, nor when the request stops before the last cell: a
  // failure then must not become an unhandled rejection (awaiting it below still sees it).
  tally.catch(() => undefined);
  const [matrix, allSectorList, parks, chainCounts, tree, compute] = await Promise.all([
    ctx.em.execute(knex.raw(sql, bindings)) as Promise<MatrixRow[]>,
    allSectors(ctx),
    needs.parks ? (ctx.em.execute(parkQuery) as Promise<Record<string, unknown>[]>) : Promise.resolve([]),
    needs.chainNodes ? chainNodeCounts(ctx, inner, layerFilter, kinds) : Promise.resolve(null),
    needs.chainNodes ? chainTree(ctx) : Promise.resolve(null),
    needs.compute ? computeCounts(ctx, inner, kinds) : Promise.resolve(null),
  ]);
  const tuples = matrix[0]?.cells ? (JSON.parse(matrix[0].cells) as CellTuple[]) : [];
  const parkById = new Map(parks.map((row) => [Number(row.id), hydrate(ctx.em, Park, row as Record<string, unknown>)]));
  const sectorByCode = new Map(allSectorList.map((s) => [s.code as string, s]));
  const parkSet = new Set<number>();
  let emptyCellCount = 0;
  const cells: Array<CoverageCell | Promise<CoverageCell>> = tuples.map(
    ([parkId, sectorCode, focus, firms, foundation, technology, application, scenarios, platforms]) => {
      const counts: Record<ChainLayer, number> = {
        [ChainLayer.FOUNDATION]: foundation,
        [ChainLayer.TECHNOLOGY]: technology,
        [ChainLayer.APPLICATION]: application,
      };
      const enterpriseCount = layerFilter ? layers.reduce((sum, layer) => sum + counts[layer], 0) : firms;
      if (enterpriseCount === 0) emptyCellCount++;
      parkSet.add(parkId);
      const cell = new CoverageCell();
      cell.parkId = parkId;
      cell.park = parkById.get(parkId);
      cell.sector = sectorByCode.get(sectorCode)!;
      cell.isFocusSector = focus;
      cell.enterpriseCount = enterpriseCount;
      cell.scenarioCount = scenarios;
      cell.platformCount = platforms;
      // In chain order, whatever order the filter listed the layers in.
      cell.missingLayers = byLayer ? LAYERS.filter((layer) => layers.includes(layer) && counts[layer] === 0) : [];
      return cell;
    },
  );
  // The last cell waits for the tally (an empty matrix counts nothing and notes nothing). GraphQL
  // completes the cells before it while PostgreSQL is still counting, and the answer is sent only
  // once every cell is complete, so the notice always includes the tally.
  if (cells.length) {
    const last = cells[cells.length - 1];
    cells[cells.length - 1] = tally.then((counted) => {
      ctx.provenance.noteCounted(counted);
      return last;
    });
  }
  const chainNodeCells: ChainNodeCoverageCell[] = [];
  if (chainCounts && tree) {
    const nodes = tree.nodes.filter((n) => !n.retired);
    for (const parkId of parkSet) {
      for (const chainNode of nodes) {
        chainNodeCells.push(
          Object.assign(new ChainNodeCoverageCell(), {
            parkId,
            park: parkById.get(parkId),
            chainNode,
            enterpriseCount: chainCounts.get(`${parkId}:${chainNode.id}`) ?? 0,
          }),
        );
      }
    }
  }
  const computeByPark: ParkComputeCoverage[] = [];
  if (compute) {
    for (const parkId of parkSet) {
      const row = compute.get(parkId);
      computeByPark.push(
        Object.assign(new ParkComputeCoverage(), {
          parkId,
          park: parkById.get(parkId),
          computeCenterCount: row ? Number(row.centers) : 0,
          intelligentCenterCount: row ? Number(row.intelligent) : 0,
          intelligentCapacityPflops: row?.pflops === null || row?.pflops === undefined ? null : Math.round(Number(row.pflops) * 1000) / 1000,
        }),
      );
    }
  }
  return Object.assign(new Coverage(), { cells, parkCount: parkSet.size, emptyCellCount, chainNodeCells, computeByPark });
}

import type { Context } from '../../common/context';
import { BadUserInputError, NotFoundError } from '../../common/errors';
import { filterValues } from '../../common/filters';
import { parseIntegerId } from '../../common/global-id';
import type { ProvenanceKind } from '../../common/provenance';
import type { Connection } from '../../common/relay/connection.types';
import { decodeCursor, encodeCursor, MAX_OFFSET, MAX_PAGE_SIZE, PaginationArgs, toPage } from '../../common/relay/pagination';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { Enterprise } from '../enterprise/enterprise.entity';
import type { EnterpriseFilter } from '../enterprise/enterprise.inputs';
import { applyEnterpriseFilter, enterpriseById } from '../enterprise/enterprise.service';
import { Park } from '../park/park.entity';
import type { ParkFilter } from '../park/park.inputs';
import { applyParkFilter, parkById } from '../park/park.service';
import type { SectorCode } from '../sector/sector-code.enum';
import { CHAIN_CLOSURE, CHAIN_LINK_TABLE, chainTree } from '../chain-node/chain-node.service';
import type { ChainNode } from '../chain-node/chain-node.entity';
import { runSql, sql } from '../../common/sql';
import { normaliseWeights, PairFacts, scorePair, ScoredPair, WeightInput, Weights } from './match-formula';
import { gapCandidatesQuery, missingLayersQuery, pairFactsQuery, RankWindow, scoredPairs, SqlFragment } from './match.sql';
import type { ChainGap, EnterpriseMatch, ParkMatch } from './match.types';

const LAYER_ZH: Record<string, string> = { FOUNDATION: '基础层', TECHNOLOGY: '技术层', APPLICATION: '应用层' };

/** `first` of a match list: 1 to 100. */
export function checkFirst(first: number | null | undefined, fallback: number, argument = 'first'): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`"${argument}" must be between 1 and ${MAX_PAGE_SIZE}, got ${n}.`, { argument });
  }
  return n;
}

async function requirePark(ctx: Context, id: string, argument: string): Promise<Park> {
  const park = await parkById(ctx, parseIntegerId(id, 'Park', argument));
  if (!park) throw new NotFoundError(`No park has the ID "${id}".`, { argument });
  return park;
}

async function requireEnterprise(ctx: Context, id: string, argument: string): Promise<Enterprise> {
  const firm = await enterpriseById(ctx, parseIntegerId(id, 'Enterprise', argument));
  if (!firm) throw new NotFoundError(`No enterprise has the ID "${id}".`, { argument });
  return firm;
}

interface PairKey {
  park_id: number;
  enterprise_id: number;
}

/** The facts behind the reasons of each ranked pair, in one statement. */
async function scorePairs(ctx: Context, pairs: PairKey[], weights: Weights): Promise<ScoredPair[]> {
  if (pairs.length === 0) return [];
  const parkIds = [...new Set(pairs.map((p) => p.park_id))];
  const enterpriseIds = [...new Set(pairs.map((p) => p.enterprise_id))];
  const rows = await run(ctx, pairFactsQuery({ parkIds, enterpriseIds }));
  const byPair = new Map(rows.map((r) => [`${r.park_id}:${r.enterprise_id}`, r]));
  return pairs.map((p) => scorePair(toFacts(byPair.get(`${p.park_id}:${p.enterprise_id}`)!), weights));
}

function toFacts(row: Record<string, unknown>): PairFacts {
  const names = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
  return {
    focusCount: Number(row.focus_count),
    sharedSectors: names(row.shared_sectors),
    gapSectors: names(row.gap_sectors),
    layerZh: LAYER_ZH[String(row.layer)] ?? String(row.layer),
    demandScenarios: names(row.demand_scenarios),
    hostedPlatforms: names(row.hosted_platforms),
    cohostedPlatforms: names(row.cohosted_platforms),
    deliveredScenarios: names(row.delivered_scenarios),
    releasedModels: names(row.released_names),
    developingModels: names(row.developing_names),
    district: String(row.district),
    districtParks: names(row.district_parks),
  };
}

async function run(ctx: Context, q: SqlFragment): Promise<Array<Record<string, unknown>>> {
  return (await ctx.em.execute(q.sql, q.bindings)) as Array<Record<string, unknown>>;
}

/**
 * Firms not yet in the park, ranked by match score (ties by ID). The database scores every
 * candidate and returns the page; a second statement gathers the names the page's reasons quote.
 */
export async function matchEnterprisesForPark(
  ctx: Context,
  parkId: string,
  first: number | null | undefined,
  filter: EnterpriseFilter | null | undefined,
  weightInput: WeightInput | null | undefined,
): Promise<EnterpriseMatch[]> {
  const localId = parseIntegerId(parkId, 'Park', 'parkId');
  const limit = checkFirst(first, 10);
  const weights = normaliseWeights(weightInput);
  const knex = ctx.em.getKnex();
  const scored = scoredPairs({ parkIds: [localId], enterpriseIds: null }, weights);
  const qb = knex
    .select('sc.park_id', 'sc.enterprise_id')
    .from(knex.raw(`(${scored.sql}) as sc`, scored.bindings))
    .join('enterprise as e', 'e.id', 'sc.enterprise_id')
    .where('sc.score', '>', 0);
  if (filter) applyEnterpriseFilter(qb, knex, filter);
  qb.orderBy([
    { column: 'sc.score', order: 'desc' },
    { column: 'sc.enterprise_id', order: 'asc' },
  ]).limit(limit);
  await requirePark(ctx, parkId, 'parkId');
  const page = (await ctx.em.execute(qb)) as PairKey[];
  const [scores, firms] = await Promise.all([scorePairs(ctx, page, weights), Promise.all(page.map((p) => enterpriseById(ctx, p.enterprise_id)))]);
  return page.map((_, i) => ({ ...scores[i], enterprise: firms[i]! }));
}

/** Parks the firm is not yet in, ranked by the same score seen from the firm (ties by ID). */
export async function matchParksForEnterprise(
  ctx: Context,
  enterpriseId: string,
  first: number | null | undefined,
  weightInput: WeightInput | null | undefined,
  filter: ParkFilter | null | undefined = null,
): Promise<ParkMatch[]> {
  const localId = parseIntegerId(enterpriseId, 'Enterprise', 'enterpriseId');
  const limit = checkFirst(first, 6);
  const weights = normaliseWeights(weightInput);
  await requireEnterprise(ctx, enterpriseId, 'enterpriseId');
  const knex = ctx.em.getKnex();
  const q = scoredPairs({ parkIds: null, enterpriseIds: [localId] }, weights);
  const qb = knex
    .select('sc.park_id', 'sc.enterprise_id')
    .from(knex.raw(`(${q.sql}) as sc`, q.bindings))
    .join('park as p', 'p.id', 'sc.park_id')
    .where('sc.score', '>', 0);
  if (filter) applyParkFilter(qb, knex, filter);
  qb.orderBy([
    { column: 'sc.score', order: 'desc' },
    { column: 'sc.park_id', order: 'asc' },
  ]).limit(limit);
  const page = (await ctx.em.execute(qb)) as PairKey[];
  const [scores, parks] = await Promise.all([scorePairs(ctx, page, weights), Promise.all(page.map((p) => parkById(ctx, p.park_id)))]);
  return page.map((_, i) => ({ ...scores[i], park: parks[i]! }));
}

/** For each focus sector of the park, in the plan's order, the layers no firm of the park covers. */
export async function chainGaps(ctx: Context, parkId: string, provenanceKinds: readonly ProvenanceKind[] | null = null): Promise<ChainGap[]> {
  const kinds = filterValues(provenanceKinds, 'provenanceKinds');
  const park = await requirePark(ctx, parkId, 'parkId');
  const rows = await run(ctx, missingLayersQuery([park.id], kinds));
  return rows.map((r) => ({
    parkId: Number(r.park_id),
    sectorCode: r.sector_code as SectorCode,
    provenanceKinds: kinds,
    missingLayers: (Array.isArray(r.layers) ? r.layers : parsePgArray(String(r.layers))) as ChainLayer[],
  }));
}

/**
 * The chain-map segments of a gap's sector that no firm of the park covers, in map order: the
 * sector's own segments (an application segment and its sub-segments) and the segments every
 * sector shares. A firm of the park covers a node when it is linked to the node or below it and
 * either the node belongs to the sector or the firm serves the sector. Where a whole segment is
 * missing only the segment is named, not each of its sub-segments. One statement for every gap
 * of the request.
 */
export async function missingChainNodes(ctx: Context, gap: ChainGap): Promise<ChainNode[]> {
  const kinds = gap.provenanceKinds;
  return ctx.loaders
    .get<string, ChainNode[]>(`match:gap-chain-nodes:${kinds?.join(',') ?? '*'}`, async (keys) => {
      const parkIds = [...new Set(keys.map((k) => Number(k.split(':')[0])))];
      const [rows, tree] = await Promise.all([
        runSql<{ park_id: number; sector_code: string; node_id: number }>(
          ctx.em,
          sql`with focus as (select park_id, sector_code from park_focus_sector where park_id = any(${sql.array(parkIds, 'int')})),
                   firms as (select ep.park_id, ep.enterprise_id from enterprise_park ep join enterprise e on e.id = ep.enterprise_id
                              where ep.park_id = any(${sql.array(parkIds, 'int')})
                                ${kinds ? sql`and e.provenance_kind = any(${sql.array([...kinds], 'text')})` : sql.empty}),
                   covered as (
                     select distinct fo.park_id, fo.sector_code, cc.ancestor_id as node_id
                       from firms f join focus fo on fo.park_id = f.park_id
                       join ${sql.ident(CHAIN_LINK_TABLE)} cl on cl.enterprise_id = f.enterprise_id
                       join ${sql.ident(CHAIN_CLOSURE)} cc on cc.descendant_id = cl.chain_node_id
                       join chain_node a on a.id = cc.ancestor_id
                      where a.sector_code = fo.sector_code
                         or exists (select 1 from enterprise_sector es where es.enterprise_id = f.enterprise_id and es.sector_code = fo.sector_code))
              select fo.park_id, fo.sector_code, n.id as node_id
                from focus fo join chain_node n on (n.sector_code is null or n.sector_code = fo.sector_code) and n.parent_id is not null and not n.retired
               where not exists (select 1 from covered cv where cv.park_id = fo.park_id and cv.sector_code = fo.sector_code and cv.node_id = n.id)`,
        ),
        chainTree(ctx),
      ]);
      const missing = new Map<string, Set<number>>();
      for (const r of rows) {
        const key = `${r.park_id}:${r.sector_code}`;
        let set = missing.get(key);
        if (!set) missing.set(key, (set = new Set()));
        set.add(Number(r.node_id));
      }
      return keys.map((key) => {
        const set = missing.get(key) ?? new Set<number>();
        // Name the highest missing node of each branch: a node whose parent is missing too is implied.
        return tree.nodes.filter((n) => set.has(n.id) && !set.has(n.parentId ?? -1));
      });
    })
    .load(`${gap.parkId}:${gap.sectorCode}`);
}

function parsePgArray(text: string): string[] {
  const inner = text.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}

const GAP_CURSOR = 'gapCandidate';

function gapPosition(cursor: string, argument: 'after' | 'before'): number {
  const [position] = decodeCursor(cursor, GAP_CURSOR, 1, argument);
  if (typeof position !== 'number' || !Number.isInteger(position) || position < 0 || position > MAX_OFFSET) {
    throw new BadUserInputError(`"${argument}" is not a valid cursor of this list.`, { argument });
  }
  return position;
}

/**
 * Firms elsewhere in the city that serve the gap's sector in one of its missing layers, ranked by
 * the default match score for the park (ties by ID), paged both ways (first/after, last/before).
 * One statement for every gap of the request that asks for the same page. Cursors hold the rank,
 * so pages stay consistent while the data does not change.
 */
export async function gapCandidates(ctx: Context, gap: ChainGap, args: PaginationArgs): Promise<Connection<Enterprise>> {
  const page = toPage({ first: args.first, after: args.after, last: args.last, before: args.before });
  let window: RankWindow;
  let before: number | null = null;
  if (page.direction === 'forward') {
    window = { offset: page.cursor ? gapPosition(page.cursor, 'after') : 0, limit: page.limit };
  } else if (page.cursor) {
    before = gapPosition(page.cursor, 'before');
    const offset = Math.max(0, before - 1 - page.limit);
    window = { offset, limit: Math.max(0, before - 1 - offset) };
  } else {
    window = { fromEnd: page.limit };
  }
  type Row = { park_id: number; sector_code: string; enterprise_id: number; position: number; total: number };
  const windowKey = 'fromEnd' in window ? `end:${window.fromEnd}` : `${window.limit}:${window.offset}`;
  const rows = await ctx.loaders
    .get<string, Row[]>(`match:gap-candidates:${windowKey}:${gap.provenanceKinds?.join(',') ?? '*'}`, async (keys) => {
      const parkIds = [...new Set(keys.map((k) => Number(k.split(':')[0])))];
      const all = (await run(ctx, gapCandidatesQuery(parkIds, normaliseWeights(null), window, gap.provenanceKinds))) as unknown as Row[];
      return keys.map((k) => all.filter((r) => `${r.park_id}:${r.sector_code}` === k));
    })
    .load(`${gap.parkId}:${gap.sectorCode}`);
  const total = rows.length > 0 ? Number(rows[0].total) : 0;
  let pageRows: Row[];
  let hasNextPage: boolean;
  let hasPreviousPage: boolean;
  if ('fromEnd' in window) {
    pageRows = rows.filter((r) => Number(r.position) > total - window.fromEnd);
    hasPreviousPage = total > window.fromEnd;
    hasNextPage = false;
  } else {
    const { offset, limit } = window;
    const inRange = rows.filter((r) => Number(r.position) > offset && Number(r.position) <= offset + limit + 1);
    pageRows = inRange.slice(0, limit);
    hasPreviousPage = offset > 0;
    hasNextPage = before === null ? inRange.length > limit : before <= total;
  }
  const firms = await Promise.all(pageRows.map((r) => enterpriseById(ctx, Number(r.enterprise_id))));
  const edges = pageRows.map((r, i) => ({ cursor: encodeCursor(GAP_CURSOR, [Number(r.position)]), node: firms[i]! }));
  return {
    edges,
    totalCount: total,
    pageInfo: { hasNextPage, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
  };
}

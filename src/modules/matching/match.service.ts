import type { Knex } from '@mikro-orm/postgresql';
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
import { normaliseWeights, PairFacts, PROSPECT_WEIGHTS, scorePair, ScoredPair, WeightInput, Weights } from './match-formula';
import { CandidateScope, presencesOf } from '../../common/vocabulary/presence.enum';
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
  const rows = await run(ctx, pairFactsQuery({ parkIds, enterpriseIds }, weights.CHAIN_SEGMENT > 0));
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
    gapSegments: names(row.gap_segments),
  };
}

async function run(ctx: Context, q: SqlFragment): Promise<Array<Record<string, unknown>>> {
  return (await ctx.em.execute(q.sql, q.bindings)) as Array<Record<string, unknown>>;
}

/** Which ranks of a ranked list to read: `limit` rows after the first `offset`. */
interface Window {
  offset: number;
  limit: number;
}

interface RankedRow extends PairKey {
  position: number;
  total: number;
}

/** What narrows the firms ranked for a park. */
export interface FirmCandidates {
  filter?: EnterpriseFilter | null;
  scope?: CandidateScope | null;
  /** Only firms serving at least one of these sectors. */
  sectors?: readonly SectorCode[] | null;
}

/**
 * Firms not yet in the park with a positive score, by score then ID, rows offset+1 ..
 * offset+limit+1 (one more than the page, to tell whether another follows), each with its rank and
 * the size of the whole list. The database scores every candidate in one statement.
 */
async function rankFirmsForPark(ctx: Context, parkId: number, weights: Weights, candidates: FirmCandidates, window: Window): Promise<Ranked> {
  const knex = ctx.em.getKnex();
  const scored = scoredPairs({ parkIds: [parkId], enterpriseIds: null }, weights);
  const qb = knex
    .select(
      'sc.park_id',
      'sc.enterprise_id',
      knex.raw('row_number() over (order by sc.score desc, sc.enterprise_id)::int as position'),
      knex.raw('count(*) over ()::int as total'),
    )
    .from(knex.raw(`(${scored.sql}) as sc`, scored.bindings))
    .join('enterprise as e', 'e.id', 'sc.enterprise_id')
    .where('sc.score', '>', 0);
  const presences = presencesOf(candidates.scope);
  if (presences) qb.whereIn('e.presence', presences);
  const sectors = filterValues(candidates.sectors, 'sectors');
  if (sectors) qb.whereExists(knex('enterprise_sector as p_es').whereRaw('p_es.enterprise_id = e.id').whereIn('p_es.sector_code', sectors));
  if (candidates.filter) applyEnterpriseFilter(qb, knex, candidates.filter);
  return inWindow(ctx, qb, window);
}

/** Parks the firm is not yet in with a positive score, by score then ID; same window rules. */
async function rankParksForFirm(ctx: Context, firmId: number, weights: Weights, filter: ParkFilter | null | undefined, window: Window): Promise<Ranked> {
  const knex = ctx.em.getKnex();
  const q = scoredPairs({ parkIds: null, enterpriseIds: [firmId] }, weights);
  const qb = knex
    .select(
      'sc.park_id',
      'sc.enterprise_id',
      knex.raw('row_number() over (order by sc.score desc, sc.park_id)::int as position'),
      knex.raw('count(*) over ()::int as total'),
    )
    .from(knex.raw(`(${q.sql}) as sc`, q.bindings))
    .join('park as p', 'p.id', 'sc.park_id')
    .where('sc.score', '>', 0);
  if (filter) applyParkFilter(qb, knex, filter);
  return inWindow(ctx, qb, window);
}

/**
 * The rows of a ranked query (with `position` and `total`) that fall in the window, plus the last
 * row, so that the total is known even past the end of the list.
 */
async function inWindow(ctx: Context, qb: Knex.QueryBuilder, window: Window): Promise<Ranked> {
  const inner = qb.toSQL();
  const rows = (await ctx.em.execute(
    ctx.em
      .getKnex()
      .raw(`select * from (${inner.sql}) r where (r.position > ? and r.position <= ?) or r.position = r.total order by r.position`, [
        ...(inner.bindings as Knex.RawBinding[]),
        window.offset,
        window.offset + window.limit + 1,
      ]),
  )) as RankedRow[];
  return {
    total: rows.length > 0 ? Number(rows[0].total) : 0,
    rows: rows.filter((r) => Number(r.position) > window.offset && Number(r.position) <= window.offset + window.limit + 1),
  };
}

interface Ranked {
  total: number;
  /** Rows offset+1 .. offset+limit+1 of the list. */
  rows: RankedRow[];
}

async function firmMatches(ctx: Context, rows: PairKey[], weights: Weights): Promise<EnterpriseMatch[]> {
  const [scores, firms] = await Promise.all([scorePairs(ctx, rows, weights), Promise.all(rows.map((p) => enterpriseById(ctx, p.enterprise_id)))]);
  return rows.map((_, i) => ({ ...scores[i], enterprise: firms[i]! }));
}

async function parkMatches(ctx: Context, rows: PairKey[], weights: Weights): Promise<ParkMatch[]> {
  const [scores, parks] = await Promise.all([scorePairs(ctx, rows, weights), Promise.all(rows.map((p) => parkById(ctx, p.park_id)))]);
  return rows.map((_, i) => ({ ...scores[i], park: parks[i]! }));
}

/** Forward paging of a ranked list: `first` (1-100, default 20) after a cursor holding a rank. */
function rankWindow(args: { first?: number | null; after?: string | null }, list: string): Window {
  const page = toPage({ first: args.first, after: args.after });
  if (!page.cursor) return { offset: 0, limit: page.limit };
  const [position] = decodeCursor(page.cursor, list, 1, 'after');
  if (typeof position !== 'number' || !Number.isInteger(position) || position < 1 || position > MAX_OFFSET) {
    throw new BadUserInputError('"after" is not a valid cursor of this list; use an endCursor it returned.', { argument: 'after', http: { status: 400 } });
  }
  return { offset: position, limit: page.limit };
}

/** The page of a ranked list as a connection; cursors hold ranks, so pages stay consistent while the data does not change. */
function rankedConnection<T>({ rows, total }: Ranked, nodes: T[], window: Window, list: string): Connection<T> {
  const edges = nodes.slice(0, window.limit).map((node, i) => ({ cursor: encodeCursor(list, [Number(rows[i].position)]), node }));
  return {
    edges,
    totalCount: total,
    pageInfo: {
      hasNextPage: rows.length > window.limit,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Firms not yet in the park, ranked by match score (ties by ID): the first `first`, as a list. */
export async function matchEnterprisesForPark(
  ctx: Context,
  parkId: string,
  first: number | null | undefined,
  candidates: FirmCandidates,
  weightInput: WeightInput | null | undefined,
): Promise<EnterpriseMatch[]> {
  const localId = parseIntegerId(parkId, 'Park', 'parkId');
  const limit = checkFirst(first, 10);
  const weights = normaliseWeights(weightInput);
  await requirePark(ctx, parkId, 'parkId');
  const { rows } = await rankFirmsForPark(ctx, localId, weights, candidates, { offset: 0, limit });
  return firmMatches(ctx, rows.slice(0, limit), weights);
}

const FIRM_MATCH_CURSOR = 'enterpriseMatch';
const PARK_MATCH_CURSOR = 'parkMatch';
const PROSPECT_CURSOR = 'prospect';

/** matchEnterprisesForPark as a Relay connection, with the candidates it ranks. */
export async function enterpriseMatchesForPark(
  ctx: Context,
  parkId: string,
  args: { first?: number | null; after?: string | null },
  candidates: FirmCandidates,
  weightInput: WeightInput | null | undefined,
): Promise<Connection<EnterpriseMatch>> {
  const localId = parseIntegerId(parkId, 'Park', 'parkId');
  const window = rankWindow(args, FIRM_MATCH_CURSOR);
  const weights = normaliseWeights(weightInput);
  await requirePark(ctx, parkId, 'parkId');
  const ranked = await rankFirmsForPark(ctx, localId, weights, candidates, window);
  return rankedConnection(ranked, await firmMatches(ctx, ranked.rows.slice(0, window.limit), weights), window, FIRM_MATCH_CURSOR);
}

/** Parks the firm is not yet in, ranked by the same score seen from the firm (ties by ID): the first `first`. */
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
  const { rows } = await rankParksForFirm(ctx, localId, weights, filter, { offset: 0, limit });
  return parkMatches(ctx, rows.slice(0, limit), weights);
}

/** matchParksForEnterprise as a Relay connection. */
export async function parkMatchesForEnterprise(
  ctx: Context,
  enterpriseId: string,
  args: { first?: number | null; after?: string | null },
  weightInput: WeightInput | null | undefined,
  filter: ParkFilter | null | undefined,
): Promise<Connection<ParkMatch>> {
  const localId = parseIntegerId(enterpriseId, 'Enterprise', 'enterpriseId');
  const window = rankWindow(args, PARK_MATCH_CURSOR);
  const weights = normaliseWeights(weightInput);
  await requireEnterprise(ctx, enterpriseId, 'enterpriseId');
  const ranked = await rankParksForFirm(ctx, localId, weights, filter, window);
  return rankedConnection(ranked, await parkMatches(ctx, ranked.rows.slice(0, window.limit), weights), window, PARK_MATCH_CURSOR);
}

/**
 * 以链招商: firms (by default from outside Qingdao) ranked for the park by the prospecting weights
 * (PROSPECT_WEIGHTS: chain gaps first, as missing layers and as missing chain-map segments, then
 * sector fit, demand, delivery, models), each with the reasons whose contributions sum to its
 * score. Same formula and SQL as matching, other weights.
 */
export async function prospectsForPark(
  ctx: Context,
  parkId: string,
  args: { first?: number | null; after?: string | null },
  candidates: FirmCandidates,
): Promise<Connection<EnterpriseMatch>> {
  const localId = parseIntegerId(parkId, 'Park', 'parkId');
  const window = rankWindow(args, PROSPECT_CURSOR);
  await requirePark(ctx, parkId, 'parkId');
  const ranked = await rankFirmsForPark(ctx, localId, PROSPECT_WEIGHTS, candidates, window);
  return rankedConnection(ranked, await firmMatches(ctx, ranked.rows.slice(0, window.limit), PROSPECT_WEIGHTS), window, PROSPECT_CURSOR);
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

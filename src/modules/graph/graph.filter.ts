import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../common/errors';
import { decodeGlobalId } from '../../common/global-id';
import { MAX_FILTER_VALUES } from '../../common/filters';
import { ProvenanceKind } from '../../common/provenance';
import { districtCondition } from '../district/district.service';
import { SECTOR_CODES } from '../sector/sector-code.enum';
import { EDGE_KINDS, EDGE_TABLES, EdgeTable, GraphEdgeKind, GraphNodeKind, NODE_KIND_BY_TYPE, NODE_KINDS, NODE_TABLES } from './graph.model';

/** The filter as a caller writes it (GraphQL input or URL query parameters). */
export interface GraphFilterInput {
  sectors?: readonly string[] | null;
  parkIds?: readonly string[] | null;
  districts?: readonly string[] | null;
  nodeKinds?: readonly string[] | null;
  edgeKinds?: readonly string[] | null;
  around?: string | null;
  depth?: number | null;
  /** Keep only records of these provenance kinds (ProvenanceKind values). */
  provenanceKinds?: readonly string[] | null;
}

export type NodeKey = number | string;

/** A checked filter: every value known to exist, ready to become SQL. */
export interface ResolvedGraphFilter {
  sectors: string[] | null;
  /** Parks named by `parkIds`, intersected with the parks of `districts`. */
  parkIds: number[] | null;
  nodeKinds: ReadonlySet<GraphNodeKind>;
  /** Provenance kinds a node must have; null: every kind. */
  provenanceKinds: string[] | null;
  edgeKinds: ReadonlySet<GraphEdgeKind>;
  /** Keys of the nodes within `depth` hops of the centre, per kind; null without `around`. */
  ego: Map<GraphNodeKind, NodeKey[]> | null;
}

export const MAX_EGO_DEPTH = 3;

type Sql = [string, unknown[]];

/** A PostgreSQL array literal, bound as one text parameter (knex would expand a JS array into a list). */
export function arrayLiteral(values: readonly NodeKey[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

function list(values: readonly string[] | null | undefined, field: string): string[] | null {
  if (!values || values.length === 0) return null;
  if (values.length > MAX_FILTER_VALUES) {
    throw new BadUserInputError(`Filter "${field}" has ${values.length} values; at most ${MAX_FILTER_VALUES} are allowed.`, { field });
  }
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))];
}

function enumValues<T extends string>(values: readonly string[] | null | undefined, allowed: readonly T[], field: string): T[] | null {
  const items = list(values, field);
  if (!items) return null;
  return items.map((raw) => {
    const value = raw.toUpperCase() as T;
    if (!allowed.includes(value)) {
      throw new BadUserInputError(`Filter "${field}": unknown value "${raw.slice(0, 60)}"; expected one of ${allowed.join(', ')}.`, { field, value: raw });
    }
    return value;
  });
}

/**
 * Checks a filter against the database and resolves it: unknown sectors, parks, districts, kinds
 * or ego centres are BAD_USER_INPUT errors naming the value. For an ego network it walks the
 * graph (one statement per relation type and direction per hop).
 */
export async function resolveGraphFilter(em: SqlEntityManager, input: GraphFilterInput): Promise<ResolvedGraphFilter> {
  const sectors = enumValues(input.sectors, SECTOR_CODES, 'sectors');
  const nodeKinds = new Set(enumValues(input.nodeKinds, NODE_KINDS, 'nodeKinds') ?? NODE_KINDS);
  const edgeKinds = new Set(enumValues(input.edgeKinds, EDGE_KINDS, 'edgeKinds') ?? EDGE_KINDS);
  const provenanceKinds = enumValues(input.provenanceKinds, Object.values(ProvenanceKind), 'provenanceKinds');

  let parkIds: number[] | null = null;
  const parkGlobalIds = list(input.parkIds, 'parks');
  if (parkGlobalIds) {
    const ids = parkGlobalIds.map((id) => {
      const decoded = decodeGlobalId(id);
      const n = decoded?.type === 'Park' ? Number(decoded.localId) : NaN;
      if (!Number.isSafeInteger(n) || n <= 0) {
        throw new BadUserInputError(`Filter "parks": "${id.slice(0, 60)}" is not a park ID.`, { field: 'parks', value: id });
      }
      return n;
    });
    const found = new Set(
      ((await em.execute('select id from park where id = any(cast(? as int[]))', [arrayLiteral(ids)])) as Array<{ id: number }>).map((r) => Number(r.id)),
    );
    const missing = parkGlobalIds.find((_id, i) => !found.has(ids[i]));
    if (missing) throw new BadUserInputError(`Filter "parks": no park has the ID "${missing}".`, { field: 'parks', value: missing });
    parkIds = ids;
  }

  const districts = list(input.districts, 'districts');
  if (districts) {
    // Each name on its own, so an unknown one can be named in the error.
    const rows: Array<{ id: number; name: string }> = [];
    for (const name of districts) {
      const [cond, binds] = districtCondition('p.district', [name]);
      const found = (await em.execute(em.getKnex().raw(`select p.id from park p where ${cond}`, binds as never))) as Array<{ id: number }>;
      rows.push(...found.map((r) => ({ id: Number(r.id), name })));
    }
    const known = new Set(rows.map((r) => r.name));
    const missing = districts.find((d) => !known.has(d));
    if (missing) {
      throw new BadUserInputError(`Filter "districts": no park lies in the district "${missing.slice(0, 60)}".`, { field: 'districts', value: missing });
    }
    const inDistricts = rows.map((r) => Number(r.id));
    parkIds = parkIds ? parkIds.filter((id) => inDistricts.includes(id)) : inDistricts;
  }

  const filter: ResolvedGraphFilter = { sectors, parkIds, nodeKinds, edgeKinds, provenanceKinds, ego: null };

  if (input.depth !== null && input.depth !== undefined) {
    if (!Number.isInteger(input.depth) || input.depth < 1 || input.depth > MAX_EGO_DEPTH) {
      throw new BadUserInputError(`"depth" must be an integer from 1 to ${MAX_EGO_DEPTH}; got ${String(input.depth).slice(0, 20)}.`, { field: 'depth' });
    }
    if (!input.around) throw new BadUserInputError('"depth" needs "around": the ID of the node at the centre of the ego network.', { field: 'depth' });
  }
  if (input.around) filter.ego = await egoNetwork(em, filter, input.around, input.depth ?? 1);
  return filter;
}

async function egoNetwork(em: SqlEntityManager, filter: ResolvedGraphFilter, around: string, depth: number): Promise<Map<GraphNodeKind, NodeKey[]>> {
  const decoded = decodeGlobalId(around);
  const kind = decoded ? NODE_KIND_BY_TYPE.get(decoded.type) : undefined;
  const table = kind ? NODE_TABLES[kind] : undefined;
  const notFound = () =>
    new BadUserInputError(
      `"around": no park, firm, platform, scenario, sector, large model, compute centre, institution, national task, data product, chain-map node or compute-voucher programme has the ID "${around.slice(0, 60)}".`,
      {
        field: 'around',
        value: around,
      },
    );
  if (!decoded || !kind || !table) throw notFound();
  const key: NodeKey = table.keyType === 'int' ? Number(decoded.localId) : decoded.localId;
  if (table.keyType === 'int' && !Number.isSafeInteger(key)) throw notFound();
  const exists = (await em.execute(`select 1 from "${table.table}" where "${table.key}" = ?`, [key])) as unknown[];
  if (exists.length === 0) throw notFound();
  const [cond, binds] = nodeCondition(filter, kind, `t."${table.key}"`);
  const passes = (await em.execute(`select 1 from "${table.table}" t where t."${table.key}" = ? and ${cond}`, [key, ...binds])) as unknown[];
  if (!filter.nodeKinds.has(kind) || passes.length === 0) {
    throw new BadUserInputError(`"around": the node "${around.slice(0, 60)}" is excluded by the other filters, so it has no ego network.`, {
      field: 'around',
      value: around,
    });
  }

  const visited = new Map<GraphNodeKind, Set<NodeKey>>(NODE_KINDS.map((k) => [k, new Set<NodeKey>()]));
  visited.get(kind)!.add(key);
  let frontier = new Map<GraphNodeKind, NodeKey[]>([[kind, [key]]]);
  for (let hop = 0; hop < depth && frontier.size > 0; hop++) {
    const next = new Map<GraphNodeKind, NodeKey[]>();
    for (const edge of EDGE_TABLES) {
      if (!filter.edgeKinds.has(edge.kind) || !filter.nodeKinds.has(edge.source) || !filter.nodeKinds.has(edge.target)) continue;
      for (const [from, fromCol, to, toCol] of [
        [edge.source, edge.sourceColumn, edge.target, edge.targetColumn],
        [edge.target, edge.targetColumn, edge.source, edge.sourceColumn],
      ] as const) {
        const keys = frontier.get(from);
        if (!keys?.length) continue;
        const [toCond, toBinds] = nodeCondition(filter, to, `e.${toCol}`);
        const [rowCond, rowBinds] = edgeRowCondition(filter, edge, 'e');
        const rows = (await em.execute(
          `select distinct e.${toCol} as k from "${edge.table}" e where e.${fromCol} = any(cast(? as ${NODE_TABLES[from].keyType}[])) and e.${toCol} is not null and ${toCond} and ${rowCond}`,
          [arrayLiteral(keys), ...toBinds, ...rowBinds],
        )) as Array<{ k: NodeKey }>;
        const seen = visited.get(to)!;
        for (const row of rows) {
          const k = NODE_TABLES[to].keyType === 'int' ? Number(row.k) : row.k;
          if (seen.has(k)) continue;
          seen.add(k);
          const bucket = next.get(to) ?? [];
          bucket.push(k);
          next.set(to, bucket);
        }
      }
    }
    frontier = next;
  }
  return new Map([...visited].map(([k, set]) => [k, [...set]]));
}

/**
 * The SQL condition a row of an edge table (aliased `alias`) must meet under the filter: for rows
 * with a provenance of their own, the `provenanceKinds` filter. "true" otherwise.
 */
export function edgeRowCondition(filter: ResolvedGraphFilter, edge: EdgeTable, alias: string): Sql {
  if (!edge.ownProvenance || !filter.provenanceKinds) return ['true', []];
  return [`${alias}.provenance_kind = any(cast(? as text[]))`, [arrayLiteral(filter.provenanceKinds)]];
}

/**
 * The SQL condition a node of `kind` whose key is `id` (a column or expression) must meet under
 * the filter, with its parameters. "true" when nothing restricts the kind.
 */
export function nodeCondition(filter: ResolvedGraphFilter, kind: GraphNodeKind, id: string): Sql {
  const parts: string[] = [];
  const binds: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    binds.push(value);
  };
  const parks = filter.parkIds ? arrayLiteral(filter.parkIds) : null;
  const sectors = filter.sectors ? arrayLiteral(filter.sectors) : null;
  /** A record placed by the firms a link table ties it to (a task's winners, a programme's grantees): their parks and sectors. */
  const placeByFirms = (links: string, owner: string): void => {
    if (parks) {
      add(
        `exists (select 1 from ${links} l join enterprise_park p on p.enterprise_id = l.enterprise_id where l.${owner} = ${id} and p.park_id = any(cast(? as int[])))`,
        parks,
      );
    }
    if (sectors) {
      add(
        `exists (select 1 from ${links} l join enterprise_sector s on s.enterprise_id = l.enterprise_id where l.${owner} = ${id} and s.sector_code = any(cast(? as text[])))`,
        sectors,
      );
    }
  };
  if (filter.ego) add(`${id} = any(cast(? as ${NODE_TABLES[kind].keyType}[]))`, arrayLiteral(filter.ego.get(kind) ?? []));
  if (filter.provenanceKinds) {
    const table = NODE_TABLES[kind];
    add(
      `exists (select 1 from "${table.table}" pk where pk."${table.key}" = ${id} and pk.provenance_kind = any(cast(? as text[])))`,
      arrayLiteral(filter.provenanceKinds),
    );
  }
  switch (kind) {
    case GraphNodeKind.PARK:
      if (parks) add(`${id} = any(cast(? as int[]))`, parks);
      if (sectors) add(`exists (select 1 from park_focus_sector f where f.park_id = ${id} and f.sector_code = any(cast(? as text[])))`, sectors);
      break;
    case GraphNodeKind.ENTERPRISE:
      if (parks) add(`exists (select 1 from enterprise_park p where p.enterprise_id = ${id} and p.park_id = any(cast(? as int[])))`, parks);
      if (sectors) add(`exists (select 1 from enterprise_sector s where s.enterprise_id = ${id} and s.sector_code = any(cast(? as text[])))`, sectors);
      break;
    case GraphNodeKind.PLATFORM:
      if (parks) add(`exists (select 1 from "${NODE_TABLES.PLATFORM.table}" x where x.id = ${id} and x.park_id = any(cast(? as int[])))`, parks);
      if (sectors) add(`exists (select 1 from platform_sector s where s.platform_id = ${id} and s.sector_code = any(cast(? as text[])))`, sectors);
      break;
    case GraphNodeKind.SCENARIO:
      if (parks) add(`exists (select 1 from scenario x where x.id = ${id} and x.park_id = any(cast(? as int[])))`, parks);
      if (sectors) add(`exists (select 1 from scenario x where x.id = ${id} and x.sector_code = any(cast(? as text[])))`, sectors);
      break;
    case GraphNodeKind.SECTOR:
      if (sectors) add(`${id} = any(cast(? as text[]))`, sectors);
      break;
    case GraphNodeKind.LARGE_MODEL:
      if (parks) {
        add(
          `exists (select 1 from large_model_developer d join enterprise_park p on p.enterprise_id = d.enterprise_id where d.large_model_id = ${id} and p.park_id = any(cast(? as int[])))`,
          parks,
        );
      }
      if (sectors) add(`exists (select 1 from large_model_sector s where s.large_model_id = ${id} and s.sector_code = any(cast(? as text[])))`, sectors);
      break;
    case GraphNodeKind.COMPUTE_CENTER:
      if (parks) add(`exists (select 1 from compute_center x where x.id = ${id} and x.park_id = any(cast(? as int[])))`, parks);
      if (sectors) {
        add(
          `exists (select 1 from compute_center x join park_focus_sector f on f.park_id = x.park_id where x.id = ${id} and f.sector_code = any(cast(? as text[])))`,
          sectors,
        );
      }
      break;
    // An institution belongs to the parks and sectors of the platforms it hosts.
    case GraphNodeKind.INSTITUTION:
      if (parks) {
        add(
          `exists (select 1 from platform_institution_host h join "${NODE_TABLES.PLATFORM.table}" x on x.id = h.platform_id where h.institution_id = ${id} and x.park_id = any(cast(? as int[])))`,
          parks,
        );
      }
      if (sectors) {
        add(
          `exists (select 1 from platform_institution_host h join platform_sector s on s.platform_id = h.platform_id where h.institution_id = ${id} and s.sector_code = any(cast(? as text[])))`,
          sectors,
        );
      }
      break;
    // A task belongs to the parks and sectors of the firms that won it.
    case GraphNodeKind.NATIONAL_TASK:
      placeByFirms('national_task_enterprise_winner', 'task_id');
      break;
    case GraphNodeKind.CHAIN_NODE:
      // The map is a vocabulary, like the sectors: a park filter keeps all of it, a sector filter the shared segments and that sector's own.
      if (sectors) {
        add(
          `exists (select 1 from "${NODE_TABLES.CHAIN_NODE.table}" x where x.id = ${id} and (x.sector_code is null or x.sector_code = any(cast(? as text[]))))`,
          sectors,
        );
      }
      break;
    case GraphNodeKind.DATA_PRODUCT:
      if (parks) {
        add(
          `exists (select 1 from "${NODE_TABLES.DATA_PRODUCT.table}" x join enterprise_park p on p.enterprise_id = x.provider_id where x.id = ${id} and p.park_id = any(cast(? as int[])))`,
          parks,
        );
      }
      if (sectors) add(`exists (select 1 from data_product_sector s where s.data_product_id = ${id} and s.sector_code = any(cast(? as text[])))`, sectors);
      break;
    // A programme belongs to the parks and sectors of the firms it granted vouchers to.
    case GraphNodeKind.VOUCHER_PROGRAM:
      placeByFirms('compute_voucher_grant', 'program_id');
      break;
  }
  return [parts.length ? parts.join(' and ') : 'true', binds];
}

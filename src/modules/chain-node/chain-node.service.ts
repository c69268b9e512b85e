import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { localIdOf } from '../../common/editing/entity-editing';
import { UserErrorCode, UserErrors } from '../../common/editing/user-error';
import { toGlobalId } from '../../common/global-id';
import { hydrate } from '../../common/relay/hydrate';
import { tableOf } from '../../common/entity-type';
import { runSql, sql } from '../../common/sql';
// eslint-disable-next-line import-x/no-restricted-paths -- firm counts join the firms' table (for their provenance), named by their entity
import { Enterprise } from '../enterprise/enterprise.entity';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { ChainNode } from './chain-node.entity';

/** The firm ↔ chain node links (Enterprise.chainNodeCollection's pivot). */
export const CHAIN_LINK_TABLE = 'enterprise_chain_node';
/**
 * The view pairing every node with itself and each of its descendants (`ancestor_id`,
 * `descendant_id`): "a node includes its descendants" as one join.
 */
export const CHAIN_CLOSURE = 'chain_node_closure';
/** Each firm once under every node it is linked to, directly or through a descendant (`chain_node_id`, `enterprise_id`). */
export const CHAIN_NODE_FIRMS = 'chain_node_enterprise';
/** Deepest level below a layer root: segment 1, sub-segment 2, and one more level for editors. */
export const MAX_CHAIN_DEPTH = 3;
/** Most nodes the map may hold: bounds chainMap's size (and its price in the cost model). */
export const MAX_CHAIN_NODES = 500;

const LAYER_ORDER = Object.values(ChainLayer);

/** The whole map as one request sees it: every node (retired too) in depth-first order, with its children. */
export interface ChainTree {
  nodes: ChainNode[];
  byId: Map<number, ChainNode>;
  children: Map<number, ChainNode[]>;
  roots: ChainNode[];
}

function depthFirst(rows: ChainNode[]): ChainTree {
  const byId = new Map(rows.map((n) => [n.id, n]));
  const children = new Map<number, ChainNode[]>();
  const roots: ChainNode[] = [];
  for (const node of rows) {
    if (node.parentId == null) roots.push(node);
    else {
      let list = children.get(node.parentId);
      if (!list) children.set(node.parentId, (list = []));
      list.push(node);
    }
  }
  const bySiblingOrder = (a: ChainNode, b: ChainNode) => a.position - b.position || a.id - b.id;
  for (const list of children.values()) list.sort(bySiblingOrder);
  roots.sort((a, b) => LAYER_ORDER.indexOf(a.layer) - LAYER_ORDER.indexOf(b.layer) || a.id - b.id);
  const nodes: ChainNode[] = [];
  const visit = (node: ChainNode) => {
    nodes.push(node);
    for (const child of children.get(node.id) ?? []) visit(child);
  };
  roots.forEach(visit);
  return { nodes, byId, children, roots };
}

/** The chain map: one statement per request, however many nodes and fields ask for it. */
export function chainTree(ctx: Context): Promise<ChainTree> {
  return ctx.loaders
    .get<'all', ChainTree>('chain-node:tree', async (keys) => {
      const rows = await runSql<Record<string, unknown>>(
        ctx.em,
        sql`select id, parent_id, key, layer, sector_code, name_zh, name_en, description, position, retired, id_path, version,
                   provenance_kind, provenance_source, provenance_url, provenance_verified_at, provenance_note, created_at, updated_at
              from chain_node`,
      );
      const tree = depthFirst(rows.map((r) => hydrate(ctx.em, ChainNode, r)));
      return keys.map(() => tree);
    })
    .load('all');
}

/** The names from the layer root down to the node. */
export function namePath(tree: ChainTree, node: ChainNode, lang: 'zh' | 'en'): string[] {
  const names: string[] = [];
  for (let at: ChainNode | undefined = node; at; at = at.parentId == null ? undefined : tree.byId.get(at.parentId)) {
    names.unshift(lang === 'zh' ? at.nameZh : (at.nameEn ?? at.nameZh));
  }
  return names;
}

/** 0 for a layer root, 1 for a segment, 2 for a sub-segment. */
export function depthOf(node: Pick<ChainNode, 'idPath'>): number {
  return node.idPath.split('/').filter(Boolean).length - 1;
}

/**
 * Firms linked to each node or to any of its descendants, counted once per node: one statement
 * for the whole map. The firms counted, per provenance kind, go to the answer's data notice.
 */
export function firmCount(ctx: Context, nodeId: number): Promise<number> {
  return ctx.loaders
    .get<number, number>('chain-node:firm-count', async (ids) => {
      const rows = await runSql<{ dim: string; key: string; n: number }>(
        ctx.em,
        sql`select case when grouping(c.ancestor_id) = 0 then 'node' else 'kind' end as dim,
                   coalesce(c.ancestor_id::text, e.provenance_kind) as key, count(distinct l.enterprise_id)::int as n
              from ${sql.ident(CHAIN_CLOSURE)} c join ${sql.ident(CHAIN_LINK_TABLE)} l on l.chain_node_id = c.descendant_id
              join ${sql.ident(tableOf(Enterprise))} e on e.id = l.enterprise_id
             where c.ancestor_id = any(${sql.array([...ids], 'int')})
             group by grouping sets ((c.ancestor_id), (e.provenance_kind))`,
      );
      ctx.provenance.noteCounted(rows.filter((r) => r.dim === 'kind').map((r) => [r.key, Number(r.n)] as const));
      const counts = new Map(rows.filter((r) => r.dim === 'node').map((r) => [Number(r.key), Number(r.n)]));
      return ids.map((id) => counts.get(id) ?? 0);
    })
    .load(nodeId);
}

/** The nodes a firm is linked to, in map order; one statement for every firm of the request. */
export function chainNodesOfEnterprise(ctx: Context, enterpriseId: number): Promise<ChainNode[]> {
  return ctx.loaders
    .get<number, ChainNode[]>('chain-node:of-enterprise', async (ids) => {
      const [links, tree] = await Promise.all([
        runSql<{ enterprise_id: number; chain_node_id: number }>(
          ctx.em,
          sql`select enterprise_id, chain_node_id from ${sql.ident(CHAIN_LINK_TABLE)} where enterprise_id = any(${sql.array([...ids], 'int')})`,
        ),
        chainTree(ctx),
      ]);
      const linked = new Map<number, Set<number>>();
      for (const l of links) {
        let set = linked.get(Number(l.enterprise_id));
        if (!set) linked.set(Number(l.enterprise_id), (set = new Set()));
        set.add(Number(l.chain_node_id));
      }
      return ids.map((id) => tree.nodes.filter((n) => linked.get(id)?.has(n.id)));
    })
    .load(enterpriseId);
}

/** A node row as a write transaction reads it. */
export interface ChainNodeRow {
  id: number;
  parent_id: number | null;
  layer: ChainLayer;
  sector_code: string | null;
  name_zh: string;
  retired: boolean;
  id_path: string;
  version: number;
}

export async function chainNodeRow(tx: SqlEntityManager, id: number, lock = false): Promise<ChainNodeRow | null> {
  const rows = await runSql<ChainNodeRow>(
    tx,
    sql`select id, parent_id, layer, sector_code, name_zh, retired, id_path, version from chain_node where id = ${id}${lock ? sql` for update` : sql.empty}`,
  );
  return rows[0] ? { ...rows[0], id: Number(rows[0].id), parent_id: rows[0].parent_id === null ? null : Number(rows[0].parent_id) } : null;
}

/**
 * The local ids of chain nodes named in an input (e.g. a new firm's chainNodeIds), each checked:
 * a ChainNode ID, an existing node, not retired. Problems are user errors at `path`.i.
 */
export async function linkableChainNodeIds(
  tx: SqlEntityManager,
  ids: readonly string[] | null | undefined,
  path: string[],
  errors: UserErrors,
): Promise<number[]> {
  const found: number[] = [];
  for (const [i, id] of (ids ?? []).entries()) {
    const at = [...path, String(i)];
    const local = localIdOf(id, 'ChainNode', at, errors);
    if (local === null) continue;
    const row = await chainNodeRow(tx, local);
    if (!row) errors.add(at, 'No ChainNode has this ID.', UserErrorCode.NOT_FOUND);
    else if (row.retired) errors.add(at, `The chain node “${row.name_zh}” is retired; firms can no longer be linked to it.`);
    else if (!found.includes(local)) found.push(local);
  }
  return found;
}

/** The sibling of a node's future place that already holds the name, if any (case and spacing ignored). */
export async function siblingNamed(tx: SqlEntityManager, parentId: number | null, name: string, selfId: number | null): Promise<string | null> {
  const rows = await runSql<{ id: number }>(
    tx,
    sql`select id from chain_node where coalesce(parent_id, 0) = ${parentId ?? 0} and lower(btrim(name_zh)) = lower(btrim(${name})) and id <> ${selfId ?? -1}`,
  );
  return rows[0] ? toGlobalId('ChainNode', Number(rows[0].id)) : null;
}

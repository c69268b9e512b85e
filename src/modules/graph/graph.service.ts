import { IsolationLevel } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { ProvenanceCounts } from '../../common/data-notice';
import { globalIdSql } from '../../common/global-id';
import { edgeRowCondition, GraphFilterInput, NodeKey, ResolvedGraphFilter, nodeCondition, resolveGraphFilter } from './graph.filter';
import { EDGE_TABLES, GraphEdge, GraphNode, NODE_KINDS, NODE_TABLES, NodeTable } from './graph.model';

export const DEFAULT_BATCH_SIZE = 5000;

/**
 * Counters of the graph readers in this process, for logs and tests: a reader whose consumer goes
 * away (a client disconnecting mid-export) ends with `stoppedEarly` incremented and reads no more.
 */
export const graphReadMetrics = { opened: 0, finished: 0, stoppedEarly: 0, batches: 0, elements: 0 };

/** A filtered relation graph, read from the database in keyset batches on demand. */
export interface GraphSource {
  readonly filter: ResolvedGraphFilter;
  /** Nodes, kind by kind, in batches of at most `batchSize`. */
  nodes(): AsyncGenerator<GraphNode[]>;
  /** Edges whose both ends are among `nodes()`, relation type by relation type, in batches. */
  edges(): AsyncGenerator<GraphEdge[]>;
  /** Number of nodes, counted by the database. */
  countNodes(): Promise<number>;
  /** Number of nodes per provenance kind, in one statement (for the export's data notice). */
  countByProvenance(): Promise<ProvenanceCounts>;
}

export interface GraphSourceOptions {
  batchSize?: number;
}

/**
 * Checks the filter and returns the graph it selects. Nothing is read until `nodes()` or
 * `edges()` is iterated; each batch is one keyset statement, so memory stays flat however large
 * the graph is, and stopping the iteration stops the reads.
 */
export async function openGraph(em: SqlEntityManager, input: GraphFilterInput, options: GraphSourceOptions = {}): Promise<GraphSource> {
  const filter = await resolveGraphFilter(em, input);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const kinds = NODE_KINDS.filter((k) => filter.nodeKinds.has(k));
  const edgeTables = EDGE_TABLES.filter((e) => filter.edgeKinds.has(e.kind) && filter.nodeKinds.has(e.source) && filter.nodeKinds.has(e.target));

  return {
    filter,
    nodes: () =>
      tracked(async function* () {
        for (const kind of kinds) yield* readNodes(em, filter, NODE_TABLES[kind], batchSize);
      }),
    edges: () =>
      tracked(async function* () {
        for (const table of edgeTables) yield* readEdges(em, filter, table, batchSize);
      }),
    async countNodes() {
      let total = 0;
      for (const kind of kinds) {
        const t = NODE_TABLES[kind];
        const [cond, binds] = nodeCondition(filter, kind, `t."${t.key}"`);
        const [row] = (await em.execute(`select count(*)::int as n from "${t.table}" t where ${cond}`, binds)) as Array<{ n: number }>;
        total += Number(row.n);
      }
      return total;
    },
    async countByProvenance() {
      const parts: string[] = [];
      const binds: unknown[] = [];
      for (const kind of kinds) {
        const t = NODE_TABLES[kind];
        const [cond, b] = nodeCondition(filter, kind, `t."${t.key}"`);
        parts.push(`select t.provenance_kind as kind from "${t.table}" t where ${cond}`);
        binds.push(...b);
      }
      if (parts.length === 0) return {};
      const rows = (await em.execute(`select kind, count(*)::int as n from (${parts.join(' union all ')}) x group by kind`, binds)) as Array<{
        kind: string;
        n: number;
      }>;
      return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)])) as ProvenanceCounts;
    },
  };
}

async function* tracked<T extends unknown[]>(make: () => AsyncGenerator<T>): AsyncGenerator<T> {
  graphReadMetrics.opened++;
  let done = false;
  try {
    for await (const batch of make()) {
      graphReadMetrics.batches++;
      graphReadMetrics.elements += batch.length;
      yield batch;
    }
    done = true;
  } finally {
    if (done) graphReadMetrics.finished++;
    else graphReadMetrics.stoppedEarly++;
  }
}

/** The statement that selects a node kind's rows (without order or limit), with its values. */
function nodeSelect(filter: ResolvedGraphFilter, table: NodeTable): [string, unknown[]] {
  const [cond, binds] = nodeCondition(filter, table.kind, `t."${table.key}"`);
  const extra = Object.entries(table.columns)
    .map(([field, column]) => `, t."${column}" as "${field}"`)
    .join('');
  return [
    `select t."${table.key}" as k, ${globalIdSql(table.typeName, `t."${table.key}"`)} as gid, t.name_zh, t.name_en, t.provenance_kind${extra} from "${table.table}" t where ${cond}`,
    binds,
  ];
}

function toNode(table: NodeTable, r: Record<string, unknown>): GraphNode {
  return {
    id: r.gid as string,
    kind: table.kind,
    nameZh: r.name_zh as string,
    nameEn: (r.name_en as string | null) ?? null,
    layer: (r.layer as string | undefined) ?? null,
    district: (r.district as string | undefined) ?? null,
    role: (r.role as string | undefined) ?? null,
    platformKind: (r.platformKind as string | undefined) ?? null,
    platformLevel: (r.platformLevel as string | undefined) ?? null,
    scenarioStatus: (r.scenarioStatus as string | undefined) ?? null,
    scenarioYear: r.scenarioYear === null || r.scenarioYear === undefined ? null : Number(r.scenarioYear),
    computeKind: (r.computeKind as string | undefined) ?? null,
    provenanceKind: r.provenance_kind as string,
  };
}

async function* readNodes(em: SqlEntityManager, filter: ResolvedGraphFilter, table: NodeTable, batchSize: number): AsyncGenerator<GraphNode[]> {
  const [select, binds] = nodeSelect(filter, table);
  const sql = `${select} and t."${table.key}" > ? order by t."${table.key}" limit ?`;
  let after: NodeKey = table.keyType === 'int' ? 0 : '';
  for (;;) {
    const rows = (await em.execute(sql, [...binds, after, batchSize])) as Array<Record<string, unknown>>;
    if (rows.length === 0) return;
    yield rows.map((r) => toNode(table, r));
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].k as NodeKey;
    if (table.keyType === 'int') after = Number(after);
  }
}

type EdgeTable = (typeof EDGE_TABLES)[number];

/** The statement that selects a relation type's links between selected nodes, its order and its values. */
function edgeSelect(filter: ResolvedGraphFilter, edge: EdgeTable): { select: string; binds: unknown[]; order: string; keyset: string; single: boolean } {
  const s = `e.${edge.sourceColumn}`;
  const t = `e.${edge.targetColumn}`;
  const [sourceCond, sourceBinds] = nodeCondition(filter, edge.source, s);
  const [targetCond, targetBinds] = nodeCondition(filter, edge.target, t);
  const [rowCond, rowBinds] = edgeRowCondition(filter, edge, 'e');
  // Rows of an entity table (scenario, platform, compute centre) have one target each: the key
  // alone orders them. Pivot rows are ordered by (source, target), which an index covers; rows
  // that may repeat a pair (voucher grants) are read as distinct pairs in the same order.
  const single = edge.sourceColumn === 'id';
  return {
    select:
      `select ${edge.distinct ? 'distinct ' : ''}${s} as s, ${t} as t, ${globalIdSql(NODE_TABLES[edge.source].typeName, s)} as sid, ${globalIdSql(NODE_TABLES[edge.target].typeName, t)} as tid ` +
      `from "${edge.table}" e where ${t} is not null and ${sourceCond} and ${targetCond} and ${rowCond}`,
    binds: [...sourceBinds, ...targetBinds, ...rowBinds],
    order: single ? s : `${s}, ${t}`,
    keyset: single ? `${s} > ?` : `(${s}, ${t}) > (?, ?)`,
    single,
  };
}

type EdgeRow = { s: NodeKey; t: NodeKey; sid: string; tid: string };

const toEdge = (edge: EdgeTable, r: EdgeRow): GraphEdge => ({ id: `${edge.tag}.${r.sid}.${r.tid}`, kind: edge.kind, source: r.sid, target: r.tid });

async function* readEdges(em: SqlEntityManager, filter: ResolvedGraphFilter, edge: EdgeTable, batchSize: number): AsyncGenerator<GraphEdge[]> {
  const { select, binds, order, keyset, single } = edgeSelect(filter, edge);
  const sql = `${select} and ${keyset} order by ${order} limit ?`;
  const targetIsInt = NODE_TABLES[edge.target].keyType === 'int';
  let after: unknown[] = single ? [0] : [0, targetIsInt ? 0 : ''];
  for (;;) {
    const rows = (await em.execute(sql, [...binds, ...after, batchSize])) as EdgeRow[];
    if (rows.length === 0) return;
    yield rows.map((r) => toEdge(edge, r));
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    after = single ? [Number(last.s)] : [Number(last.s), targetIsInt ? Number(last.t) : last.t];
  }
}

/**
 * How an export reads its whole file from one snapshot of the database:
 * - `transaction` (PostgreSQL): a read-only REPEATABLE READ transaction, held until the stream
 *   ends; the batches are read on demand inside it. It holds one pooled connection per export.
 * - `cursors` (the embedded database, whose one session serves every request): one cursor per
 *   node kind and relation type is declared WITH HOLD in one short REPEATABLE READ transaction.
 *   At its commit the database runs those statements and keeps their rows (in memory up to
 *   work_mem, then in temporary files); the batches are then fetched from the cursors between
 *   other requests' statements. Other requests wait only while the rows are selected, not while
 *   a client downloads.
 */
export type GraphSnapshotMode = 'transaction' | 'cursors';

/** A graph read from one snapshot; `close()` ends the snapshot (idempotent). */
export interface GraphSnapshot extends GraphSource {
  close(): Promise<void>;
}

const SNAPSHOT = { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true } as const;

/** Numbers the cursors of concurrent exports apart (they share the embedded database's session). */
let cursorSerial = 0;

/**
 * {@link openGraph} on one snapshot: every statement the returned graph runs (the filter's
 * checks, the counts, every batch) sees the database as it was when it was opened, whatever
 * is committed meanwhile. Call `close()` when done, also after an error or an early stop.
 */
export async function openGraphSnapshot(
  em: SqlEntityManager,
  input: GraphFilterInput,
  mode: GraphSnapshotMode,
  options: GraphSourceOptions = {},
): Promise<GraphSnapshot> {
  await em.begin(SNAPSHOT);
  let open = true;
  const rollback = async () => {
    if (!open) return;
    open = false;
    await em.rollback();
  };
  try {
    if (mode === 'transaction') {
      const source = await openGraph(em, input, options);
      return { ...source, close: rollback };
    }
    return await declareGraphCursors(em, input, options, async () => {
      open = false;
      await em.commit();
    });
  } catch (error) {
    await rollback().catch(() => undefined);
    throw error;
  }
}

async function declareGraphCursors(
  em: SqlEntityManager,
  input: GraphFilterInput,
  options: GraphSourceOptions,
  commit: () => Promise<void>,
): Promise<GraphSnapshot> {
  const live = await openGraph(em, input, options);
  const { filter } = live;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const counts = await live.countByProvenance();
  const prefix = `graph_export_${++cursorSerial}`;
  const open = new Set<string>();
  const declare = async (select: string, binds: unknown[], order: string) => {
    const name = `${prefix}_${open.size}`;
    await em.execute(`declare "${name}" no scroll cursor with hold for ${select} order by ${order}`, binds);
    open.add(name);
    return name;
  };
  const nodeCursors: Array<[NodeTable, string]> = [];
  for (const kind of NODE_KINDS.filter((k) => filter.nodeKinds.has(k))) {
    const table = NODE_TABLES[kind];
    const [select, binds] = nodeSelect(filter, table);
    nodeCursors.push([table, await declare(select, binds, `t."${table.key}"`)]);
  }
  const edgeCursors: Array<[EdgeTable, string]> = [];
  for (const edge of EDGE_TABLES.filter((e) => filter.edgeKinds.has(e.kind) && filter.nodeKinds.has(e.source) && filter.nodeKinds.has(e.target))) {
    const { select, binds, order } = edgeSelect(filter, edge);
    edgeCursors.push([edge, await declare(select, binds, order)]);
  }
  // The commit runs the cursors' statements and keeps their rows: from here on they are read
  // outside the transaction, and other requests run between the batches.
  await commit();

  const closeCursor = async (name: string) => {
    if (!open.delete(name)) return;
    await em.execute(`close "${name}"`);
  };
  async function* fetchAll<R, T>(name: string, map: (row: R) => T): AsyncGenerator<T[]> {
    try {
      for (;;) {
        const rows = (await em.execute(`fetch forward ${batchSize} from "${name}"`)) as R[];
        if (rows.length) yield rows.map(map);
        if (rows.length < batchSize) return;
      }
    } finally {
      await closeCursor(name);
    }
  }
  const once = (what: string) => {
    let used = false;
    return () => {
      if (used) throw new Error(`the ${what} of a graph snapshot can be read once`);
      used = true;
    };
  };
  const nodesOnce = once('nodes');
  const edgesOnce = once('edges');
  return {
    filter,
    nodes() {
      nodesOnce();
      return tracked(async function* () {
        for (const [table, name] of nodeCursors) yield* fetchAll<Record<string, unknown>, GraphNode>(name, (r) => toNode(table, r));
      });
    },
    edges() {
      edgesOnce();
      return tracked(async function* () {
        for (const [edge, name] of edgeCursors) yield* fetchAll<EdgeRow, GraphEdge>(name, (r) => toEdge(edge, r));
      });
    },
    countNodes: async () => Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0),
    countByProvenance: async () => counts,
    async close() {
      for (const name of [...open]) await closeCursor(name);
    },
  };
}

export type { GraphFilterInput } from './graph.filter';

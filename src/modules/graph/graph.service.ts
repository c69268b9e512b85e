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

async function* readNodes(em: SqlEntityManager, filter: ResolvedGraphFilter, table: NodeTable, batchSize: number): AsyncGenerator<GraphNode[]> {
  const [cond, binds] = nodeCondition(filter, table.kind, `t."${table.key}"`);
  const extra = Object.entries(table.columns)
    .map(([field, column]) => `, t."${column}" as "${field}"`)
    .join('');
  const sql =
    `select t."${table.key}" as k, ${globalIdSql(table.typeName, `t."${table.key}"`)} as gid, t.name_zh, t.name_en, t.provenance_kind${extra} from "${table.table}" t ` +
    `where ${cond} and t."${table.key}" > ? order by t."${table.key}" limit ?`;
  let after: NodeKey = table.keyType === 'int' ? 0 : '';
  for (;;) {
    const rows = (await em.execute(sql, [...binds, after, batchSize])) as Array<Record<string, unknown>>;
    if (rows.length === 0) return;
    yield rows.map((r) => ({
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
    }));
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].k as NodeKey;
    if (table.keyType === 'int') after = Number(after);
  }
}

async function* readEdges(
  em: SqlEntityManager,
  filter: ResolvedGraphFilter,
  edge: (typeof EDGE_TABLES)[number],
  batchSize: number,
): AsyncGenerator<GraphEdge[]> {
  const s = `e.${edge.sourceColumn}`;
  const t = `e.${edge.targetColumn}`;
  const [sourceCond, sourceBinds] = nodeCondition(filter, edge.source, s);
  const [targetCond, targetBinds] = nodeCondition(filter, edge.target, t);
  const [rowCond, rowBinds] = edgeRowCondition(filter, edge, 'e');
  // Rows of an entity table (scenario, platform, compute centre) have one target each: the key
  // alone orders them. Pivot rows are ordered by (source, target), which an index covers; rows
  // that may repeat a pair (voucher grants) are read as distinct pairs in the same order.
  const single = edge.sourceColumn === 'id';
  const keyset = single ? `${s} > ?` : `(${s}, ${t}) > (?, ?)`;
  const sql =
    `select ${edge.distinct ? 'distinct ' : ''}${s} as s, ${t} as t, ${globalIdSql(NODE_TABLES[edge.source].typeName, s)} as sid, ${globalIdSql(NODE_TABLES[edge.target].typeName, t)} as tid ` +
    `from "${edge.table}" e where ${t} is not null and ${sourceCond} and ${targetCond} and ${rowCond} and ${keyset} ` +
    `order by ${single ? s : `${s}, ${t}`} limit ?`;
  const targetIsInt = NODE_TABLES[edge.target].keyType === 'int';
  let after: unknown[] = single ? [0] : [0, targetIsInt ? 0 : ''];
  for (;;) {
    const rows = (await em.execute(sql, [...sourceBinds, ...targetBinds, ...rowBinds, ...after, batchSize])) as Array<{
      s: NodeKey;
      t: NodeKey;
      sid: string;
      tid: string;
    }>;
    if (rows.length === 0) return;
    yield rows.map((r) => ({ id: `${edge.tag}.${r.sid}.${r.tid}`, kind: edge.kind, source: r.sid, target: r.tid }));
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    after = single ? [Number(last.s)] : [Number(last.s), targetIsInt ? Number(last.t) : last.t];
  }
}

export type { GraphFilterInput } from './graph.filter';

import type { Connection, ConnectionType } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { currentReadRoute, ReadRoute } from '../common/read-routing';

/*
 * Read replicas through MikroORM's own replica support: `replicas` in the ORM options gives one
 * connection pool per replica and sends reads to `getConnection('read')` (preferReadReplicas).
 * MikroORM picks a replica at random and never checks it; this driver only decides which of its
 * pools a read uses (a healthy replica that has replayed what the request must see, else the
 * primary), and re-runs on the primary a read whose replica failed under it.
 */

/** A PostgreSQL WAL position ("16/B374D848") as a number, or undefined when malformed. */
export function parseLsn(text: string | null | undefined): bigint | undefined {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text?.trim() ?? '');
  if (!match) return undefined;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export interface ReplicaOptions {
  /** A replica further behind than this (ms) gets no reads (REPLICA_MAX_LAG_MS). */
  maxLagMs: number;
  /** How often each replica's position and lag are checked (REPLICA_CHECK_INTERVAL_MS). */
  checkIntervalMs: number;
}

/** One replica's state as /readyz and /metrics report it. */
export interface ReplicaReport {
  name: string;
  /** host:port/db, never credentials. */
  where: string;
  state: 'healthy' | 'lagging' | 'unreachable' | 'unknown';
  lagMs: number | null;
  replayLsn: string | null;
  error?: string;
}

interface ReplicaState {
  name: string;
  where: string;
  connection: Connection;
  reachable: boolean | undefined;
  replayLsn?: bigint;
  lagMs?: number;
  error?: string;
  failures: number;
  nextCheckAt: number;
}

/** Listeners for metrics: routing decisions and replica faults. */
export interface ReplicaEvents {
  routed?(target: string, reason: 'replica' | 'no-replica-allowed' | 'wrote' | 'token-not-replayed' | 'no-healthy-replica'): void;
  failedOver?(replica: string): void;
}

const MAX_BACKOFF_MS = 30_000;
/** Primary positions remembered to date a replica's lag (one per check). */
const HISTORY = 600;

/**
 * The replicas of one server process: their measured health and the choice of a pool per read.
 */
export class ReplicaSet {
  private readonly replicas: ReplicaState[];
  private primaryLsn?: bigint;
  /** Primary positions with the time they were first seen: a replica's lag is the age of the oldest one it has not replayed. */
  private readonly history: Array<{ lsn: bigint; at: number }> = [];
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;
  private logger?: Logger;
  events: ReplicaEvents = {};

  constructor(
    private readonly primary: Connection,
    replicas: Array<{ name: string; where: string; connection: Connection }>,
    readonly options: ReplicaOptions,
  ) {
    this.replicas = replicas.map((r) => ({ ...r, reachable: undefined, failures: 0, nextCheckAt: 0 }));
  }

  get size(): number {
    return this.replicas.length;
  }

  /**
   * Checks every replica once, logs one line per replica that cannot be reached (the server
   * serves from the primary meanwhile), then keeps checking in the background.
   */
  async start(logger: Logger): Promise<void> {
    this.logger = logger;
    await this.checkAll();
    for (const r of this.replicas) {
      if (!r.reachable)
        logger.warn(
          { replica: r.name, where: r.where, reason: r.error },
          `read replica ${r.name} at ${r.where} is not reachable (${r.error}); reads go to the primary until it is`,
        );
    }
    this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.checkAll().finally(() => {
        if (this.timer) this.schedule();
      });
    }, this.options.checkIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Runs one round of checks (the background loop does this every REPLICA_CHECK_INTERVAL_MS). */
  checkAll(): Promise<void> {
    this.checking ??= this.runChecks().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async runChecks(): Promise<void> {
    const now = Date.now();
    try {
      const rows = (await withDeadline(raw(this.primary, 'select pg_current_wal_lsn()::text as lsn'), 2000)) as Array<{ lsn: string }>;
      const lsn = parseLsn(rows[0]?.lsn);
      if (lsn !== undefined) {
        this.primaryLsn = lsn;
        const last = this.history[this.history.length - 1];
        if (!last || last.lsn < lsn) this.history.push({ lsn, at: now });
        if (this.history.length > HISTORY) this.history.shift();
      }
    } catch {
      // The primary's own trouble shows in /readyz; replica lag is then dated by replay time alone.
    }
    await Promise.all(this.replicas.filter((r) => r.nextCheckAt <= now).map((r) => this.check(r)));
  }

  private async check(r: ReplicaState): Promise<void> {
    const wasUsable = this.usable(r);
    try {
      const rows = (await withDeadline(
        raw(
          r.connection,
          `select pg_is_in_recovery() as recovering, pg_last_wal_replay_lsn()::text as lsn,
                  (extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8 as since_replay_ms`,
        ),
        2000,
      )) as Array<{ recovering: boolean; lsn: string | null; since_replay_ms: number | null }>;
      const row = rows[0];
      if (!row?.recovering) throw new Error('the server is not a standby (pg_is_in_recovery() is false)');
      const replay = parseLsn(row.lsn);
      r.replayLsn = replay;
      r.reachable = true;
      r.error = undefined;
      r.failures = 0;
      r.nextCheckAt = 0;
      r.lagMs = this.lagOf(replay, row.since_replay_ms);
    } catch (error) {
      r.reachable = false;
      r.error = shortReason(error);
      r.failures++;
      // Retried with backoff: the check interval doubled per failure, up to 30 s.
      r.nextCheckAt = Date.now() + Math.min(MAX_BACKOFF_MS, this.options.checkIntervalMs * 2 ** r.failures);
    }
    const usable = this.usable(r);
    if (this.logger && r.reachable !== undefined && wasUsable !== usable && this.started(r)) {
      if (usable) this.logger.info({ replica: r.name, lagMs: r.lagMs }, `read replica ${r.name} serves reads again`);
      else
        this.logger.warn(
          { replica: r.name, lagMs: r.lagMs, reason: r.error },
          `read replica ${r.name} gets no reads: ${r.reachable ? `lag ${Math.round(r.lagMs ?? 0)} ms is above REPLICA_MAX_LAG_MS` : r.error}`,
        );
    }
  }

  /** True once the start-up check has been logged (its failures are reported by start()). */
  private started(_r: ReplicaState): boolean {
    return this.timer !== undefined;
  }

  private lagOf(replay: bigint | undefined, sinceReplayMs: number | null): number {
    if (replay === undefined) return Number.POSITIVE_INFINITY;
    if (this.primaryLsn === undefined || replay >= this.primaryLsn) return 0;
    // Behind: the age of the oldest primary position not yet replayed, bounded by the time since
    // the replica last replayed a transaction (both measure the same delay from two sides; the
    // replay timestamp alone overstates it after the primary was idle for a while).
    const oldest = this.history.find((h) => h.lsn > replay);
    const byHistory = oldest ? Date.now() - oldest.at : Number.POSITIVE_INFINITY;
    const byReplay = sinceReplayMs ?? Number.POSITIVE_INFINITY;
    return Math.max(0, Math.min(byHistory, byReplay));
  }

  private usable(r: ReplicaState): boolean {
    return r.reachable === true && (r.lagMs ?? Number.POSITIVE_INFINITY) <= this.options.maxLagMs;
  }

  /** The connection a read of `route` runs on: a replica when one may serve it, else the primary. */
  choose(route: ReadRoute | undefined): Connection {
    if (!route || !route.replicaAllowed) return this.primary;
    if (route.wrote) return this.toPrimary(route, 'wrote');
    const candidates = this.replicas.filter(
      (r) => this.usable(r) && (route.minLsn === undefined || (r.replayLsn !== undefined && r.replayLsn >= route.minLsn)),
    );
    if (!candidates.length) {
      const anyUsable = this.replicas.some((r) => this.usable(r));
      return this.toPrimary(route, anyUsable ? 'token-not-replayed' : 'no-healthy-replica');
    }
    const pick = candidates[Math.floor(Math.random() * candidates.length)];
    if (this.primaryLsn === undefined || pick.replayLsn === undefined || pick.replayLsn < this.primaryLsn) route.readBehind = true;
    route.reads.set(pick.name, (route.reads.get(pick.name) ?? 0) + 1);
    this.events.routed?.(pick.name, 'replica');
    return pick.connection;
  }

  private toPrimary(route: ReadRoute, reason: 'wrote' | 'token-not-replayed' | 'no-healthy-replica'): Connection {
    route.reads.set('primary', (route.reads.get('primary') ?? 0) + 1);
    this.events.routed?.('primary', reason);
    return this.primary;
  }

  /** A replica failed under a read: it gets no more reads until a check finds it well again. */
  markDown(connection: Connection, error: unknown): string | undefined {
    const r = this.replicas.find((x) => x.connection === connection);
    if (!r) return undefined;
    if (r.reachable !== false)
      this.logger?.warn(
        { replica: r.name, reason: shortReason(error) },
        `read replica ${r.name} failed a read (${shortReason(error)}); reads go elsewhere until it recovers`,
      );
    r.reachable = false;
    r.error = shortReason(error);
    r.failures++;
    r.nextCheckAt = Date.now() + Math.min(MAX_BACKOFF_MS, this.options.checkIntervalMs * 2 ** r.failures);
    this.events.failedOver?.(r.name);
    return r.name;
  }

  /** The primary's current WAL position, read after a request's commit: its consistency token. */
  async primaryPosition(): Promise<bigint | undefined> {
    const rows = (await raw(this.primary, 'select pg_current_wal_lsn()::text as lsn')) as Array<{ lsn: string }>;
    return parseLsn(rows[0]?.lsn);
  }

  /** Each replica's pool, by name (for the pool gauges of /metrics). */
  connections(): Array<[string, Connection]> {
    return this.replicas.map((r) => [r.name, r.connection]);
  }

  report(): ReplicaReport[] {
    return this.replicas.map((r) => ({
      name: r.name,
      where: r.where,
      state: r.reachable === undefined ? 'unknown' : !r.reachable ? 'unreachable' : this.usable(r) ? 'healthy' : 'lagging',
      lagMs: r.reachable && Number.isFinite(r.lagMs) ? Math.round(r.lagMs!) : null,
      replayLsn: r.replayLsn !== undefined ? formatLsn(r.replayLsn) : null,
      ...(r.error ? { error: r.error } : {}),
    }));
  }
}

/** Statements of the health checks and tokens: straight to the pool, not counted as the request's SQL. */
async function raw(connection: Connection, sql: string): Promise<unknown[]> {
  const knex = (connection as unknown as { getKnex(): { raw(sql: string): Promise<{ rows: unknown[] }> } }).getKnex();
  const result = await knex.raw(sql);
  return result.rows;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error ?? 'unknown error');
  return (message.split('\n')[0] || (error as { code?: string })?.code || 'unknown error').replace(/\/\/([^:/@]+):[^@]*@/g, '//$1:***@').slice(0, 200);
}

// SQLSTATE classes and codes after which a read is re-run on the primary: the connection is gone
// (08, 57P01-57P03: shut down, crashed, starting), the replica cancelled the read to replay WAL
// (40001, "conflict with recovery"), or a write reached a replica (25006: read-only transaction).
const RETRY_ON_PRIMARY = new Set(['57P01', '57P02', '57P03', '40001', '25006', '53300']);
const NODE_FAULTS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

export function isReplicaFault(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  if (code && (code.startsWith('08') || RETRY_ON_PRIMARY.has(code) || NODE_FAULTS.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|Timeout acquiring a connection|connection error|Client was closed|not queryable|ECONNREFUSED|ECONNRESET/i.test(message);
}

const READ_START = /^\s*(?:\/\*[\s\S]*?\*\/\s*)*\(?\s*(?:select|with)\b/i;
const WRITES =
  /\b(?:insert|update|delete|merge|truncate|nextval|setval|pg_advisory\w*|set_config|pg_notify|txid_current|pg_current_wal\w*|lo_\w+)\b|\bfor\s+(?:no\s+key\s+)?(?:update|share|key\s+share)\b|\binto\s+(?!\s*\))/i;

/** True for a statement a replica can answer: a plain SELECT (or WITH … SELECT) that writes nothing and takes no locks. */
export function isReadOnlySql(sql: string): boolean {
  return READ_START.test(sql) && !WRITES.test(sql);
}

function sqlText(query: unknown): string | undefined {
  if (typeof query === 'string') return query;
  const q = query as { toSQL?: () => { sql?: string }; client?: { transacting?: boolean } };
  if (q?.client?.transacting) return undefined;
  return typeof q?.toSQL === 'function' ? q.toSQL().sql : undefined;
}

/**
 * PostgreSqlDriver whose reads follow the request's {@link ReadRoute}. Without replicas it is the
 * plain driver. Writes and transactions always use the primary pool; the first of them in a
 * request sends the rest of that request to the primary too.
 */
export class ReplicatedPostgreSqlDriver extends PostgreSqlDriver {
  private replicaSet?: ReplicaSet;

  /** Builds the replica set over MikroORM's replica pools (named in `names`, same order as `replicas`). */
  attachReplicas(names: Array<{ name: string; where: string }>, options: ReplicaOptions): ReplicaSet | undefined {
    if (!this.replicas.length) return undefined;
    const set = new ReplicaSet(
      this.connection,
      this.replicas.map((connection, i) => ({ connection, name: names[i]?.name ?? `replica${i + 1}`, where: names[i]?.where ?? '?' })),
      options,
    );
    this.watchPrimary();
    for (const replica of this.replicas) this.failOver(replica, set);
    this.replicaSet = set;
    return set;
  }

  override getConnection(type: ConnectionType = 'write'): ReturnType<PostgreSqlDriver['getConnection']> {
    if (type === 'write' || !this.replicaSet) return this.connection;
    return this.replicaSet.choose(currentReadRoute()) as ReturnType<PostgreSqlDriver['getConnection']>;
  }

  // Raw statements (em.execute) go to the primary in MikroORM; a plain SELECT outside a
  // transaction is a read like any other here.
  override async execute<
    T extends
      | import('@mikro-orm/knex').QueryResult
      | import('@mikro-orm/core').EntityData<import('@mikro-orm/core').AnyEntity>
      | import('@mikro-orm/core').EntityData<import('@mikro-orm/core').AnyEntity>[] = import('@mikro-orm/core').EntityData<
      import('@mikro-orm/core').AnyEntity
    >[],
  >(
    queryOrKnex: Parameters<PostgreSqlDriver['execute']>[0],
    params: unknown[] = [],
    method: 'all' | 'get' | 'run' = 'all',
    ctx?: Parameters<PostgreSqlDriver['execute']>[3],
    loggerContext?: Parameters<PostgreSqlDriver['execute']>[4],
  ): Promise<T> {
    if (this.replicaSet && !ctx && method !== 'run') {
      const text = sqlText(queryOrKnex);
      if (text !== undefined && isReadOnlySql(text)) {
        return this.rethrow(this.getConnection('read').execute(queryOrKnex, params as never, method, ctx, loggerContext)) as Promise<T>;
      }
    }
    return super.execute<T>(queryOrKnex, params as never, method, ctx, loggerContext);
  }

  /** Notes the first write (or transaction) of a request on the primary. */
  private watchPrimary(): void {
    const primary = this.connection as unknown as { execute: (...args: unknown[]) => Promise<unknown>; begin: (...args: unknown[]) => Promise<unknown> };
    const execute = primary.execute.bind(primary);
    const begin = primary.begin.bind(primary);
    primary.execute = (query: unknown, params?: unknown, method?: unknown, ctx?: unknown, ...rest: unknown[]) => {
      const route = currentReadRoute();
      if (route && !route.wrote) {
        const text = sqlText(query);
        if (ctx || method === 'run' || text === undefined || !isReadOnlySql(text)) route.wrote = true;
      }
      return execute(query, params, method, ctx, ...rest);
    };
    primary.begin = (...args: unknown[]) => {
      const route = currentReadRoute();
      if (route) route.wrote = true;
      return begin(...args);
    };
  }

  /** A read whose replica fails under it (stopped, restarting, cancelled for replay) runs again on the primary. */
  private failOver(replica: Connection, set: ReplicaSet): void {
    const conn = replica as unknown as { execute: (...args: unknown[]) => Promise<unknown> };
    const execute = conn.execute.bind(conn);
    const primary = this.connection;
    conn.execute = async (...args: unknown[]) => {
      try {
        return await execute(...args);
      } catch (error) {
        if (!isReplicaFault(error)) throw error;
        set.markDown(replica, error);
        if ((error as { code?: string }).code === '25006') {
          const route = currentReadRoute();
          if (route) route.wrote = true;
        }
        return (primary as unknown as { execute: (...a: unknown[]) => Promise<unknown> }).execute(...args);
      }
    };
  }
}

import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Caller } from './auth';
import type { ProvenanceTally } from './data-notice';
import type { LoaderRegistry } from './loaders';
import type { SqlStats } from './sql-stats';

/**
 * Everything one request owns, built by `createContext()` in src/graphql. Resolvers depend on this
 * type only. Nothing here outlives the request.
 */
export interface Context {
  /** A fork of the EntityManager: its identity map is this request's alone (forked on first use). */
  em: SqlEntityManager;
  /**
   * The process's root EntityManager, for what needs no identity map: connections, metadata,
   * configuration (the read compiler). Never load or persist entities through it.
   */
  rootEm?: SqlEntityManager;
  /** This request's DataLoaders; their caches die with the request. */
  loaders: LoaderRegistry;
  requestId: string;
  sql: SqlStats;
  /** The API key that signed the request, or null for an anonymous caller. */
  caller: Caller | null;
  /** Provenance of the records this request shows or counts (for `extensions.dataNotice`). */
  provenance: ProvenanceTally;
  /** Who pays this request's cost points, and what it was charged (filled before execution). */
  billing: Billing;
}

/** Rate-limit identity: an API key's id when the request carries a valid key, else the client IP. */
export interface Billing {
  /** `key:<id>` or `ip:<address>`: the counter's name; never the key itself. */
  callerId: string;
  keyed: boolean;
  /** The operation's name, once resolved (for logs). */
  operationName?: string;
  /** Set by the cost plugin once the operation is known. */
  cost?: CostReport;
}

/** What `extensions.cost` of every response reports. */
export interface CostReport {
  /** Points this request was charged (0 when it was refused before running). */
  requested: number;
  /** Worst-case node count of the query. */
  nodes: number;
  /** The caller's points per window. */
  limit: number;
  remaining: number;
  used: number;
  resetAt: string;
}

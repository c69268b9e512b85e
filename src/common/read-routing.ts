import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where one request's SQL may run when read replicas are configured (DATABASE_REPLICA_URLS).
 * The HTTP layer opens a route per request; the database driver (src/db/replicas.ts) reads it for
 * every statement. Work outside a request (webhook deliveries, CLIs, migrations) has no route and
 * always runs on the primary.
 */
export interface ReadRoute {
  /** Reads may go to a replica: false for mutations, imports and health checks. */
  replicaAllowed: boolean;
  /**
   * The primary's WAL position (as a number) that a replica must have replayed to serve this
   * request: from the client's consistency token or the key's own recent write.
   */
  minLsn?: bigint;
  /** Set by the first write (or transaction): everything after it runs on the primary. */
  wrote: boolean;
  /** Set when a read ran on a replica that was behind the primary at its last check. */
  readBehind: boolean;
  /** Where the request's reads went, counted for metrics: replica name or "primary". */
  reads: Map<string, number>;
}

const storage = new AsyncLocalStorage<ReadRoute>();

export function newReadRoute(replicaAllowed: boolean, minLsn?: bigint): ReadRoute {
  return { replicaAllowed, minLsn, wrote: false, readBehind: false, reads: new Map() };
}

/** Runs `fn` (and everything it awaits) under `route`. */
export function withReadRoute<T>(route: ReadRoute, fn: () => T): T {
  return storage.run(route, fn);
}

export function currentReadRoute(): ReadRoute | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` on the primary even inside a read-only request: for lookups whose staleness would be
 * wrong rather than late (an API key created a moment ago must work, a revoked one must not).
 */
export function onPrimary<T>(fn: () => Promise<T>): Promise<T> {
  return storage.run(newReadRoute(false), fn);
}

import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Caller } from './auth';
import type { LoaderRegistry } from './loaders';
import type { SqlStats } from './sql-stats';

/**
 * Everything one request owns, built by `createContext()` in src/graphql. Resolvers depend on this
 * type only. Nothing here outlives the request.
 */
export interface Context {
  /** A fork of the EntityManager: its identity map is this request's alone. */
  em: SqlEntityManager;
  /** This request's DataLoaders; their caches die with the request. */
  loaders: LoaderRegistry;
  requestId: string;
  sql: SqlStats;
  /** The API key that signed the request, or null for an anonymous caller. */
  caller: Caller | null;
}

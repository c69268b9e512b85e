import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { AppConfig } from '../common/config';
import type { Context } from '../common/context';
import { currentReadRoute, newReadRoute, ReadRoute, withReadRoute } from '../common/read-routing';
import type { Database } from '../db/database';
import { formatLsn, parseLsn } from '../db/replicas';
import { RedisBreaker } from '../graphql/redis-breaker';

/** Request and response header of the consistency token (also `extensions.consistencyToken`). */
export const CONSISTENCY_HEADER = 'x-consistency-token';

/** A position no replica ever reaches: malformed tokens and unknown recent writes are served by the primary. */
const PRIMARY_ONLY = (1n << 64n) - 1n;

/** Routes whose reads stay on the primary: imports (they write), and the health checks (they check the primary). */
const PRIMARY_PATHS = /^\/(?:import|readyz|healthz)(?:\/|$)/;

/**
 * The token a write's response carries: the primary's WAL position after the commit, opaque to
 * clients ("pg:" and the position). Sent back, it sends the read to a replica that has replayed
 * that far, or to the primary.
 */
export function formatToken(lsn: bigint): string {
  return `pg:${formatLsn(lsn)}`;
}

/** The position a token asks for; a malformed or forged token asks for the primary, never an error. */
export function tokenPosition(token: string): bigint {
  const match = /^pg:(.{3,17})$/.exec(token.trim());
  return (match && parseLsn(match[1])) ?? PRIMARY_ONLY;
}

/** A key's most recent write, for READ_YOUR_WRITES_WINDOW_MS: in Redis when REDIS_URL is set, else here. */
interface RecentWrites {
  get(callerId: string): Promise<bigint | undefined>;
  set(callerId: string, lsn: bigint): Promise<void>;
  close(): Promise<void>;
}

function memoryRecentWrites(windowMs: number): RecentWrites {
  const entries = new LRUCache<string, bigint>({ max: 100_000, ttl: windowMs });
  return {
    async get(id) {
      return entries.get(id);
    },
    async set(id, lsn) {
      entries.set(id, lsn);
    },
    async close() {},
  };
}

function redisRecentWrites(breaker: RedisBreaker, prefix: string, windowMs: number): RecentWrites {
  return {
    async get(id) {
      const value = await breaker.call((redis) => redis.get(`${prefix}w:${id}`));
      return value ? parseLsn(value) : undefined;
    },
    async set(id, lsn) {
      await breaker.call((redis) => redis.set(`${prefix}w:${id}`, formatLsn(lsn), 'PX', windowMs));
    },
    close: () => breaker.close(),
  };
}

export interface ReadRouting {
  /** Opens the request's route; mount before every route that reads. */
  middleware: RequestHandler;
  /** Pins mutations to the primary, honours tokens and the key's recent write, returns tokens. */
  plugins: ApolloServerPlugin<Context>[];
  close(): Promise<void>;
}

/**
 * Read routing for the HTTP server. Without replicas (the embedded database, or no
 * DATABASE_REPLICA_URLS) it does nothing at all.
 */
export function readRouting(config: AppConfig, db: Database, logger: Logger): ReadRouting {
  const replicas = db.replicas;
  if (!replicas || !config.replicas) return { middleware: (_req, _res, next) => next(), plugins: [], close: async () => undefined };
  const windowMs = config.replicas.readYourWritesMs;
  const recent = config.redisUrl
    ? redisRecentWrites(new RedisBreaker(config.redisUrl, { name: 'read-your-writes', logger, timeoutMs: config.redisTimeoutMs }), config.cachePrefix, windowMs)
    : memoryRecentWrites(windowMs);

  const middleware: RequestHandler = (req, res, next) => {
    const token = req.get(CONSISTENCY_HEADER);
    const route = newReadRoute(!PRIMARY_PATHS.test(req.path), token !== undefined ? tokenPosition(token) : undefined);
    withReadRoute(route, () => next());
  };

  const raise = (route: ReadRoute, lsn: bigint) => {
    if (route.minLsn === undefined || route.minLsn < lsn) route.minLsn = lsn;
  };

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart({ request }) {
      const route = currentReadRoute();
      const sent = request.extensions?.consistencyToken;
      if (route && typeof sent === 'string') raise(route, tokenPosition(sent));
      else if (route && sent !== undefined) raise(route, PRIMARY_ONLY);
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!route) return;
          if (operation?.operation !== 'query') route.replicaAllowed = false;
          else if (contextValue.billing.keyed) {
            // The key's own last write, honoured without a token for READ_YOUR_WRITES_WINDOW_MS;
            // when that cannot be known (Redis away), the primary answers.
            const lsn = await recent.get(contextValue.billing.callerId).catch(() => PRIMARY_ONLY);
            if (lsn !== undefined) raise(route, lsn);
          }
        },
        // Runs only when the response cache had no answer (it comes first and answers hits). An
        // answer computed now will be cached for everyone under the current generations, which a
        // write may have bumped a moment ago: it may come from a replica only if that replica has
        // replayed everything the primary had committed by now.
        async responseForOperation({ operation, request }) {
          if (route && config.responseCache && operation?.operation === 'query' && !request.http?.headers.get('authorization')) {
            raise(route, (await replicas.primaryPosition().catch(() => undefined)) ?? PRIMARY_ONLY);
          }
          return null;
        },
        async willSendResponse({ response, contextValue }) {
          if (!route?.wrote) return;
          const lsn = await replicas.primaryPosition().catch(() => undefined);
          if (lsn === undefined) return;
          const token = formatToken(lsn);
          response.http.headers.set(CONSISTENCY_HEADER, token);
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, consistencyToken: token };
          }
          if (contextValue.billing.keyed) await recent.set(contextValue.billing.callerId, lsn).catch(() => undefined);
        },
      };
    },
  };

  return { middleware, plugins: [plugin], close: () => recent.close() };
}

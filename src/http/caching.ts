import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from 'pino';
import type { AppConfig } from '../common/config';
import type { Context } from '../common/context';
import { RedisBreaker } from '../graphql/redis-breaker';
import { RedisKeyValueCache } from '../graphql/redis-kv-cache';
import { MemoryResponseStore, RedisResponseStore, responseCachePlugin } from '../graphql/response-cache';

export interface Caching {
  /** Store of persisted queries; undefined leaves Apollo's in-memory default. */
  apq?: KeyValueCache<string>;
  plugins: ApolloServerPlugin<Context>[];
  close(): Promise<void>;
}

/**
 * The response cache and the persisted-query store: in this process by default, in Redis when
 * REDIS_URL is set so every process serving the API shares them (and sees each other's writes).
 */
export async function startCaching(config: AppConfig, logger: Logger): Promise<Caching> {
  // Every call has a deadline and goes through a circuit breaker (src/graphql/redis-breaker.ts).
  const redis = config.redisUrl ? new RedisBreaker(config.redisUrl, { name: 'response cache', logger, timeoutMs: config.redisTimeoutMs }) : undefined;
  if (redis && !(await redis.ready(2000))) logger.warn('Redis is not reachable yet; the cache is bypassed until it is');
  const plugins: ApolloServerPlugin<Context>[] = [];
  let unregister = () => undefined as void;
  if (config.responseCache) {
    const ttl = config.responseCacheTtlSeconds;
    const store = redis ? new RedisResponseStore(redis, ttl, config.cachePrefix) : new MemoryResponseStore(ttl, config.responseCacheMaxBytes);
    const plugin = responseCachePlugin({ store, ttlSeconds: ttl, logger });
    unregister = plugin.unregister;
    plugins.push(plugin);
  }
  return {
    apq: redis ? new RedisKeyValueCache(redis, `${config.cachePrefix}apq:`) : undefined,
    plugins,
    async close() {
      unregister();
      if (redis) await redis.close();
    },
  };
}

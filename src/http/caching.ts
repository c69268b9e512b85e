import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from 'pino';
import type { AppConfig } from '../common/config';
import type { Context } from '../common/context';
import { RedisBreaker } from '../graphql/redis-breaker';
import { RedisKeyValueCache } from '../graphql/redis-kv-cache';
import { MemoryResponseStore, RedisResponseStore, ResponseStore, responseCachePlugin } from '../graphql/response-cache';
import { onCacheDistrust, tellWorkersCacheDistrust } from './cluster';

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
  const stops: Array<() => void> = [];
  if (config.responseCache) {
    const ttl = config.responseCacheTtlSeconds;
    let store: ResponseStore;
    if (redis) {
      const shared = new RedisResponseStore(redis, ttl, config.cachePrefix);
      // Under WORKERS=N a write whose invalidation Redis did not take reaches every other worker
      // through the cluster before it answers (src/http/cluster.ts).
      shared.onLostInvalidation(tellWorkersCacheDistrust);
      stops.push(
        onCacheDistrust(() => shared.distrust()),
        () => shared.stop(),
      );
      store = shared;
    } else {
      store = new MemoryResponseStore(ttl, config.responseCacheMaxBytes);
    }
    const plugin = responseCachePlugin({ store, ttlSeconds: ttl, logger });
    stops.push(plugin.unregister);
    plugins.push(plugin);
  }
  return {
    apq: redis ? new RedisKeyValueCache(redis, `${config.cachePrefix}apq:`) : undefined,
    plugins,
    async close() {
      for (const stop of stops) stop();
      if (redis) await redis.close();
    },
  };
}

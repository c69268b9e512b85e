import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { RedisBreaker } from './redis-breaker';

/**
 * Apollo's key-value cache (used for automatic persisted queries) over Redis, so a query
 * registered on one process can be sent by hash to any other. While Redis is unreachable a hash
 * is unknown (the client resends the full query, as the APQ protocol provides) and nothing is
 * stored; the breaker has logged the outage.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly breaker: RedisBreaker,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.breaker.call((redis) => redis.get(this.prefix + key)).catch(() => null)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    await this.breaker
      .call((redis) => (options?.ttl ? redis.set(this.prefix + key, value, 'EX', Math.ceil(options.ttl)) : redis.set(this.prefix + key, value)))
      .catch(() => undefined);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.breaker.call((redis) => redis.del(this.prefix + key)).catch(() => 0)) > 0;
  }
}

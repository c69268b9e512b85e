import type { Logger } from 'pino';
import type { AppConfig } from '../common/config';
import { MemoryRateLimitStore, RateLimitStore, RedisRateLimitStore } from '../graphql/rate-limit';

/** Where rate-limit counters live: Redis when REDIS_URL is set (shared by every process), else memory. */
export async function openRateLimitStore(config: AppConfig, logger: Logger): Promise<RateLimitStore> {
  if (!config.redisUrl) return new MemoryRateLimitStore();
  const redis = new RedisRateLimitStore(config.redisUrl, undefined, { logger, timeoutMs: config.redisTimeoutMs });
  await redis
    .ready()
    .catch((error: Error) => logger.warn({ err: error }, 'Redis for rate limits is not reachable yet; requests are served uncounted until it is'));
  return redis;
}

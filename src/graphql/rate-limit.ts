import Redis from 'ioredis';

/** The state of one caller's budget after a charge (or a look). */
export interface BudgetState {
  /** Whether the charge was taken; false when it would have gone over the limit. */
  allowed: boolean;
  limit: number;
  used: number;
  remaining: number;
  /** When the window ends and the budget is full again. */
  resetAt: Date;
}

/**
 * Counts cost points per caller in fixed windows. A charge that would go over the limit is refused
 * and not counted, so a caller that sends one huge query still has its remaining points.
 */
export interface RateLimitStore {
  charge(callerId: string, points: number, limit: number, windowMs: number): Promise<BudgetState>;
  close(): Promise<void>;
}

function state(allowed: boolean, limit: number, used: number, resetAt: number): BudgetState {
  return { allowed, limit, used, remaining: Math.max(0, limit - used), resetAt: new Date(resetAt) };
}

/** Counters in this process: right for one instance; several instances need {@link RedisRateLimitStore}. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { used: number; resetAt: number }>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  async charge(callerId: string, points: number, limit: number, windowMs: number): Promise<BudgetState> {
    const now = Date.now();
    let window = this.windows.get(callerId);
    if (!window || window.resetAt <= now) {
      window = { used: 0, resetAt: now + windowMs };
      this.windows.set(callerId, window);
    }
    if (window.used + points > limit) return state(false, limit, window.used, window.resetAt);
    window.used += points;
    return state(true, limit, window.used, window.resetAt);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, window] of this.windows) if (window.resetAt <= now) this.windows.delete(id);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}

// Check and charge in one step on the Redis server, so processes sharing a budget cannot both
// spend its last points. The window starts with the first charge and expires by itself.
const CHARGE_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local points = tonumber(ARGV[1])
if used + points > tonumber(ARGV[2]) then
  return {0, used, redis.call('PTTL', KEYS[1])}
end
used = redis.call('INCRBY', KEYS[1], points)
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  ttl = tonumber(ARGV[3])
end
return {1, used, ttl}
`;

/** Counters in Redis (REDIS_URL), shared by every server process that points at it. */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix = 'directory:ratelimit:') {
    // Fail a charge fast rather than queue it while Redis is away; the plugin then lets the request
    // through (a limiter outage must not take the API down) and logs it.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('chargePoints', { numberOfKeys: 1, lua: CHARGE_SCRIPT });
  }

  async charge(callerId: string, points: number, limit: number, windowMs: number): Promise<BudgetState> {
    const redis = this.redis as Redis & { chargePoints(key: string, points: number, limit: number, windowMs: number): Promise<[number, number, number]> };
    const [allowed, used, ttl] = await redis.chargePoints(this.prefix + callerId, points, limit, windowMs);
    const resetAt = Date.now() + (ttl > 0 ? ttl : windowMs);
    return state(allowed === 1, limit, Number(used), resetAt);
  }

  /** Waits until the connection is usable, so the first requests are counted too. */
  async ready(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Redis did not answer within 5 s')), 5000);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

import type Redis from 'ioredis';
import pino, { Logger } from 'pino';
import { RedisBreaker } from './redis-breaker';

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
  readonly breaker: RedisBreaker;

  /**
   * Every charge has a deadline (REDIS_TIMEOUT_MS) and goes through a circuit breaker: while
   * Redis is away or hangs, a charge fails within that deadline, or at once once the breaker is
   * open, and the cost plugin serves the request uncounted (rate limits fail open).
   */
  constructor(
    url: string,
    private readonly prefix = 'directory:ratelimit:',
    options: { logger?: Logger; timeoutMs?: number } = {},
  ) {
    this.breaker = new RedisBreaker(url, { name: 'rate limits', logger: options.logger ?? pino({ level: 'silent' }), timeoutMs: options.timeoutMs ?? 50 });
    this.breaker.redis.defineCommand('chargePoints', { numberOfKeys: 1, lua: CHARGE_SCRIPT });
  }

  async charge(callerId: string, points: number, limit: number, windowMs: number): Promise<BudgetState> {
    const [allowed, used, ttl] = await this.breaker.call((redis) =>
      (redis as Redis & { chargePoints(key: string, points: number, limit: number, windowMs: number): Promise<[number, number, number]> }).chargePoints(
        this.prefix + callerId,
        points,
        limit,
        windowMs,
      ),
    );
    const resetAt = Date.now() + (ttl > 0 ? ttl : windowMs);
    return state(allowed === 1, limit, Number(used), resetAt);
  }

  /** Waits (up to 2 s) until the connection is usable, so the first requests are counted too. */
  async ready(): Promise<void> {
    if (!(await this.breaker.ready(2000))) throw new Error('Redis did not answer within 2 s');
  }

  async close(): Promise<void> {
    await this.breaker.close();
  }
}

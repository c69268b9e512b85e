import Redis from 'ioredis';
import type { Logger } from 'pino';

/** Redis did not answer in time, or the breaker is open: the caller goes on without Redis. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

export interface RedisBreakerOptions {
  /** Names the user of this connection in the log lines ("rate limits", "response cache"). */
  name: string;
  logger: Logger;
  /** Deadline of one call (REDIS_TIMEOUT_MS). */
  timeoutMs: number;
  /** Consecutive failures that open the breaker. */
  failuresToOpen?: number;
  /** How long an open breaker refuses calls before it lets one probe through. */
  retryAfterMs?: number;
}

/**
 * One Redis connection behind a circuit breaker. Every call has a deadline of a few tens of
 * milliseconds (a Redis that accepts connections and never answers costs each request at most
 * that); after a few consecutive failures the breaker opens and calls fail at once, without
 * touching the network, until a probe call succeeds. Each opening and closing is logged once, and
 * whoever needs to catch up after an outage (the response cache) subscribes with `onRecover`.
 */
export class RedisBreaker {
  readonly redis: Redis;
  private failures = 0;
  /** When the outage began (null while Redis answers), and when the next probe may go. */
  private openSince: number | null = null;
  private probeAt = 0;
  private probing = false;
  private readonly recoverListeners: Array<() => Promise<void>> = [];
  private readonly failuresToOpen: number;
  private readonly retryAfterMs: number;

  constructor(
    url: string,
    private readonly options: RedisBreakerOptions,
  ) {
    this.failuresToOpen = options.failuresToOpen ?? 3;
    this.retryAfterMs = options.retryAfterMs ?? 1000;
    this.redis = new Redis(url, {
      // Never queue a command while disconnected, never retry one: fail now, the breaker decides.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // The breaker's deadline answers the caller; this one only clears commands Redis never answers.
      commandTimeout: Math.max(1000, options.timeoutMs * 10),
      connectTimeout: 1000,
      retryStrategy: (times) => Math.min(100 * times, 1000),
    });
    // Connection errors are the breaker's business; it logs the transitions, not every retry.
    this.redis.on('error', () => undefined);
  }

  /** Whether calls currently fail fast (Redis unreachable). */
  get open(): boolean {
    return this.openSince !== null;
  }

  /** Runs `fn` under the deadline; throws {@link RedisUnavailableError} when the breaker is open or the call fails. */
  async call<T>(fn: (redis: Redis) => Promise<T>): Promise<T> {
    const probe = this.openSince !== null;
    if (probe && (this.probing || Date.now() < this.probeAt)) {
      throw new RedisUnavailableError(`Redis for ${this.options.name} is unreachable`);
    }
    if (probe) this.probing = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        fn(this.redis),
        new Promise<never>((_, reject) => {
          // The reply may already sit in the socket when the timer fires late (a busy event loop
          // runs timers before it reads sockets): decide after this loop turn's reads.
          timer = setTimeout(
            () => setImmediate(() => reject(new RedisUnavailableError(`Redis for ${this.options.name} did not answer within ${this.options.timeoutMs} ms`))),
            this.options.timeoutMs,
          );
        }),
      ]);
      this.succeeded();
      return result;
    } catch (error) {
      this.failed(error);
      throw error instanceof RedisUnavailableError ? error : new RedisUnavailableError(`Redis for ${this.options.name} failed: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
      if (probe) this.probing = false;
    }
  }

  /** Called (once per outage, after the breaker closes) before normal service resumes. */
  onRecover(listener: () => Promise<void>): void {
    this.recoverListeners.push(listener);
  }

  /** Waits up to `ms` for the first connection, so the first requests are served with Redis. */
  async ready(ms: number): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        resolve(false);
      }, ms);
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.redis.once('ready', onReady);
    });
  }

  private succeeded(): void {
    this.failures = 0;
    if (this.openSince === null) return;
    const downMs = Date.now() - this.openSince;
    this.openSince = null;
    this.options.logger.warn({ redis: this.options.name, downMs }, `Redis for ${this.options.name} is reachable again`);
    for (const listener of this.recoverListeners) {
      listener().catch((error: Error) => this.options.logger.error({ err: error, redis: this.options.name }, 'catching up after a Redis outage failed'));
    }
  }

  private failed(error: unknown): void {
    this.probeAt = Date.now() + this.retryAfterMs;
    // A failed probe: stay open, try again later.
    if (this.openSince !== null) return;
    if (++this.failures < this.failuresToOpen) return;
    this.openSince = Date.now();
    this.options.logger.warn(
      { redis: this.options.name, err: error },
      `Redis for ${this.options.name} is unreachable; going on without it until it answers again`,
    );
  }

  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const quit = this.redis.quit().catch(() => undefined);
    await Promise.race([quit, new Promise((resolve) => (timer = setTimeout(resolve, 200)))]);
    clearTimeout(timer);
    this.redis.disconnect();
  }
}

import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { SectorsDocument } from '../generated/graphql';
import { RedisRateLimitStore } from '../../src/graphql/rate-limit';
import { createTestKey } from '../helpers/api-keys';
import { startTestServer, TestServer } from '../helpers/test-server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const rateLimit = { anonymousPoints: 3, keyedPoints: 5, windowMs: 3_600_000 };

const spend = async (server: TestServer, headers: Record<string, string> = {}) => server.gql(SectorsDocument, undefined, headers);

// One database for the file: the servers of the later groups serve the same rows, each with its own limiter.
let owner: TestServer;
beforeAll(async () => {
  owner = await startTestServer({ rateLimit });
});
afterAll(() => owner?.close());

describe('rate limits by cost points per caller (in memory)', () => {
  let server: TestServer;
  beforeAll(() => {
    server = owner;
  });
  let anonymousStatements = 0;

  it('counts down in headers and extensions, then answers 429 RATE_LIMITED with Retry-After', async () => {
    for (let i = 1; i <= 3; i++) {
      const res = await spend(server);
      anonymousStatements = Number(res.headers.get('x-sql-statements'));
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('3');
      expect(res.headers.get('x-ratelimit-used')).toBe(String(i));
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(3 - i));
    }
    const over = await spend(server);
    expect(over.status).toBe(429);
    expect(over.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(over.extensions?.cost).toMatchObject({ requested: 0, remaining: 0, limit: 3 });
    expect(over.headers.get('x-sql-statements')).toBe('0');
  });

  it('a valid API key has its own, larger budget; an unknown key is refused, not billed', async () => {
    const { headers } = await createTestKey(server, 'reader', '限流测试');
    const keyed = await spend(server, headers);
    expect(keyed.status).toBe(200);
    expect(keyed.headers.get('x-ratelimit-limit')).toBe('5');
    expect(keyed.headers.get('x-ratelimit-used')).toBe('1');
    // The key is looked up once per request, for billing and for the caller's role alike.
    expect(Number(keyed.headers.get('x-sql-statements'))).toBe(anonymousStatements + 1);
    const unknown = await spend(server, { authorization: 'Bearer qdai_not-a-real-key' });
    expect(unknown.status).toBe(401);
    expect(unknown.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const anonymous = await spend(server);
    expect(anonymous.status).toBe(429); // the IP's budget was spent by the previous test
  });
});

describe('rate limits shared through Redis by several server processes', () => {
  let a: TestServer;
  let b: TestServer;
  let storeA: RedisRateLimitStore;
  let storeB: RedisRateLimitStore;
  const prefix = `test:${randomBytes(4).toString('hex')}:`;
  beforeAll(async () => {
    storeA = new RedisRateLimitStore(REDIS_URL, prefix);
    storeB = new RedisRateLimitStore(REDIS_URL, prefix);
    await Promise.all([storeA.ready(), storeB.ready()]);
    [a, b] = await Promise.all([
      startTestServer({ rateLimit: { ...rateLimit, anonymousPoints: 6 } }, { http: { rateLimitStore: storeA }, sharing: owner }),
      startTestServer({ rateLimit: { ...rateLimit, anonymousPoints: 6 } }, { http: { rateLimitStore: storeB }, sharing: owner }),
    ]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('two servers spend one budget: of 12 concurrent requests exactly 6 pass, the counter in Redis says 6 and expires', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => spend(i % 2 ? a : b)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(6);
    expect(results.filter((r) => r.status === 429)).toHaveLength(6);
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}ip:*`);
      expect(keys).toHaveLength(1);
      expect(await redis.get(keys[0])).toBe('6');
      const ttl = await redis.pttl(keys[0]);
      expect(ttl).toBeGreaterThan(3_500_000);
      expect(ttl).toBeLessThanOrEqual(3_600_000);
    } finally {
      await redis.quit();
    }
  });

  it('REDIS_URL alone makes a server count in Redis', async () => {
    const redis = new Redis(REDIS_URL);
    // Counters of an earlier run in this window would spend this test's small budget.
    const stale = await redis.keys('directory:ratelimit:*');
    if (stale.length) await redis.del(...stale);
    const server = await startTestServer({ redisUrl: REDIS_URL, rateLimit }, { sharing: owner });
    try {
      const res = await spend(server);
      expect(res.status).toBe(200);
      const keys = await redis.keys('directory:ratelimit:ip:*');
      expect(keys.length).toBeGreaterThan(0);
      const used = await Promise.all(keys.map((k) => redis.get(k)));
      expect(used.map(Number)).toContain(Number(res.headers.get('x-ratelimit-used')));
    } finally {
      await server.close();
      const keys = await redis.keys('directory:ratelimit:*');
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});

import { print } from 'graphql';
import pino from 'pino';
import { startApp } from '../../src/app';
import { SectorsDocument } from '../generated/graphql';
import { createTestDatabase } from '../helpers/test-server';

// /metrics in Prometheus format, on its own port (METRICS_PORT), never on the API's.

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('metrics', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    // A small budget, so that the test can run into the rate limit.
    app = await startApp(
      { ...database.config, metricsPort: 0, responseCache: true, rateLimit: { ...database.config.rateLimit, anonymousPoints: 40 } },
      pino({ level: 'silent' }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const query = () =>
    fetch(`http://127.0.0.1:${app.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(SectorsDocument), operationName: 'Sectors' }),
    });
  const scrape = async () => {
    const res = await fetch(`http://127.0.0.1:${app.metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  it('is served on METRICS_PORT only, not on the API port', async () => {
    expect(app.metricsPort).toBeGreaterThan(0);
    expect(app.metricsPort).not.toBe(app.port);
    expect((await fetch(`http://127.0.0.1:${app.port}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${app.metricsPort}/graphql`)).status).toBe(404);
  });

  it('counts requests by operation, outcome and path, their SQL and latency, and rate-limit refusals', async () => {
    expect(sample(await scrape(), 'directory_graphql_requests_total', { operation: 'Sectors' })).toBeUndefined();
    let ok = 0;
    let refused = 0;
    while (refused === 0 && ok < 100) {
      const res = await query();
      await res.json();
      if (res.status === 429) refused++;
      else if (res.status === 200) ok++;
      else throw new Error(`unexpected status ${res.status}`);
    }
    expect(ok).toBeGreaterThan(0);
    expect(refused).toBe(1);
    const after = await scrape();
    // The first answer came from the database, the others from the response cache.
    expect(sample(after, 'directory_graphql_requests_total', { operation: 'Sectors', outcome: 'ok', path: 'primary' })).toBe(1);
    expect(sample(after, 'directory_graphql_requests_total', { operation: 'Sectors', outcome: 'ok', path: 'cache' })).toBe(ok - 1);
    expect(sample(after, 'directory_response_cache_lookups_total', { result: 'miss' })).toBe(1);
    expect(sample(after, 'directory_response_cache_lookups_total', { result: 'hit' })).toBe(ok - 1);
    expect(sample(after, 'directory_graphql_requests_total', { operation: 'Sectors', outcome: 'refused' })).toBe(1);
    expect(sample(after, 'directory_rate_limit_refusals_total')).toBe(1);
    expect(sample(after, 'directory_graphql_request_duration_seconds_count', { operation: 'Sectors' })).toBe(ok + 1);
    // The database answer ran statements; cache hits and the refusal ran none.
    expect(sample(after, 'directory_sql_statements_per_request_count')).toBe(ok + 1);
    expect(sample(after, 'directory_sql_statements_per_request_bucket', { le: '0' })).toBe(ok);
    expect(after).toMatch(/^process_cpu_seconds_total /m);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { print } from 'graphql';
import {
  CostByDefaultDocument,
  CostByLiteralDocument,
  FirmsByFilterDocument,
  ParksFirmsSectorsDocument,
  SectorsDocument,
  SixtyDirectivesBySpreadsDocument,
  ThirtyIntrospectionsDocument,
} from '../generated/graphql';
import { loadConfig } from '../../src/common/config';
import { startTestServer, TestServer } from '../helpers/test-server';

// Requests an attacker sends (issue 18): each is priced on what it would really do, measured in
// work linear in its size, and refused with a coded 400 (or answered) without blocking the
// process. "Did not hang" bounds below are generous: the old code took tens of seconds.
const DID_NOT_HANG_MS = 15_000;

/** Documents codegen cannot type (it expands fragments exponentially); see the file's header. */
function fixture(name: string): string {
  const text = fs.readFileSync(path.join(__dirname, '../fixtures/fragment-fan-out.graphql'), 'utf8');
  const start = text.indexOf(`query ${name} `);
  const prefix = name === 'FragmentFanOut' ? 'HxFan' : 'HxCost';
  const fragments = text.split('\n').filter((line) => line.startsWith(`fragment ${prefix}`));
  return [text.slice(start, text.indexOf('\n', start)), ...fragments].join('\n');
}

const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.map((e) => e.extensions?.code);

describe('hostile requests', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ limits: { ...loadConfig({}).limits, maxResponseBytes: 1000 } });
  });
  afterAll(() => server?.close());

  async function post(
    body: string,
  ): Promise<{ status: number; body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }; took: number }> {
    const started = Date.now();
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, body: (await res.json()) as never, took: Date.now() - started };
  }

  /** Sends a request and, while it is handled, asks /healthz: both must answer. */
  async function withHealthCheck<T>(request: Promise<T>): Promise<{ result: T; health: number }> {
    const health = fetch(`${server.origin}/healthz`).then((r) => r.status);
    const [result, status] = await Promise.all([request, health]);
    return { result, health: status };
  }

  it('prices page sizes given by variable defaults exactly like the same sizes written out', async () => {
    const literal = await server.gql(CostByLiteralDocument);
    const byDefault = await server.gql(CostByDefaultDocument);
    for (const res of [literal, byDefault]) {
      expect(res.status).toBe(400);
      expect(codes(res)).toEqual(['QUERY_TOO_COSTLY']);
      expect(res.errors![0].extensions).toMatchObject({ cost: 100 + 100 * 8 * 100, limit: 20000 });
      expect(res.headers.get('x-sql-statements')).toBe('0');
    }
    expect(byDefault.errors![0].message).toBe(literal.errors![0].message);
  });

  it('counts introspection: thirty aliased full introspections are refused', async () => {
    const thirty = await server.gql(ThirtyIntrospectionsDocument);
    expect(thirty.status).toBe(400);
    expect(codes(thirty)).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('validates and prices a fragment fan-out (6^9 paths) in linear work while /healthz answers', async () => {
    const fanOut = fixture('FragmentFanOut');
    expect(fanOut.length).toBeLessThan(1000);
    const { result, health } = await withHealthCheck(post(JSON.stringify({ query: fanOut })));
    expect(health).toBe(200);
    expect(result.status).toBe(200);
    expect((result.body.data as { sectors: unknown[] }).sectors).toHaveLength(8);
    expect(result.took).toBeLessThan(DID_NOT_HANG_MS);

    const costly = await withHealthCheck(post(JSON.stringify({ query: fixture('FragmentFanOutCostly') })));
    expect(costly.health).toBe(200);
    expect(costly.result.status).toBe(400);
    expect(costly.result.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: 2 * 6 ** 9 });
    expect(costly.result.took).toBeLessThan(DID_NOT_HANG_MS);
  });

  it('counts directives as executed: six in a fragment spread ten times are sixty, over the limit of 50', async () => {
    const res = await server.gql(SixtyDirectivesBySpreadsDocument, { yes: true });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.errors![0].message).toBe('Query directive count 60 exceeds the limit of 50.');
  });

  it('refuses a filter of 50,000 values with a coded 400, at once', async () => {
    const filter = { OR: Array.from({ length: 500 }, (_, i) => ({ districts: Array.from({ length: 100 }, (_, j) => `d${i}-${j}`) })) };
    const { result, health } = await withHealthCheck(post(JSON.stringify({ query: print(FirmsByFilterDocument), variables: { filter } })));
    expect(health).toBe(200);
    expect(result.status).toBe(400);
    expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.body.errors?.[0].message).toMatch(/more than 1000 values/);
    expect(result.took).toBeLessThan(DID_NOT_HANG_MS);
    // A filter within the limits still runs.
    const small = await server.gql(FirmsByFilterDocument, { filter: { OR: [{ districts: ['崂山区'] }, { districts: ['黄岛区'] }] } });
    expect(small.errors).toBeUndefined();
  });

  it('refuses an unused variable nested 100,000 deep with a coded 400 (not a 500)', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const body = `{"query":${JSON.stringify(print(SectorsDocument))},"variables":{"unused":${deep}}}`;
    const { result, health } = await withHealthCheck(post(body));
    expect(health).toBe(200);
    expect(result.status).toBe(400);
    expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.body.errors?.[0].message).toMatch(/nests objects or lists more than 16 levels/);
  });

  it('stops an answer larger than MAX_RESPONSE_BYTES while it is resolved and answers RESPONSE_TOO_LARGE', async () => {
    // This server allows 1,000 bytes; the sectors list is smaller, parks with firms and sectors larger.
    expect((await server.gql(SectorsDocument)).errors).toBeUndefined();
    const res = await server.gql(ParksFirmsSectorsDocument);
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', limit: 1000 });
  });
});

// Holding a table lock needs a PostgreSQL server: this part runs in the PostgreSQL pass.
const onPostgres = process.env.DATABASE_URL ? describe : undefined;
onPostgres?.('the request deadline during execution', () => {
  let server: TestServer;
  beforeAll(async () => {
    // The resolver path: one statement per nesting level, so a request can outlive its deadline
    // between statements. A compiled read is one statement, held by statement_timeout alone.
    server = await startTestServer({ requestTimeoutMs: 1500, execution: 'resolvers' });
  });
  afterAll(() => server?.close());

  async function lock(table: string): Promise<Client> {
    const locker = new Client({ connectionString: server.config.databaseUrl });
    await locker.connect();
    await locker.query('begin');
    await locker.query(`lock table ${table} in access exclusive mode`);
    return locker;
  }
  const release = async (locker: Client) => {
    await locker.query('rollback');
    await locker.end();
  };

  it('a query whose statements each finish in time but whose whole runs past the deadline stops sending SQL and answers TIMEOUT', async () => {
    const normal = await server.gql(ParksFirmsSectorsDocument);
    expect(normal.errors).toBeUndefined();
    const statements = Number(normal.headers.get('x-sql-statements'));
    expect(statements).toBeGreaterThanOrEqual(3);

    // The parks wait 0.7 s, then the firms wait until 1.9 s: each statement stays under its own
    // 1.5 s statement_timeout, but the request passes its 1.5 s deadline while the firms load.
    const parks = await lock('park');
    const firms = await lock('enterprise');
    const started = Date.now();
    const pending = server.gql(ParksFirmsSectorsDocument);
    const timers = [
      new Promise<void>((resolve) => setTimeout(() => void release(parks).then(resolve), 700)),
      new Promise<void>((resolve) => setTimeout(() => void release(firms).then(resolve), 1900)),
    ];
    const res = await pending;
    await Promise.all(timers);
    expect(res.status).toBe(504);
    expect(codes(res)).toEqual(['TIMEOUT']);
    expect(res.data ?? null).toBeNull();
    // Answered by the request itself (its statement count is reported), and the sectors were never asked for.
    expect(Number(res.headers.get('x-sql-statements'))).toBeLessThan(statements);
    expect(Date.now() - started).toBeLessThan(DID_NOT_HANG_MS);
    expect((await server.gql(ParksFirmsSectorsDocument)).errors).toBeUndefined();
  });
});

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { print } from 'graphql';
import { invalidateCache } from '../../src/common/cache-invalidation';
import { decodeGlobalId } from '../../src/common/global-id';
import { EnterpriseDetailDocument, FirmsInParksBySectorDocument, ParksPageDocument, UpdateEnterpriseFullDocument } from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { TRANSPILE_CACHED } from '../helpers/test-databases';
import { startTestServer, TestServer } from '../helpers/test-server';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The response cache for anonymous reads. A write is either a mutation (which invalidates by
 * itself, after commit) or a row changed with SQL followed by the call other write paths make:
 * invalidateCache(['Park']).
 */
describe('response cache (in memory)', () => {
  let server: TestServer;
  let reader: Record<string, string>;
  let editor: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ responseCache: true, responseCacheTtlSeconds: 30 });
    reader = (await createTestKey(server, 'reader')).headers;
    editor = (await createTestKey(server, 'editor')).headers;
  });
  afterAll(() => server?.close());

  const firms = { sector: 'SMART_OCEAN' as const, parks: 3, firms: 2 };

  it('answers a repeated anonymous query from the cache, without SQL', async () => {
    const first = await server.gql(FirmsInParksBySectorDocument, firms);
    expect(first.errors).toBeUndefined();
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(Number(first.headers.get('x-sql-statements'))).toBeGreaterThan(0);
    const second = await server.gql(FirmsInParksBySectorDocument, firms);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('x-sql-statements')).toBe('0');
    expect(second.data).toEqual(first.data);
    // POST is never for shared caches.
    expect(second.headers.get('cache-control')).toBe('private, no-store');
  });

  it('keys entries by variables', async () => {
    const other = await server.gql(FirmsInParksBySectorDocument, { ...firms, firms: 3 });
    expect(other.headers.get('x-cache')).toBe('MISS');
  });

  it('bypasses the cache for a caller with credentials', async () => {
    await server.gql(FirmsInParksBySectorDocument, firms);
    const keyed = await server.gql(FirmsInParksBySectorDocument, firms, reader);
    expect(keyed.errors).toBeUndefined();
    expect(keyed.headers.get('x-cache')).toBe('BYPASS');
    expect(Number(keyed.headers.get('x-sql-statements'))).toBeGreaterThan(0);
    expect(keyed.headers.get('cache-control')).toBe('private, no-store');
  });

  it('shows a write to the next read once the writer calls invalidateCache', async () => {
    const before = await server.gql(ParksPageDocument, { first: 1 });
    const park = before.data!.parks.edges[0].node;
    expect((await server.gql(ParksPageDocument, { first: 1 })).headers.get('x-cache')).toBe('HIT');

    const renamed = `${park.nameZh}（改名）`;
    await server.sql('update park set name_zh = $1 where id = $2', [renamed, Number(decodeGlobalId(park.id)!.localId)]);
    // A write to another type leaves the entry alone...
    await invalidateCache(['LargeModel']);
    expect((await server.gql(ParksPageDocument, { first: 1 })).headers.get('x-cache')).toBe('HIT');
    // ...a write to parks makes it stale.
    await invalidateCache(['Park']);
    const after = await server.gql(ParksPageDocument, { first: 1 });
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.data!.parks.edges[0].node.nameZh).toBe(renamed);
  });

  it('shows a mutation to the next anonymous read (the mutation invalidates after commit)', async () => {
    const listed = await server.gql(FirmsInParksBySectorDocument, firms);
    const firmId = listed.data!.parks.edges.flatMap((p) => p.node.enterprises.edges)[0].node.id;
    await server.gql(EnterpriseDetailDocument, { id: firmId });
    const before = await server.gql(EnterpriseDetailDocument, { id: firmId });
    expect(before.headers.get('x-cache')).toBe('HIT');
    const firm = before.data!.node as { nameZh: string; version: number };

    const renamed = `${firm.nameZh}（缓存测试）`;
    const update = await server.gql(UpdateEnterpriseFullDocument, { input: { id: firmId, expectedVersion: firm.version, nameZh: renamed } }, editor);
    expect(update.errors).toBeUndefined();
    expect(update.data!.updateEnterprise.userErrors).toEqual([]);

    const after = await server.gql(EnterpriseDetailDocument, { id: firmId });
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect((after.data!.node as { nameZh: string }).nameZh).toBe(renamed);
    const listAfter = await server.gql(FirmsInParksBySectorDocument, firms);
    expect(listAfter.headers.get('x-cache')).toBe('MISS');
    expect(listAfter.data!.parks.edges.flatMap((p) => p.node.enterprises.edges).find((e) => e.node.id === firmId)?.node.nameZh).toBe(renamed);
  });

  it('serves persisted queries over GET with Cache-Control for CDNs (APQ round trip)', async () => {
    const query = print(ParksPageDocument);
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const variables = JSON.stringify({ first: 2 });
    const get = (params: Record<string, string>) => fetch(`${server.url}?${new URLSearchParams(params)}`, { headers: { 'apollo-require-preflight': 'true' } });

    const unknown = await get({ extensions, variables });
    const unknownBody = (await unknown.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(unknownBody.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const register = await get({ query, extensions, variables });
    expect(register.status).toBe(200);
    expect(register.headers.get('cache-control')).toBe('public, max-age=30');

    const byHash = await get({ extensions, variables });
    const body = (await byHash.json()) as { data: { parks: { edges: unknown[] } } };
    expect(body.data.parks.edges).toHaveLength(2);
    expect(byHash.headers.get('cache-control')).toBe('public, max-age=30');
    expect(byHash.headers.get('x-cache')).toBe('HIT');

    const keyed = await fetch(`${server.url}?${new URLSearchParams({ extensions, variables })}`, {
      headers: { 'apollo-require-preflight': 'true', ...reader },
    });
    expect(keyed.headers.get('cache-control')).toBe('private, no-store');
  });

  it('never caches an answer with errors', async () => {
    const bad = await server.gql(ParksPageDocument, { first: 1000 });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const again = await server.gql(ParksPageDocument, { first: 1000 });
    expect(again.headers.get('x-cache')).toBe('MISS');
    expect(again.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('response cache in Redis, shared by two servers', () => {
  let a: TestServer;
  let b: TestServer;
  const shared = { responseCache: true, redisUrl: REDIS_URL, cachePrefix: `test:${randomBytes(6).toString('hex')}:` };
  beforeAll(async () => {
    a = await startTestServer(shared);
    // Two processes of one deployment: one database, one Redis.
    b = await startTestServer(shared, { sharing: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('answers on one server what the other computed, and both see a write', async () => {
    const vars = { sector: 'SMART_OCEAN' as const, parks: 2, firms: 4 };
    const first = await a.gql(FirmsInParksBySectorDocument, vars);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const fromOther = await b.gql(FirmsInParksBySectorDocument, vars);
    expect(fromOther.headers.get('x-cache')).toBe('HIT');
    expect(fromOther.data).toEqual(first.data);

    await invalidateCache(['Enterprise']);
    expect((await b.gql(FirmsInParksBySectorDocument, vars)).headers.get('x-cache')).toBe('MISS');
    expect((await a.gql(FirmsInParksBySectorDocument, vars)).headers.get('x-cache')).toBe('HIT');
  });

  it('shares persisted queries: registered on one server, sent by hash to the other', async () => {
    const query = print(ParksPageDocument);
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const headers = { 'apollo-require-preflight': 'true' };
    await fetch(`${a.url}?${new URLSearchParams({ query, extensions, variables: '{"first":3}' })}`, { headers });
    const res = await fetch(`${b.url}?${new URLSearchParams({ extensions, variables: '{"first":3}' })}`, { headers });
    const body = (await res.json()) as { data?: { parks: { edges: unknown[] } } };
    expect(body.data?.parks.edges).toHaveLength(3);
  });

  // The CLI needs a database a second process can open while the servers run: PostgreSQL.
  const onPostgres = process.env.DATABASE_URL ? it : undefined;
  onPostgres?.('an import run by the CLI in another process makes the servers recompute what it changed', async () => {
    const vars = { sector: 'SMART_OCEAN' as const, parks: 2, firms: 4 };
    await a.gql(FirmsInParksBySectorDocument, vars);
    expect((await b.gql(FirmsInParksBySectorDocument, vars)).headers.get('x-cache')).toBe('HIT');
    const child = spawn(process.execPath, ['-r', TRANSPILE_CACHED, 'src/cli/import.cli.ts', 'seeds/import-sample.csv'], {
      env: { ...process.env, DATABASE_URL: a.config.databaseUrl, REDIS_URL, CACHE_PREFIX: shared.cachePrefix, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, output }).toEqual({ code: 0, output: expect.stringMatching(/created [1-9]/) });
    expect((await b.gql(FirmsInParksBySectorDocument, vars)).headers.get('x-cache')).toBe('MISS');
  });
});

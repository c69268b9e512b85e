import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { print } from 'graphql';
import pino from 'pino';
import { invalidateCache } from '../../src/common/cache-invalidation';
import { decodeGlobalId } from '../../src/common/global-id';
import { ParksPageDocument, SectorsDocument } from '../generated/graphql';
import { startTestServer, TestServer } from '../helpers/test-server';

// Redis that hangs, goes away and comes back (issue 18), with real parts: a TCP server that
// accepts connections and never answers, and a redis-server of this test's own on a free port.
// Bounds on durations are generous "did not hang" checks: the old code took 11 s per request.
const DID_NOT_HANG_MS = 5_000;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Collects the server's log lines (pino JSON) to count how often something was logged. */
function capturedLogger() {
  const lines: Array<{ msg: string }> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string }) });
  const count = (pattern: RegExp) => lines.filter((l) => pattern.test(l.msg)).length;
  /** Every line about Redis, in order: what a failed count shows. */
  const redis = () => lines.map((l) => l.msg).filter((m) => /redis|cache/i.test(m));
  return { logger, count, redis };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// One database for the file, served without Redis; each group's Redis-backed server is a second
// HTTP server on it (only the HTTP layer talks to Redis), so the file copies and opens one
// embedded database instead of two.
let database: TestServer;
beforeAll(async () => {
  database = await startTestServer();
});
afterAll(() => database?.close());

describe('a Redis that accepts connections and never answers', () => {
  let silent: net.Server;
  const sockets = new Set<net.Socket>();
  let server: TestServer;
  const log = capturedLogger();
  beforeAll(async () => {
    silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    server = await startTestServer(
      { responseCache: true, redisUrl: `redis://127.0.0.1:${port}`, cachePrefix: `test:${randomBytes(6).toString('hex')}:` },
      { logger: log.logger, sharing: database },
    );
  });
  afterAll(async () => {
    await server?.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent?.close(resolve));
  });

  it('serves every request, uncounted and uncached, and logs each outage once', async () => {
    expect(sockets.size).toBeGreaterThan(0);
    for (let i = 0; i < 6; i++) {
      const started = Date.now();
      const res = await server.gql(SectorsDocument);
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data!.sectors).toHaveLength(8);
      expect(res.headers.get('x-cache')).toBe('BYPASS');
      expect(Date.now() - started).toBeLessThan(DID_NOT_HANG_MS);
    }
    expect({
      cache: log.count(/^Redis for response cache is unreachable/),
      limits: log.count(/^Redis for rate limits is unreachable/),
      lines: log.redis(),
    }).toEqual({
      cache: 1,
      limits: 1,
      lines: expect.any(Array),
    });
  });
});

describe('a Redis that goes away and comes back', () => {
  let redis: ChildProcess | undefined;
  let port: number;
  let dir: string;
  let server: TestServer;
  const log = capturedLogger();

  async function startRedis(): Promise<void> {
    // Saved on shutdown and loaded on start, so cached answers survive the outage as they would
    // on a Redis with persistence: the stale-answer case this test is about.
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '3600 1', '--appendonly', 'no', '--dir', dir, '--dbfilename', 'dump.rdb'],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, '127.0.0.1', () => {
          s.end();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
      if (up) return;
      await sleep(50);
    }
    throw new Error('redis-server did not start');
  }

  async function stopRedis(): Promise<void> {
    const child = redis!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    redis = undefined;
  }

  beforeAll(async () => {
    port = await freePort();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-outage-'));
    await startRedis();
    server = await startTestServer(
      { responseCache: true, responseCacheTtlSeconds: 300, redisUrl: `redis://127.0.0.1:${port}`, cachePrefix: `test:${randomBytes(6).toString('hex')}:` },
      { logger: log.logger, sharing: database },
    );
  });
  afterAll(async () => {
    await server?.close();
    if (redis) await stopRedis();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a public persisted GET answer says Vary: Authorization and carries nothing of its first caller', async () => {
    const query = print(SectorsDocument);
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const get = (params: Record<string, string>) => fetch(`${server.url}?${new URLSearchParams(params)}`, { headers: { 'apollo-require-preflight': 'true' } });
    await get({ query, extensions });
    const res = await get({ extensions });
    const body = (await res.json()) as { data?: { sectors: unknown[] }; extensions?: Record<string, unknown> };
    expect(body.data?.sectors).toHaveLength(8);
    expect(res.headers.get('cache-control')).toMatch(/^public/);
    expect(res.headers.get('vary')).toMatch(/\bAuthorization\b/i);
    expect(body.extensions?.cost).toBeUndefined();
    expect([...res.headers.keys()].filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
    // A POST (never public) still reports the caller's budget.
    expect((await server.gql(SectorsDocument)).extensions?.cost).toBeDefined();
  });

  it('serves a write made during the outage once Redis is back, never the stale cached answer', async () => {
    const before = await server.gql(ParksPageDocument, { first: 1 });
    const park = before.data!.parks.edges[0].node;
    expect((await server.gql(ParksPageDocument, { first: 1 })).headers.get('x-cache')).toBe('HIT');

    await stopRedis();
    const renamed = `${park.nameZh}（断线期间改名）`;
    await server.sql('update park set name_zh = $1 where id = $2', [renamed, Number(decodeGlobalId(park.id)!.localId)]);
    await invalidateCache(['Park']);
    for (let i = 0; i < 4; i++) {
      const started = Date.now();
      const during = await server.gql(ParksPageDocument, { first: 1 });
      expect(during.status).toBe(200);
      expect(during.headers.get('x-cache')).toBe('BYPASS');
      expect(during.data!.parks.edges[0].node.nameZh).toBe(renamed);
      expect(Date.now() - started).toBeLessThan(DID_NOT_HANG_MS);
    }
    expect({ unreachable: log.count(/^Redis for response cache is unreachable/), lines: log.redis() }).toEqual({ unreachable: 1, lines: expect.any(Array) });

    // The saved answer (with the old name) is back in Redis with the old generations.
    await startRedis();
    let after = await server.gql(ParksPageDocument, { first: 1 });
    for (let i = 0; i < 100 && after.headers.get('x-cache') === 'BYPASS'; i++) {
      expect(after.data!.parks.edges[0].node.nameZh).toBe(renamed);
      await sleep(100);
      after = await server.gql(ParksPageDocument, { first: 1 });
    }
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.data!.parks.edges[0].node.nameZh).toBe(renamed);
    const again = await server.gql(ParksPageDocument, { first: 1 });
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(again.data!.parks.edges[0].node.nameZh).toBe(renamed);
    expect({
      unreachable: log.count(/^Redis for response cache is unreachable/),
      back: log.count(/^Redis for response cache is reachable again/),
      lines: log.redis(),
    }).toEqual({ unreachable: 1, back: 1, lines: expect.any(Array) });
  });
});

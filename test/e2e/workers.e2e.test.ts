import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import { Client } from 'pg';
import { hashKey, KEY_PREFIX } from '../../src/modules/api-key/api-key.service';
import { CreateFirmNamedDocument, FirmsByFilterDocument } from '../generated/graphql';
import { ChildRun, runServer, stopServers } from '../helpers/child-server';
import { freePort } from '../helpers/pg-cluster';
import { createTestDatabase } from '../helpers/test-server';

// WORKERS=2 on PostgreSQL with a Redis of the test's own: two API processes on one port share
// the response cache's generations and one rate-limit budget; a dead worker is replaced; SIGTERM
// lets both drain. Requests go on new connections, so the cluster hands them to the workers in
// turn, and `x-worker-id` says which one answered.

interface Answer {
  status: number;
  worker: string;
  headers: http.IncomingHttpHeaders;
  body: { data?: Record<string, { totalCount?: number } & Record<string, unknown>>; errors?: Array<{ extensions?: { code?: string } }> };
}

function post(port: number, query: string, variables: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', connection: 'close', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, worker: String(res.headers['x-worker-id'] ?? ''), headers: res.headers, body: JSON.parse(text) }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query, variables }));
  });
}

/** GET `path` on a new connection: which worker answered (the cluster hands connections out in turn). */
function workerOf(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false, headers: { connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.headers['x-worker-id'] ?? '')));
    });
    req.on('error', reject);
  });
}

/** A redis-server of the test's own; what `SAVE` writes to `dir` it loads again when restarted. */
async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (up) return redis;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not start');
}

async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

const SEARCH = print(FirmsByFilterDocument);
const CREATE = print(CreateFirmNamedDocument);

describe('WORKERS=2 sharing Redis', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let redis: ChildProcess;
  let redisPort = 0;
  let redisDir: string;
  let run: ChildRun;
  let port = 0;
  let editor: Record<string, string>;
  const budget = 400;

  beforeAll(async () => {
    database = await createTestDatabase({ postgres: true, seeded: true });
    redisPort = await freePort();
    redisDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workers-redis-'));
    redis = await startRedis(redisPort, redisDir);
    port = await freePort();
    run = runServer({
      WORKERS: '2',
      PORT: String(port),
      DATABASE_URL: database.config.databaseUrl!,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      RESPONSE_CACHE: 'true',
      RATE_LIMIT_ANONYMOUS: String(budget),
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: '5000',
    });
    await until(() => run.stdout().includes('with 2 workers'), 90000, `cluster ready (${run.stderr()})`);
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const c = new Client({ connectionString: database.config.databaseUrl });
    await c.connect();
    await c.query('insert into api_key (name, role, prefix, key_hash) values ($1, $2, $3, $4)', ['workers editor', 'editor', key.slice(0, 13), hashKey(key)]);
    await c.end();
    editor = { authorization: `Bearer ${key}` };
  }, 150000);

  afterAll(async () => {
    await stopServers();
    redis?.kill('SIGKILL');
    await database?.drop();
    if (redisDir) fs.rmSync(redisDir, { recursive: true, force: true });
  });

  /** Sends `send` on new connections until each worker has answered once; returns the answers by worker. */
  async function onEachWorker(send: () => Promise<Answer>): Promise<Map<string, Answer>> {
    const seen = new Map<string, Answer>();
    for (let i = 0; i < 20 && seen.size < 2; i++) {
      const answer = await send();
      if (!seen.has(answer.worker)) seen.set(answer.worker, answer);
    }
    expect(seen.size).toBe(2);
    return seen;
  }

  it('a write through one worker is visible through the other at once, cached answers included', async () => {
    const name = `workers-${randomBytes(4).toString('hex')}`;
    const search = () => post(port, SEARCH, { filter: { search: name } });
    // Both workers answer and cache "none found" (the second answer of each is a cache hit).
    await onEachWorker(search);
    const hits = await onEachWorker(search);
    for (const answer of hits.values()) {
      expect(answer.body.data?.enterprises.totalCount).toBe(0);
      expect(answer.headers['x-cache']).toBe('HIT');
    }
    const created = await post(port, CREATE, { input: { nameZh: `${name}（示例）`, layer: 'APPLICATION' } }, editor);
    expect(created.status).toBe(200);
    expect(created.body.errors).toBeUndefined();
    // At once, on both workers: the write's invalidation reached the shared generations before it answered.
    const after = await onEachWorker(search);
    for (const answer of after.values()) expect(answer.body.data?.enterprises.totalCount).toBe(1);
    expect([...after.keys()]).toContain([...hits.keys()].find((w) => w !== created.worker));
  });

  it('Redis hanging under WORKERS=2: requests still answered, a write made meanwhile never served stale after', async () => {
    const name = `outage-${randomBytes(4).toString('hex')}`;
    const search = () => post(port, SEARCH, { filter: { search: name } });
    await onEachWorker(search);
    for (const answer of (await onEachWorker(search)).values()) expect(answer.headers['x-cache']).toBe('HIT');
    redis.kill('SIGSTOP');
    try {
      // Each worker notices (its calls time out, its breaker opens); requests are answered meanwhile.
      for (let i = 0; i < 3; i++) for (const answer of (await onEachWorker(search)).values()) expect(answer.status).toBe(200);
      const created = await post(port, CREATE, { input: { nameZh: `${name}（示例）`, layer: 'APPLICATION' } }, editor);
      expect(created.body.errors).toBeUndefined();
      for (const answer of (await onEachWorker(search)).values()) {
        expect(answer.body.data?.enterprises.totalCount).toBe(1);
        expect(answer.headers['x-cache']).toBe('BYPASS');
      }
    } finally {
      redis.kill('SIGCONT');
    }
    // Redis back with the answer cached before the write: neither worker serves it, over the
    // next few seconds (rounds, not a busy loop: the file shares one rate-limit budget).
    for (let round = 0; round < 10; round++) {
      for (const answer of (await onEachWorker(search)).values()) expect(answer.body.data?.enterprises.totalCount).toBe(1);
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  it('a worker that had no request while Redis was away does not serve an answer cached before a write made then', async () => {
    // Redis restarts with its saved data (the cached answers included), and only the write
    // reaches the cluster while it is down: its invalidation is lost (a frozen Redis would run
    // the queued INCR when it thaws), and the other worker never sees the outage (its breaker
    // stays closed). Without being told, it serves the old answer once Redis is back. The writer
    // is kept away from the cache meanwhile (it answers only /healthz), so nothing else bumps the
    // generations first.
    for (let attempt = 0; attempt < 3; attempt++) {
      const name = `idle-${randomBytes(4).toString('hex')}`;
      const search = () => post(port, SEARCH, { filter: { search: name } });
      await onEachWorker(search);
      await until(
        async () => [...(await onEachWorker(search)).values()].every((a) => a.headers['x-cache'] === 'HIT'),
        20000,
        'both workers serve from the cache',
      );
      execFileSync('redis-cli', ['-p', String(redisPort), 'save']);
      const stopped = new Promise((resolve) => redis.once('exit', resolve));
      redis.kill('SIGKILL');
      await stopped;
      const created = await post(port, CREATE, { input: { nameZh: `${name}（示例）`, layer: 'APPLICATION' } }, editor);
      expect(created.body.errors).toBeUndefined();
      const writer = created.worker;
      redis = await startRedis(redisPort, redisDir);
      // Both workers' connections come back (ioredis reconnects within a second).
      await new Promise((r) => setTimeout(r, 2500));
      // Connections go to the workers in turn: once the writer answered one, the next goes to the other.
      for (let i = 0; i < 10 && (await workerOf(port, '/healthz')) !== writer; i++);
      const first = await search();
      // The writer answered first (the cluster's turn order slipped): its own catch-up would hide the gap.
      if (first.worker === writer) continue;
      expect(first.body.data?.enterprises.totalCount).toBe(1);
      for (let round = 0; round < 3; round++) {
        for (const answer of (await onEachWorker(search)).values()) expect(answer.body.data?.enterprises.totalCount).toBe(1);
        await new Promise((r) => setTimeout(r, 300));
      }
      return;
    }
    throw new Error('the idle worker never answered first after the outage');
  });

  it('one rate-limit budget spans both workers', async () => {
    const used: Array<{ worker: string; used: number }> = [];
    let refused: Answer | undefined;
    for (let i = 0; i < 1000 && !refused; i++) {
      const answer = await post(port, SEARCH, { filter: { search: `budget-${i}` } });
      if (answer.status === 429) refused = answer;
      else used.push({ worker: answer.worker, used: Number(answer.headers['x-ratelimit-used']) });
    }
    expect(refused?.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(new Set(used.map((u) => u.worker)).size).toBe(2);
    // One counter: what each answer reports spent only grows, whichever worker answered.
    for (let i = 1; i < used.length; i++) expect(used[i].used).toBeGreaterThan(used[i - 1].used);
    expect(used[used.length - 1].used).toBeLessThanOrEqual(budget);
  });

  it('a worker that dies is replaced', async () => {
    const children = execFileSync('pgrep', ['-P', String(run.child.pid)])
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean);
    expect(children).toHaveLength(2);
    process.kill(Number(children[0]), 'SIGKILL');
    await until(() => run.stdout().includes('starting a replacement'), 20000, 'replacement started');
    await until(
      () =>
        execFileSync('pgrep', ['-P', String(run.child.pid)])
          .toString()
          .trim()
          .split('\n')
          .filter(Boolean).length === 2,
      60000,
      'two workers again',
    );
    await until(() => (run.stdout().match(/ready at/g) ?? []).length >= 4, 60000, 'replacement ready');
    // Key-holders have their own budget; the anonymous one was spent by the previous test.
    const answers = await onEachWorker(() => post(port, SEARCH, { filter: { search: 'after-replacement' } }, editor));
    for (const answer of answers.values()) expect(answer.status).toBe(200);
  });

  it('SIGTERM to the primary during load: every request in flight is answered, then all exit', async () => {
    // The requests wait on locks until after the signal, so they are truly in flight.
    const locker = new Client({ connectionString: database.config.databaseUrl });
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query('begin');
    const { rows: tables } = await locker.query<{ t: string }>(
      `select string_agg(quote_ident(tablename), ', ') as t from pg_tables where schemaname = 'public'`,
    );
    await locker.query(`lock table ${tables[0].t} in access exclusive mode`);
    const inFlight = Array.from({ length: 8 }, (_, i) => post(port, SEARCH, { filter: { search: `drain-${i}` } }, editor));
    let waiting = 0;
    await until(
      async () => {
        const { rows } = await locker.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
        );
        waiting = rows[0].n;
        // One waiting lookup per worker: concurrent requests of one key share their key's lookup.
        return waiting >= 2;
      },
      20000,
      'requests waiting on the lock',
    ).catch((error: Error) => {
      throw new Error(`${error.message} (${waiting} waiting)`);
    });
    await new Promise((r) => setTimeout(r, 500));
    run.child.kill('SIGTERM');
    await until(() => run.stdout().includes('every worker drains'), 5000, 'shutdown begun');
    await new Promise((r) => setTimeout(r, 300));
    await locker.query('rollback');
    await locker.end();
    const answers = await Promise.all(inFlight);
    for (const answer of answers) expect(answer.status).toBe(200);
    const exit = await run.exited;
    expect(exit.code).toBe(0);
  });
});

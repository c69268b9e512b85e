import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import pino from 'pino';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/common/config';
import { hashKey, KEY_PREFIX } from '../../src/modules/api-key/api-key.service';
import { CreateFirmNamedDocument, FirmsByFilterDocument } from '../generated/graphql';
import { freePort, ReplicatedCluster, startReplicatedCluster } from '../helpers/pg-cluster';

// Read replicas, checked on the servers themselves: the test starts its own primary and a
// streaming replica (initdb, pg_basebackup -R) with log_statement = all, and looks in each
// server's own log for the unique words a request searched or wrote. PostgreSQL pass only.

type App = Awaited<ReturnType<typeof startApp>>;

interface Answer<T> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

async function gql<R, V>(
  app: App,
  doc: TypedDocumentNode<R, V>,
  variables: V,
  headers: Record<string, string> = {},
  extensions?: Record<string, unknown>,
): Promise<Answer<R>> {
  const res = await fetch(`http://127.0.0.1:${app.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: print(doc), variables, ...(extensions ? { extensions } : {}) }),
  });
  const body = (await res.json()) as Omit<Answer<R>, 'status' | 'headers'>;
  return { status: res.status, headers: res.headers, ...body };
}

/** A word no seed contains: where it shows up in a server's log, that server ran the statement. */
const marker = () =>
  `zq${randomBytes(5)
    .toString('hex')
    .replace(/\d/g, (d) => 'abcdefghij'[Number(d)])}`;

const search = (app: App, word: string, headers: Record<string, string> = {}, extensions?: Record<string, unknown>) =>
  gql(app, FirmsByFilterDocument, { filter: { search: word } }, headers, extensions);

async function until(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

function config(cluster: ReplicatedCluster, env: Record<string, string> = {}) {
  return loadConfig({
    DATABASE_URL: cluster.primary.url(),
    DATABASE_REPLICA_URLS: cluster.replica.url(),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    RESPONSE_CACHE: 'false',
    REPLICA_CHECK_INTERVAL_MS: '100',
    ...env,
  });
}

function collectingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('read replicas (own primary and streaming replica)', () => {
  let cluster: ReplicatedCluster;
  let app: App;
  let editor: Record<string, string>;

  beforeAll(async () => {
    cluster = await startReplicatedCluster();
    // A generous lag bound: with replay paused, the replica stays in use for untokened reads.
    app = await startApp(config(cluster, { REPLICA_MAX_LAG_MS: '60000', METRICS_PORT: '0' }), pino({ level: 'silent' }));
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    await cluster.primary.sql(
      `insert into api_key (name, role, prefix, key_hash) values ('replica test editor', 'editor', '${key.slice(0, 13)}', '${hashKey(key)}')`,
    );
    editor = { authorization: `Bearer ${key}` };
    await until(async () => (await readyz(app)).replicas?.[0]?.state === 'healthy' && (await readyz(app)).replicas[0].lagMs === 0, 20000, 'replica caught up');
  }, 180000);

  afterAll(async () => {
    await app?.close();
    await cluster?.close();
  });

  async function readyz(target: App): Promise<{ status: string; replicas: Array<{ name: string; state: string; lagMs: number | null }> }> {
    const res = await fetch(`http://127.0.0.1:${target.port}/readyz`);
    return (await res.json()) as never;
  }

  it('reads run on the replica and writes on the primary, as each server logged them', async () => {
    const word = marker();
    for (let i = 0; i < 3; i++) {
      const res = await search(app, word);
      expect(res.errors).toBeUndefined();
      expect(res.headers.get('x-consistency-token')).toBeNull();
    }
    expect(cluster.replica.log()).toContain(word);
    expect(cluster.primary.log()).not.toContain(word);

    const name = marker();
    const created = await gql(app, CreateFirmNamedDocument, { input: { nameZh: `${name}（示例）`, layer: 'APPLICATION' } }, editor);
    expect(created.errors).toBeUndefined();
    expect(created.data?.createEnterprise.userErrors).toEqual([]);
    // The insert ran on the primary: its name is there, inlined or as a bound parameter (DETAIL line).
    expect(cluster.primary.log()).toMatch(new RegExp(`insert into[\\s\\S]*${name}`, 'i'));
    // The replica logs no statement of ours with it: it only replays the primary's WAL.
    expect(cluster.replica.log()).not.toContain(name);
    // /metrics tells the same story.
    const metrics = await (await fetch(`http://127.0.0.1:${app.metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^directory_read_routing_total\{target="replica1",reason="replica"\} [1-9]/m);
    expect(metrics).toMatch(/^directory_graphql_requests_total\{operation="FirmsByFilter",outcome="ok",path="replica"\} 3$/m);
    expect(metrics).toMatch(/^directory_replica_up\{replica="replica1"\} 1$/m);
    expect(metrics).toMatch(/^directory_db_pool_connections\{pool="replica1",state="free"\} \d+$/m);
    // And the servers agree on which is which.
    expect((await cluster.replica.sql<{ r: boolean }>('select pg_is_in_recovery() as r'))[0].r).toBe(true);
    expect((await cluster.primary.sql<{ r: boolean }>('select pg_is_in_recovery() as r'))[0].r).toBe(false);
  });

  it('a write returns a consistency token; a read with it sees the write', async () => {
    const name = marker();
    const created = await gql(app, CreateFirmNamedDocument, { input: { nameZh: `${name}（示例）`, layer: 'APPLICATION' } }, editor);
    const token = created.headers.get('x-consistency-token');
    expect(token).toMatch(/^pg:[0-9A-F]+\/[0-9A-F]+$/);
    expect(created.extensions?.consistencyToken).toBe(token);
    const read = await search(app, name, { 'x-consistency-token': token! });
    expect(read.data?.enterprises.totalCount).toBe(1);
    // The same through extensions.
    const again = await search(app, name, {}, { consistencyToken: token });
    expect(again.data?.enterprises.totalCount).toBe(1);
  });

  it('with replay paused on the replica: token reads go to the primary, untokened reads still succeed', async () => {
    await cluster.replica.sql('select pg_wal_replay_pause()');
    try {
      const name = marker();
      const created = await gql(app, CreateFirmNamedDocument, { input: { nameZh: `${name}（示例）`, layer: 'APPLICATION' } }, editor);
      const token = created.headers.get('x-consistency-token')!;
      expect(token).toBeTruthy();
      const before = cluster.primary.log().split(name).length;

      const tokened = await search(app, name, { 'x-consistency-token': token });
      expect(tokened.data?.enterprises.totalCount).toBe(1);
      expect(cluster.primary.log().split(name).length).toBeGreaterThan(before);

      // Without a token (and without the writer's key) the replica answers, from before the write.
      const untokened = await search(app, name);
      expect(untokened.errors).toBeUndefined();
      expect(untokened.data?.enterprises.totalCount).toBe(0);
      expect(cluster.replica.log()).toContain(name);

      // The writing key's own next read sees its write without sending anything (READ_YOUR_WRITES_WINDOW_MS).
      const own = await search(app, name, editor);
      expect(own.data?.enterprises.totalCount).toBe(1);

      // A malformed or forged token is no error: the primary answers.
      for (const bad of ['garbage', 'pg:FFFFFFFF/FFFFFFFF', 'pg:1/2/3', '']) {
        const res = await search(app, name, { 'x-consistency-token': bad });
        expect(res.status).toBe(200);
        expect(res.errors).toBeUndefined();
        expect(res.data?.enterprises.totalCount).toBe(1);
      }
      const forgedExtension = await search(app, name, {}, { consistencyToken: { lsn: 1 } });
      expect(forgedExtension.data?.enterprises.totalCount).toBe(1);

      // /readyz reports the replica behind (a known position, lag above zero).
      await until(async () => ((await readyz(app)).replicas[0].lagMs ?? 0) > 0, 5000, 'lag reported');
      expect((await readyz(app)).status).toBe('ready');
    } finally {
      await cluster.replica.sql('select pg_wal_replay_resume()');
    }
  });

  it('with the response cache on, an answer cached after a write includes it, even with replay paused', async () => {
    const cached = await startApp(config(cluster, { REPLICA_MAX_LAG_MS: '60000', RESPONSE_CACHE: 'true' }), pino({ level: 'silent' }));
    try {
      await until(async () => (await readyz(cached)).replicas[0].lagMs === 0, 10000, 'replica caught up');
      const name = marker();
      const before = await search(cached, name);
      expect(before.data?.enterprises.totalCount).toBe(0);
      expect(before.headers.get('x-cache')).toBe('MISS');
      expect((await search(cached, name)).headers.get('x-cache')).toBe('HIT');
      await cluster.replica.sql('select pg_wal_replay_pause()');
      try {
        await gql(cached, CreateFirmNamedDocument, { input: { nameZh: `${name}（示例）`, layer: 'APPLICATION' } }, editor);
        // The write made the cached answer stale; the miss is computed where the write is visible.
        const after = await search(cached, name);
        expect(after.headers.get('x-cache')).toBe('MISS');
        expect(after.data?.enterprises.totalCount).toBe(1);
        const again = await search(cached, name);
        expect(again.headers.get('x-cache')).toBe('HIT');
        expect(again.data?.enterprises.totalCount).toBe(1);
      } finally {
        await cluster.replica.sql('select pg_wal_replay_resume()');
      }
    } finally {
      await cached.close();
    }
  });

  it('a replica behind REPLICA_MAX_LAG_MS gets no reads; all go to the primary', async () => {
    const strict = await startApp(config(cluster, { REPLICA_MAX_LAG_MS: '300' }), pino({ level: 'silent' }));
    try {
      await until(async () => (await readyz(strict)).replicas[0].state === 'healthy', 10000, 'replica healthy');
      await cluster.replica.sql('select pg_wal_replay_pause()');
      try {
        await gql(strict, CreateFirmNamedDocument, { input: { nameZh: `${marker()}（示例）`, layer: 'APPLICATION' } }, editor);
        await until(async () => (await readyz(strict)).replicas[0].state === 'lagging', 10000, 'replica reported lagging');
        const word = marker();
        const res = await search(strict, word);
        expect(res.errors).toBeUndefined();
        expect(cluster.primary.log()).toContain(word);
        expect(cluster.replica.log()).not.toContain(word);
      } finally {
        await cluster.replica.sql('select pg_wal_replay_resume()');
      }
    } finally {
      await strict.close();
    }
  });

  it('a replica URL that cannot be reached at start: the server starts on the primary and says so in one line', async () => {
    const { logger, lines } = collectingLogger();
    const nowhere = `postgres://postgres@127.0.0.1:${await freePort()}/directory`;
    const lone = await startApp({ ...config(cluster), replicas: { ...config(cluster).replicas!, urls: [nowhere] } }, logger);
    try {
      const about = lines.filter((l) => /replica/i.test(l));
      expect(about).toHaveLength(1);
      expect(about[0]).toMatch(/not reachable.*reads go to the primary/);
      const word = marker();
      const res = await search(lone, word);
      expect(res.errors).toBeUndefined();
      expect(cluster.primary.log()).toContain(word);
      const ready = await readyz(lone);
      expect(ready.status).toBe('ready');
      expect(ready.replicas[0].state).toBe('unreachable');
    } finally {
      await lone.close();
    }
  });

  it('the replica stopped mid-load: zero failed requests', async () => {
    let failures = 0;
    let served = 0;
    let stop = false;
    const loop = async () => {
      while (!stop) {
        const res = await search(app, marker()).catch((e: Error) => ({ status: 0, errors: [{ message: e.message }] }));
        if (res.status !== 200 || res.errors) failures++;
        else served++;
      }
    };
    const loops = [loop(), loop(), loop(), loop()];
    await until(() => served >= 20, 30000, 'load running');
    await cluster.replica.stop('immediate');
    const atStop = served;
    await until(() => served >= atStop + 40, 30000, 'load served after the stop');
    stop = true;
    await Promise.all(loops);
    expect(failures).toBe(0);
    const ready = await readyz(app);
    expect(ready.status).toBe('ready');
    expect(ready.replicas[0].state).toBe('unreachable');
  });
});

describe('two read replicas', () => {
  let cluster: ReplicatedCluster;
  let app: App;
  let editor: Record<string, string>;

  const readyz = async () =>
    (await (await fetch(`http://127.0.0.1:${app.port}/readyz`)).json()) as { status: string; replicas: Array<{ state: string; lagMs: number | null }> };
  /** Which servers' logs hold the word: where the read ran. */
  const ranOn = (word: string) => [cluster.primary, ...cluster.replicas].filter((server) => server.log().includes(word)).map((server) => server.name);

  beforeAll(async () => {
    cluster = await startReplicatedCluster({ count: 2 });
    app = await startApp(
      loadConfig({
        DATABASE_URL: cluster.primary.url(),
        DATABASE_REPLICA_URLS: cluster.replicas.map((r) => r.url()).join(','),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        RESPONSE_CACHE: 'false',
        REPLICA_CHECK_INTERVAL_MS: '100',
        REPLICA_MAX_LAG_MS: '300',
      }),
      pino({ level: 'silent' }),
    );
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    await cluster.primary.sql(
      `insert into api_key (name, role, prefix, key_hash) values ('two replicas editor', 'editor', '${key.slice(0, 13)}', '${hashKey(key)}')`,
    );
    editor = { authorization: `Bearer ${key}` };
    await until(async () => (await readyz()).replicas.every((r) => r.state === 'healthy' && r.lagMs === 0), 30000, 'both replicas caught up');
  }, 240000);

  afterAll(async () => {
    await app?.close();
    await cluster?.close();
  });

  it('reads are shared between the healthy replicas, each run on exactly one of them and never on the primary', async () => {
    const where = new Map<string, number>();
    for (let i = 0; i < 30; i++) {
      const word = marker();
      const res = await search(app, word);
      expect(res.errors).toBeUndefined();
      const servers = ranOn(word);
      expect(servers).toHaveLength(1);
      where.set(servers[0], (where.get(servers[0]) ?? 0) + 1);
    }
    expect([...where.keys()].sort()).toEqual(['replica', 'replica2']);
  });

  it('one replica lagging, the other stopped: reads move to the one left, then to the primary, all answered', async () => {
    await cluster.replicas[0].sql('select pg_wal_replay_pause()');
    try {
      await gql(app, CreateFirmNamedDocument, { input: { nameZh: `${marker()}（示例）`, layer: 'APPLICATION' } }, editor);
      await until(async () => (await readyz()).replicas[0].state === 'lagging', 10000, 'first replica reported lagging');
      for (let i = 0; i < 10; i++) {
        const word = marker();
        expect((await search(app, word)).errors).toBeUndefined();
        expect(ranOn(word)).toEqual(['replica2']);
      }
      await cluster.replicas[1].stop('immediate');
      await until(async () => (await readyz()).replicas[1].state === 'unreachable', 10000, 'second replica reported unreachable');
      for (let i = 0; i < 10; i++) {
        const word = marker();
        const res = await search(app, word);
        expect(res.status).toBe(200);
        expect(res.errors).toBeUndefined();
        expect(ranOn(word)).toEqual(['primary']);
      }
      expect((await readyz()).status).toBe('ready');
    } finally {
      await cluster.replicas[0].sql('select pg_wal_replay_resume()');
    }
  });
});

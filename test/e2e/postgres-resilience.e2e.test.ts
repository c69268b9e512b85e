import net from 'node:net';
import { Client } from 'pg';
import { print } from 'graphql';
import { CreateEnterpriseDocument, DeleteEnterpriseDocument, EnterpriseFacetsFullDocument, SectorsDocument } from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { runServer } from '../helpers/child-server';
import { createTestDatabase, startTestServer, TestServer } from '../helpers/test-server';

// Behaviour that needs a real PostgreSQL server (statement_timeout, a database that goes away,
// locks held by another session). These tests use PostgreSQL even when the suite runs on the
// embedded database (DATABASE_URL unset): the machine's PostgreSQL at 127.0.0.1:5432.

/** Opens a session that holds an exclusive lock on `sector` until `release()`, so reads of it wait. */
async function lockSectors(databaseUrl: string, table = 'sector'): Promise<{ release(): Promise<void> }> {
  const locker = new Client({ connectionString: databaseUrl });
  await locker.connect();
  await locker.query('begin');
  await locker.query(`lock table ${table} in access exclusive mode`);
  return {
    async release() {
      await locker.query('rollback');
      await locker.end();
    },
  };
}

async function waitingOnLock(databaseUrl: string): Promise<number> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%sector%'`,
    );
    return rows[0].n;
  } finally {
    await c.end();
  }
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

/** A TCP proxy in front of PostgreSQL that the test can cut (refuse and drop connections) and restore. */
class CuttableProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(5432, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

describe('on PostgreSQL: deadlines, outages', () => {
  let server: TestServer;
  const proxy = new CuttableProxy();
  let directUrl = '';

  beforeAll(async () => {
    await proxy.open();
    server = await startTestServer(
      { requestTimeoutMs: 1500 },
      {
        postgres: true,
        serverDatabaseUrl: (url) => {
          directUrl = url;
          const proxied = new URL(url);
          proxied.port = String(proxy.port);
          return proxied.toString();
        },
      },
    );
  });
  afterAll(async () => {
    await server?.close();
    await proxy.cut().catch(() => undefined);
  });

  it('a query past the deadline is cancelled in PostgreSQL (statement_timeout) and the client gets TIMEOUT', async () => {
    const lock = await lockSectors(directUrl);
    let res;
    const started = Date.now();
    try {
      res = await server.gql(SectorsDocument);
      // Cancelled on the server, not abandoned: nothing of ours still waits on the lock.
      expect(await waitingOnLock(directUrl)).toBe(0);
    } finally {
      await lock.release();
    }
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(4000);
    expect(res.status).toBe(504);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['TIMEOUT']);
    expect(res.errors![0].message).not.toMatch(/statement|sector|select/i);
    // The next request runs normally.
    expect((await server.gql(SectorsDocument)).errors).toBeUndefined();
  });

  it('when the database goes away requests get SERVICE_UNAVAILABLE quickly, /readyz says 503, and both recover by themselves', async () => {
    expect((await server.gql(SectorsDocument)).errors).toBeUndefined();
    expect((await fetch(`${server.origin}/readyz`)).status).toBe(200);

    await proxy.cut();
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const res = await server.gql(SectorsDocument);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.status).toBe(503);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    }
    const ready = await fetch(`${server.origin}/readyz`);
    expect(ready.status).toBe(503);
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200); // alive, only not ready

    await proxy.open();
    await until(async () => (await server.gql(SectorsDocument)).data?.sectors.length === 8, 10000);
    expect((await fetch(`${server.origin}/readyz`)).status).toBe(200);
  });
});

describe('on PostgreSQL: SIGTERM while a request is in flight', () => {
  it('stops accepting, finishes the request, closes the database and exits 0', async () => {
    const database = await createTestDatabase({ postgres: true });
    const url = database.config.databaseUrl!;
    const run = runServer({ DATABASE_URL: url, LOG_LEVEL: 'info' });
    try {
      const endpoint = await run.ready;
      const lock = await lockSectors(url);
      const inFlight = fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(SectorsDocument) }),
      });
      await until(async () => (await waitingOnLock(url)) === 1, 5000);

      run.child.kill('SIGTERM');
      // New connections are refused while the request in flight waits.
      await until(async () => {
        try {
          await fetch(`${new URL(endpoint).origin}/healthz`);
          return false;
        } catch {
          return true;
        }
      }, 3000);
      expect(run.child.exitCode).toBeNull();

      await lock.release();
      const res = await inFlight;
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { sectors: unknown[] } };
      expect(body.data.sectors).toHaveLength(8);
      const exit = await run.exited;
      expect(exit.code).toBe(0);
      // The database connections were closed: none of the server's sessions remain.
      const c = new Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      );
      await c.end();
      expect(rows[0].n).toBe(0);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await database.drop();
    }
  });

  it('lets operations whose clients hung up finish before it closes the database', async () => {
    const database = await createTestDatabase({ postgres: true });
    const url = database.config.databaseUrl!;
    const run = runServer({ DATABASE_URL: url, LOG_LEVEL: 'info' });
    try {
      const endpoint = await run.ready;
      // Twelve requests for a pool of ten connections: ten statements wait on the lock, two
      // requests wait for a connection.
      const lock = await lockSectors(url);
      const abort = new AbortController();
      const abandoned = Array.from({ length: 12 }, () =>
        fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: print(SectorsDocument) }),
          signal: abort.signal,
        }).catch(() => 'aborted'),
      );
      await until(async () => (await waitingOnLock(url)) === 10, 5000);
      abort.abort();
      expect(new Set(await Promise.all(abandoned))).toEqual(new Set(['aborted']));

      run.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      expect(run.child.exitCode).toBeNull(); // still waiting for the operations
      await lock.release();
      expect((await run.exited).code).toBe(0);
      // Every operation ended normally: none was cut off because the database closed under it.
      expect(run.stdout()).not.toMatch(/unexpected error|"level":50/);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await database.drop();
    }
  });
});

describe('on PostgreSQL: a graph export reads from one snapshot', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { postgres: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  type Cyjs = { elements: { nodes: unknown[]; edges: unknown[] } };
  const exportCyjs = async () => (await (await fetch(`${server.origin}/export/graph.cyjs`)).json()) as Cyjs;

  it('a link committed while the export runs is not in the file (REPEATABLE READ); the next export has it', async () => {
    const url = server.config.databaseUrl!;
    const [pair] = await server.sql<{ lm: number; code: string }>(
      `select lm.id as lm, s.code from large_model lm cross join sector s
        where not exists (select 1 from large_model_sector x where x.large_model_id = lm.id and x.sector_code = s.code)
        order by lm.id, s.code limit 1`,
    );
    const before = await exportCyjs();

    // The export reads large_model_sector last; hold it there while another session adds a link.
    const locker = new Client({ connectionString: url });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table large_model_sector in access exclusive mode');
    const during = exportCyjs();
    await until(async () => (await waitingOnLock(url)) === 1, 10000);
    await locker.query('insert into large_model_sector (large_model_id, sector_code) values ($1, $2)', [pair.lm, pair.code]);
    await locker.query('commit');
    await locker.end();

    const file = await during;
    expect(file.elements.nodes).toHaveLength(before.elements.nodes.length);
    expect(file.elements.edges).toHaveLength(before.elements.edges.length);
    expect((await exportCyjs()).elements.edges).toHaveLength(before.elements.edges.length + 1);
  });
});

describe("on PostgreSQL: one statement at a time on a transaction's connection", () => {
  let server: TestServer;
  // node-postgres queues a statement sent to a client that is still running one, and reports it
  // as deprecated ("Calling client.query() when the client is already executing a query"; pg 9
  // will refuse it). Its warning goes to the real process, out of Jest's reach, so the test
  // watches the cause instead: how many statements each client has in flight at once.
  let mostInFlight = 0;
  const inFlight = new WeakMap<object, number>();
  const query = Client.prototype.query;
  beforeAll(async () => {
    server = await startTestServer({}, { postgres: true });
    Client.prototype.query = function watched(this: Client, ...args: unknown[]) {
      const now = (inFlight.get(this) ?? 0) + 1;
      inFlight.set(this, now);
      mostInFlight = Math.max(mostInFlight, now);
      const done = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1);
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const callback = args[last] as (...a: unknown[]) => void;
        args[last] = (...a: unknown[]) => {
          done();
          callback(...a);
        };
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      }
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      if (result instanceof Promise) result.then(done, done);
      else done();
      return result;
    } as typeof query;
  });
  afterAll(async () => {
    Client.prototype.query = query;
    await server?.close();
  });
  beforeEach(() => {
    mostInFlight = 0;
  });

  it('statements a transaction issues together run one after another, in the order issued', async () => {
    const results = await server.db
      .em()
      .transactional((tx) =>
        Promise.all([tx.execute(`select pg_sleep(0.05), 'first' as which`), tx.execute(`select 'second' as which`), tx.execute(`select 'third' as which`)]),
      );
    expect(results.map(([row]) => (row as { which: string }).which)).toEqual(['first', 'second', 'third']);
    expect(mostInFlight).toBe(1);
  });

  it('deleting a firm (its dependants are looked up together in the transaction) keeps one statement in flight per connection', async () => {
    const editor = (await createTestKey(server, 'editor')).headers;
    const created = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '（示例）串行语句测试企业', layer: 'APPLICATION' } }, editor);
    const firm = created.data!.createEnterprise.enterprise!.id;
    mostInFlight = 0;
    const deleted = await server.gql(DeleteEnterpriseDocument, { id: firm }, editor);
    expect(deleted.data!.deleteEnterprise).toEqual({ deletedId: firm, userErrors: [] });
    const facets = await server.gql(EnterpriseFacetsFullDocument, {});
    expect(facets.errors).toBeUndefined();
    expect(mostInFlight).toBe(1);
  });
});

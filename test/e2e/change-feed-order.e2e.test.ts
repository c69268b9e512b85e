import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import pino from 'pino';
import { ChangesCursorsOnlyDocument, CreateWebhookSubscriptionDocument, UpdateParkDocument, WebhookDeliveriesDocument } from '../generated/graphql';
import { WebhookWorker } from '../../src/modules/webhook/webhook.worker';
import { createTestKey } from '../helpers/api-keys';
import { startTestServer, TestServer } from '../helpers/test-server';

/**
 * Commit order with real concurrency, which only PostgreSQL has (PGlite runs one transaction at a
 * time): these tests always run on PostgreSQL.
 */
describe('change feed on PostgreSQL: commit order under overlapping writers', () => {
  let server: TestServer;
  let reader: Record<string, string>;
  let editor: Record<string, string>;
  let admin: Record<string, string>;
  const clients: Client[] = [];

  beforeAll(async () => {
    server = await startTestServer({ webhooks: { pollMs: 50, retryBaseMs: 200, retryMaxMs: 1000, maxFailures: 10, timeoutMs: 3000 } }, { postgres: true });
    reader = (await createTestKey(server, 'reader', '镜像站')).headers;
    editor = (await createTestKey(server, 'editor', '数据组')).headers;
    admin = (await createTestKey(server, 'admin', '管理员')).headers;
  });
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await server?.close();
  });

  const connect = async () => {
    const client = new Client({ connectionString: server.config.databaseUrl });
    await client.connect();
    clients.push(client);
    return client;
  };
  const page = async (after: string | null) => {
    const res = await server.gql(ChangesCursorsOnlyDocument, { after, first: 100 }, reader);
    expect(res.errors).toBeUndefined();
    return res.data!.changes;
  };
  const audit = (c: Client, recordId: string) =>
    c.query(
      `insert into audit_entry (actor_name, action, record_type, record_id, changes) values ('并发测试', 'UPDATE', 'Park', $1, '{"nameZh":{"before":"a","after":"b"}}')`,
      [recordId],
    );

  it('publishes a writer that started first but committed last after the one that committed first, and never behind a cursor', async () => {
    const start = (await page(null)).pageInfo.endCursor;
    const a = await connect();
    const b = await connect();
    // A takes its transaction id and writes first...
    await a.query('begin');
    await audit(a, 'first-to-write');
    // ...B writes later (a larger id and xid) and commits first.
    await b.query('begin');
    await audit(b, 'first-to-commit');
    await b.query('commit');

    const seen = await page(start);
    expect(seen.edges.map((e) => e.node.recordId)).toEqual(['first-to-commit']);
    const cursor = seen.pageInfo.endCursor;

    await a.query('commit');
    // Read on from the cursor the reader holds: A's change is there, not lost behind it.
    const next = await page(cursor);
    expect(next.edges.map((e) => e.node.recordId)).toEqual(['first-to-write']);
    // A smaller id and a smaller transaction id, yet listed second: commit order, not insert order.
    const rows = await server.sql<{ record_id: string; id: string; xact: string }>(
      "select record_id, id::text as id, xact::text as xact from audit_entry where record_id in ('first-to-write', 'first-to-commit') order by id",
    );
    expect(rows.map((r) => r.record_id)).toEqual(['first-to-write', 'first-to-commit']);
    expect(BigInt(rows[0].xact)).toBeLessThan(BigInt(rows[1].xact));
    expect((await page(start)).edges.map((e) => e.node.recordId)).toEqual(['first-to-commit', 'first-to-write']);
  });

  it('a rolled-back write never appears', async () => {
    const start = (await page(null)).pageInfo.endCursor;
    const c = await connect();
    await c.query('begin');
    await audit(c, 'rolled-back');
    await c.query('rollback');
    expect((await page(start)).edges).toEqual([]);
  });

  it('a reader polling while rounds of concurrent mutations race sees each change exactly once, in the final order', async () => {
    const parks = await server.sql<{ id: number; version: number }>('select id, version from park order by id limit 10');
    const gid = (id: number) => Buffer.from(`Park:${id}`).toString('base64url');
    const start = (await page(null)).pageInfo.endCursor;
    let polling = true;
    const polled: string[] = [];
    const poller = (async () => {
      let after = start;
      while (polling) {
        const p = await page(after);
        for (const e of p.edges) polled.push(e.node.recordId + '#' + (polled.length + 1));
        if (p.pageInfo.endCursor) after = p.pageInfo.endCursor;
        if (!p.pageInfo.hasNextPage) await new Promise((r) => setTimeout(r, 5));
      }
      // One last read after every writer has finished.
      for (;;) {
        const p = await page(after);
        for (const e of p.edges) polled.push(e.node.recordId + '#' + (polled.length + 1));
        if (!p.pageInfo.hasNextPage) break;
        after = p.pageInfo.endCursor!;
      }
    })();
    // Five rounds; in each, one update of every park, all at once.
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(
        parks.map((p) => server.gql(UpdateParkDocument, { input: { id: gid(p.id), expectedVersion: p.version + round, foundedYear: 1990 + round } }, editor)),
      );
      for (const r of results) expect(r.data!.updatePark.userErrors).toEqual([]);
    }
    polling = false;
    await poller;
    const final = await page(start);
    expect(parks.length).toBeGreaterThanOrEqual(4);
    expect(final.edges).toHaveLength(parks.length * 5);
    expect(polled.map((p) => p.split('#')[0])).toEqual(final.edges.map((e) => e.node.recordId));
  });

  it('two delivery workers share the queue and send each change once', async () => {
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(String(req.headers['x-webhook-id']));
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const second = new WebhookWorker(
      () => server.db.em(),
      { pollMs: 50, retryBaseMs: 200, retryMaxMs: 1000, maxFailures: 10, timeoutMs: 3000 },
      pino({ level: 'silent' }),
    ).start();
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const sub = await server.gql(
        CreateWebhookSubscriptionDocument,
        { input: { url, eventTypes: ['Park.UPDATE'], secret: 'shared-queue-secret-123' } },
        admin,
      );
      const id = sub.data!.createWebhookSubscription.webhookSubscription!.id;
      const parks = await server.sql<{ id: number; version: number }>('select id, version from park order by id limit 10');
      for (const p of parks) {
        await server.gql(
          UpdateParkDocument,
          { input: { id: Buffer.from(`Park:${p.id}`).toString('base64url'), expectedVersion: p.version, foundedYear: 2024 } },
          editor,
        );
      }
      const n = parks.length;
      expect(n).toBeGreaterThanOrEqual(4);
      const deadline = Date.now() + 30000;
      while (received.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 500));
      expect(received).toHaveLength(n);
      expect(new Set(received).size).toBe(n);
      const list = (await server.gql(WebhookDeliveriesDocument, { subscriptionId: id, first: 100 }, admin)).data!.webhookDeliveries.edges.map((e) => e.node);
      expect(list.map((d) => [d.status, d.attempts])).toEqual(Array(n).fill(['DELIVERED', 1]));
      // Delivered in feed order.
      expect(received).toEqual(list.map((d) => d.id));
    } finally {
      await second.stop();
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });
});

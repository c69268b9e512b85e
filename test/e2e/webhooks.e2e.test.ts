import { createHmac } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import pino from 'pino';
import { startApp } from '../../src/app';
import type { AppConfig } from '../../src/common/config';
import {
  ChangesDocument,
  CreateParkDocument,
  CreateWebhookSubscriptionDocument,
  DeleteWebhookSubscriptionDocument,
  DisableWebhookSubscriptionDocument,
  EnableWebhookSubscriptionDocument,
  LinkEnterpriseToParkDocument,
  ReplayWebhookSubscriptionDocument,
  UpdateParkDocument,
  WebhookDeliveriesDocument,
  WebhookSubscriptionsDocument,
} from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { createTestDatabase, GraphQLResponse, TestServer } from '../helpers/test-server';

/** One request the receiver got, as it arrived on the wire. */
interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  at: number;
}

/**
 * A receiver on 127.0.0.1 the test controls: each path answers 200 unless told to fail, for
 * ever (`down`) or for its next N requests (`failNext`).
 */
function startReceiver() {
  const received: Received[] = [];
  const down = new Set<string>();
  const failNext = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, raw, at: Date.now() });
      const failures = failNext.get(path) ?? 0;
      if (failures > 0) failNext.set(path, failures - 1);
      res.statusCode = down.has(path) ? 503 : failures > 0 ? 500 : 204;
      res.end();
    });
  });
  return {
    received,
    down,
    failNext,
    at: (path: string) => received.filter((r) => r.path === path),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `check` returns a value (the point of these tests is waiting for a worker). */
async function waitFor<T>(check: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const SECRET = 'test-secret-0123456789';

describe('webhooks: signed, retried, persisted, replayable deliveries to registered URLs', () => {
  const receiver = startReceiver();
  let base: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let config: AppConfig;
  let app: Awaited<ReturnType<typeof startApp>>;
  let admin: Record<string, string>;
  let editor: Record<string, string>;

  async function gql<R, V>(doc: TypedDocumentNode<R, V>, variables: V, headers: Record<string, string> = {}): Promise<GraphQLResponse<R>> {
    const res = await fetch(`http://127.0.0.1:${app.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: print(doc), variables }),
    });
    const body = (await res.json()) as { data?: R; errors?: GraphQLResponse<R>['errors'] };
    return { status: res.status, headers: res.headers, data: body.data, errors: body.errors };
  }
  async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const ordered: unknown[] = [];
    const query = text.replace(/\$(\d+)/g, (_m, n: string) => {
      ordered.push(params[Number(n) - 1]);
      return '?';
    });
    return (await app.db.em().execute(query, ordered)) as T[];
  }
  const start = () => startApp(config, pino({ level: 'silent' }));

  beforeAll(async () => {
    base = await receiver.listen();
    database = await createTestDatabase({ seeded: true });
    config = { ...database.config, webhooks: { pollMs: 100, retryBaseMs: 300, retryMaxMs: 1000, maxFailures: 4, timeoutMs: 3000 } };
    app = await start();
    const keyServer = { sql } as unknown as TestServer;
    admin = (await createTestKey(keyServer, 'admin', '管理员')).headers;
    editor = (await createTestKey(keyServer, 'editor', '数据组')).headers;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await receiver.close();
  });

  const subscribe = async (path: string, eventTypes: string[]) => {
    const res = await gql(
      CreateWebhookSubscriptionDocument,
      { input: { url: `${base}${path}`, eventTypes, secret: SECRET, description: `测试 ${path}` } },
      admin,
    );
    expect(res.data!.createWebhookSubscription.userErrors).toEqual([]);
    return res.data!.createWebhookSubscription.webhookSubscription!;
  };
  const createPark = async (nameZh: string) => {
    const res = await gql(CreateParkDocument, { input: { nameZh, district: '李沧区', role: 'FEATURED' } }, editor);
    expect(res.data!.createPark.userErrors).toEqual([]);
    return res.data!.createPark.park!;
  };
  const deliveries = async (subscriptionId: string) => (await gql(WebhookDeliveriesDocument, { subscriptionId, first: 100 }, admin)).data!.webhookDeliveries;
  const subscription = async (id: string) =>
    (await gql(WebhookSubscriptionsDocument, { first: 100 }, admin)).data!.webhookSubscriptions.edges.map((e) => e.node).find((s) => s.id === id)!;
  const bodyOf = (r: Received) =>
    JSON.parse(r.raw) as {
      deliveryId: string;
      eventType: string;
      change: { cursor: string; eventType: string; recordId: string; changes: Record<string, { before: unknown; after: unknown }> };
    };

  it('refuses callers without an admin key, and writes nothing', async () => {
    const input = { url: `${base}/nope`, eventTypes: ['*'], secret: SECRET };
    expect((await gql(CreateWebhookSubscriptionDocument, { input }, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(CreateWebhookSubscriptionDocument, { input }, editor)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(WebhookSubscriptionsDocument, {}, editor)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(WebhookSubscriptionsDocument, {}, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const someId = Buffer.from('WebhookSubscription:1').toString('base64url');
    expect((await gql(DisableWebhookSubscriptionDocument, { input: { id: someId } }, editor)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(ReplayWebhookSubscriptionDocument, { input: { id: someId } }, editor)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(WebhookDeliveriesDocument, { subscriptionId: someId }, editor)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await sql('select count(*)::int as n from webhook_subscription')).toEqual([{ n: 0 }]);
  });

  it('answers bad input with userErrors and writes nothing', async () => {
    const bad = await gql(
      CreateWebhookSubscriptionDocument,
      { input: { url: 'ftp://127.0.0.1/changes', eventTypes: ['Park.*', 'Park.RENAME', 'Firm.CREATE'], secret: 'short' } },
      admin,
    );
    const errors = bad.data!.createWebhookSubscription.userErrors;
    expect(errors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.url', 'BAD_USER_INPUT'],
      ['input.eventTypes.1', 'BAD_USER_INPUT'],
      ['input.eventTypes.2', 'BAD_USER_INPUT'],
      ['input.secret', 'BAD_USER_INPUT'],
    ]);
    expect(errors[0].message).toMatch(/http:\/\/ or https:\/\//);
    expect(errors[1].message).toMatch(/Park\.RENAME.*is not an event type/);
    const notUrl = await gql(CreateWebhookSubscriptionDocument, { input: { url: 'mirror.example.org/hook', eventTypes: [], secret: SECRET } }, admin);
    expect(notUrl.data!.createWebhookSubscription.userErrors.map((e) => e.field.join('.'))).toEqual(['input.url', 'input.eventTypes']);
    const withPassword = await gql(
      CreateWebhookSubscriptionDocument,
      { input: { url: 'https://user:pw@mirror.example.org/hook', eventTypes: ['*'], secret: SECRET } },
      admin,
    );
    expect(withPassword.data!.createWebhookSubscription.userErrors[0].field).toEqual(['input', 'url']);
    const unknownId = Buffer.from('WebhookSubscription:999999').toString('base64url');
    expect((await gql(EnableWebhookSubscriptionDocument, { input: { id: unknownId } }, admin)).data!.enableWebhookSubscription.userErrors[0].code).toBe(
      'NOT_FOUND',
    );
    expect(await sql('select count(*)::int as n from webhook_subscription')).toEqual([{ n: 0 }]);
    expect(await sql("select count(*)::int as n from audit_entry where record_type = 'WebhookSubscription'")).toEqual([{ n: 0 }]);
  });

  it('POSTs each matching change with a signature the receiver can verify', async () => {
    const sub = await subscribe('/signed', ['Park.*']);
    expect(sub).toMatchObject({ enabled: true, eventTypes: ['Park.*'], secretHint: '…6789', createdBy: '管理员', pendingDeliveries: 0 });
    const park = await createPark('示例数据推送园区');
    const [firm] = await sql<{ id: number }>('select id from enterprise order by id limit 1');
    // Enterprise.LINK does not match Park.*; Park.LINK does.
    await gql(LinkEnterpriseToParkDocument, { input: { enterpriseId: Buffer.from(`Enterprise:${firm.id}`).toString('base64url'), parkId: park.id } }, editor);
    const got = await waitFor(() => receiver.at('/signed').length >= 2 && receiver.at('/signed'), 'two deliveries');
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.at('/signed')).toHaveLength(2);

    for (const request of got) {
      // Verified here from the raw body with node:crypto alone, as a receiver would.
      const timestamp = String(request.headers['x-webhook-timestamp']);
      const expected = `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${request.raw}`).digest('hex')}`;
      expect(request.headers['x-webhook-signature']).toBe(expected);
      expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(60);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-webhook-id']).toBe(bodyOf(request).deliveryId);
      expect(request.headers['x-webhook-event']).toBe(bodyOf(request).eventType);
    }
    const [created, linked] = got.map(bodyOf);
    expect(created).toMatchObject({ eventType: 'Park.CREATE', change: { eventType: 'Park.CREATE', recordId: park.id } });
    expect(created.change.changes.nameZh).toEqual({ before: null, after: '示例数据推送园区' });
    expect(linked).toMatchObject({ eventType: 'Park.LINK', change: { recordId: park.id } });
    // The change carries its feed cursor: the same change the feed lists there.
    const reader = (await createTestKey({ sql } as unknown as TestServer, 'reader')).headers;
    const feed = (await gql(ChangesDocument, { types: ['Park.*'], first: 100 }, reader)).data!.changes.edges.map((e) => e.node);
    expect(feed.find((c) => c.cursor === created.change.cursor)).toMatchObject({ eventType: 'Park.CREATE', recordId: park.id });

    const list = await deliveries(sub.id);
    expect(list.totalCount).toBe(2);
    expect(list.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        status: 'DELIVERED',
        attempts: 1,
        lastStatusCode: 204,
        eventType: 'Park.CREATE',
        changeCursor: created.change.cursor,
        nextAttemptAt: null,
      }),
      expect.objectContaining({ status: 'DELIVERED', attempts: 1, eventType: 'Park.LINK' }),
    ]);
    await gql(DeleteWebhookSubscriptionDocument, { input: { id: sub.id } }, admin);
  });

  it('retries a failed delivery with growing waits, keeping its ID', async () => {
    receiver.failNext.set('/flaky', 2);
    const sub = await subscribe('/flaky', ['Park.CREATE']);
    await createPark('示例数据重试园区');
    const done = await waitFor(
      async () => (await deliveries(sub.id)).edges.find((e) => e.node.status === 'DELIVERED')?.node,
      'the delivery after two failures',
    );
    expect(done).toMatchObject({ attempts: 3, lastStatusCode: 204, lastError: null });
    const attempts = receiver.at('/flaky');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.headers['x-webhook-id'])).size).toBe(1);
    // Waits of 300 ms, then 600 ms (exponential backoff), measured at the receiver.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(250);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(550);
    expect((await subscription(sub.id)).consecutiveFailures).toBe(0);
    await gql(DeleteWebhookSubscriptionDocument, { input: { id: sub.id } }, admin);
  });

  it('disables a subscription after repeated failures with the reason, and resumes when enabled', async () => {
    receiver.down.add('/down');
    const sub = await subscribe('/down', ['Park.CREATE']);
    await createPark('示例数据停用园区');
    const disabled = await waitFor(async () => {
      const s = await subscription(sub.id);
      return !s.enabled && s;
    }, 'the subscription to be disabled');
    expect(disabled.disabledReason).toMatch(/4 failed delivery attempts in a row; the last: HTTP 503/);
    expect(disabled.disabledAt).not.toBeNull();
    expect(disabled.pendingDeliveries).toBe(1);
    const [pending] = (await deliveries(sub.id)).edges.map((e) => e.node);
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 4, lastStatusCode: 503, lastError: 'HTTP 503 from the receiver' });
    // Disabled means no more attempts.
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.at('/down')).toHaveLength(4);

    receiver.down.delete('/down');
    const enabled = await gql(EnableWebhookSubscriptionDocument, { input: { id: sub.id } }, admin);
    expect(enabled.data!.enableWebhookSubscription.webhookSubscription).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    await waitFor(async () => (await deliveries(sub.id)).edges[0].node.status === 'DELIVERED', 'the delivery after enabling');
    expect(receiver.at('/down')).toHaveLength(5);

    // An admin can disable too; the reason names them.
    const off = await gql(DisableWebhookSubscriptionDocument, { input: { id: sub.id, reason: '接收端维护 maintenance' } }, admin);
    expect(off.data!.disableWebhookSubscription.webhookSubscription).toMatchObject({
      enabled: false,
      disabledReason: '由 管理员 停用 Disabled by 管理员: 接收端维护 maintenance',
    });
    await gql(DeleteWebhookSubscriptionDocument, { input: { id: sub.id } }, admin);
  });

  it('replays the changes after a cursor, in order', async () => {
    const sub = await subscribe('/replay', ['Park.UPDATE']);
    const park = await createPark('示例数据重放园区');
    for (let v = 1; v <= 3; v++) {
      const res = await gql(UpdateParkDocument, { input: { id: park.id, expectedVersion: v, foundedYear: 2000 + v } }, editor);
      expect(res.data!.updatePark.userErrors).toEqual([]);
    }
    const first = await waitFor(() => receiver.at('/replay').length >= 3 && receiver.at('/replay').map(bodyOf), 'three updates');
    expect(first.map((b) => b.change.changes.foundedYear.after)).toEqual([2001, 2002, 2003]);

    const bad = await gql(ReplayWebhookSubscriptionDocument, { input: { id: sub.id, after: 'not-a-cursor' } }, admin);
    expect(bad.data!.replayWebhookSubscription.userErrors[0]).toMatchObject({ field: ['input', 'after'], code: 'BAD_USER_INPUT' });

    const replayed = await gql(ReplayWebhookSubscriptionDocument, { input: { id: sub.id, after: first[0].change.cursor } }, admin);
    expect(replayed.data!.replayWebhookSubscription.webhookSubscription!.cursor).toBe(first[0].change.cursor);
    const again = await waitFor(() => receiver.at('/replay').length >= 5 && receiver.at('/replay').slice(3).map(bodyOf), 'the replay');
    expect(again.map((b) => b.change.changes.foundedYear.after)).toEqual([2002, 2003]);
    expect(again.map((b) => b.change.cursor)).toEqual(first.slice(1).map((b) => b.change.cursor));
    // New deliveries: new IDs for the same changes.
    expect(again[0].deliveryId).not.toBe(first[1].deliveryId);
    const audit = await sql<{ changes: unknown }>(
      "select changes from audit_entry where record_type = 'WebhookSubscription' and action = 'UPDATE' order by id desc limit 1",
    );
    expect(JSON.stringify(audit[0].changes)).toContain('cursor');
    await gql(DeleteWebhookSubscriptionDocument, { input: { id: sub.id } }, admin);
  });

  it('loses no pending delivery across a restart', async () => {
    receiver.down.add('/restart');
    const sub = await subscribe('/restart', ['Park.CREATE']);
    const park = await createPark('示例数据重启园区');
    await waitFor(() => receiver.at('/restart').length >= 1, 'a first, failed attempt');
    await app.close();
    const failedId = receiver.at('/restart')[0].headers['x-webhook-id'];
    receiver.down.delete('/restart');
    const before = receiver.at('/restart').length;

    app = await start();
    const delivered = await waitFor(() => receiver.at('/restart').length > before && receiver.at('/restart').at(-1)!, 'the delivery after the restart');
    expect(delivered.headers['x-webhook-id']).toBe(failedId);
    expect(bodyOf(delivered).change.recordId).toBe(park.id);
    await waitFor(async () => (await deliveries(sub.id)).edges[0].node.status === 'DELIVERED', 'the delivery to be recorded');
  });

  it('lists and deletes subscriptions; a deleted one receives nothing', async () => {
    const sub = await subscribe('/deleted', ['*']);
    const listed = await gql(WebhookSubscriptionsDocument, { first: 100 }, admin);
    expect(listed.data!.webhookSubscriptions.edges.map((e) => e.node.id)).toContain(sub.id);
    const deleted = await gql(DeleteWebhookSubscriptionDocument, { input: { id: sub.id } }, admin);
    expect(deleted.data!.deleteWebhookSubscription).toEqual({ deletedId: sub.id, userErrors: [] });
    await createPark('示例数据删除订阅园区');
    await new Promise((r) => setTimeout(r, 1000));
    expect(receiver.at('/deleted')).toHaveLength(0);
    expect((await gql(DeleteWebhookSubscriptionDocument, { input: { id: sub.id } }, admin)).data!.deleteWebhookSubscription.userErrors[0].code).toBe(
      'NOT_FOUND',
    );
  });
});

import {
  ChangesDocument,
  CreateParkDocument,
  CreateWebhookSubscriptionDocument,
  DeleteParkDocument,
  LatestChangeCursorDocument,
  LinkEnterpriseToParkDocument,
  UnlinkEnterpriseFromParkDocument,
  UpdateParkDocument,
} from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { firmsCsv } from '../helpers/import-files';
import { startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64url');

describe('change feed: every committed write, in commit order, with the changed fields', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  let reader: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    // The response cache on, to show that feed answers bypass it.
    server = await startTestServer({ responseCache: true });
    editor = (await createTestKey(server, 'editor', '数据组')).headers;
    reader = (await createTestKey(server, 'reader', '镜像站')).headers;
    admin = (await createTestKey(server, 'admin', '管理员')).headers;
  });
  afterAll(() => server?.close());

  const head = async () => (await server.gql(LatestChangeCursorDocument, {}, reader)).data!.latestChangeCursor;
  const readAll = async (after: string | null, types?: string[]) => {
    const res = await server.gql(ChangesDocument, { after, first: 100, types }, reader);
    expect(res.errors).toBeUndefined();
    return res.data!.changes;
  };

  it('needs an API key (any role): anonymous callers are UNAUTHENTICATED', async () => {
    const res = await server.gql(ChangesDocument, { first: 1 });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.gql(LatestChangeCursorDocument, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists create, update, link, unlink and delete after a cursor, in order, with before/after values', async () => {
    const start = await head();
    const [firm] = await server.sql<{ id: number }>('select id from enterprise order by id limit 1');
    const created = await server.gql(
      CreateParkDocument,
      { input: { nameZh: '示例数据变更园区', district: '李沧区', role: 'FEATURED', latitude: 36.16, longitude: 120.43 } },
      editor,
    );
    const park = created.data!.createPark.park!;
    await server.gql(UpdateParkDocument, { input: { id: park.id, expectedVersion: 1, latitude: 36.2 } }, editor);
    // A write that fails (stale version) publishes nothing.
    const stale = await server.gql(UpdateParkDocument, { input: { id: park.id, expectedVersion: 1, nameZh: '不应出现' } }, editor);
    expect(stale.data!.updatePark.userErrors[0].code).toBe('CONFLICT');
    const link = { enterpriseId: gid('Enterprise', firm.id), parkId: park.id };
    await server.gql(LinkEnterpriseToParkDocument, { input: link }, editor);
    await server.gql(UnlinkEnterpriseFromParkDocument, { input: link }, editor);
    await server.gql(DeleteParkDocument, { id: park.id, detach: false }, editor);

    const feed = await readAll(start);
    const nodes = feed.edges.map((e) => e.node);
    expect(nodes.map((n) => `${n.eventType} ${n.recordId === park.id ? 'park' : n.recordId === link.enterpriseId ? 'firm' : n.recordId}`)).toEqual([
      'Park.CREATE park',
      'Park.UPDATE park',
      'Enterprise.LINK firm',
      'Park.LINK park',
      'Enterprise.UNLINK firm',
      'Park.UNLINK park',
      'Park.DELETE park',
    ]);
    expect(feed.totalCount).toBe(7);
    expect(nodes[0]).toMatchObject({ action: 'CREATE', recordType: 'Park', batchId: null });
    expect(nodes[0].changes.nameZh).toEqual({ before: null, after: '示例数据变更园区' });
    expect(nodes[1].changedFields).toEqual(expect.arrayContaining(['latitude', 'provenance']));
    expect(Number(nodes[1].changes.latitude.before)).toBeCloseTo(36.16);
    expect(nodes[1].changes.latitude.after).toBe(36.2);
    expect(nodes[2].changes).toEqual({ parks: { before: null, after: park.id } });
    expect(nodes[5].changes).toEqual({ enterprises: { before: link.enterpriseId, after: null } });
    expect(nodes[6].changes.nameZh).toEqual({ before: '示例数据变更园区', after: null });
    expect(JSON.stringify(nodes)).not.toContain('不应出现');
    for (const edge of feed.edges) expect(edge.cursor).toBe(edge.node.cursor);
    // Committed in order: the commit times never go backwards.
    const times = nodes.map((n) => Date.parse(n.committedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // Paging two at a time walks the same list; the last page says there is no more.
    const walked: string[] = [];
    let after: string | null = start;
    for (;;) {
      const page: Awaited<ReturnType<typeof readAll>> = (await server.gql(ChangesDocument, { after, first: 2 }, reader)).data!.changes;
      walked.push(...page.edges.map((e) => e.node.cursor));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(walked).toEqual(nodes.map((n) => n.cursor));
    expect(await head()).toBe(nodes[6].cursor);
    const past = await readAll(nodes[6].cursor);
    expect(past.edges).toEqual([]);
    expect(past.totalCount).toBe(0);
  });

  it('selects event types by pattern', async () => {
    const start = await head();
    const created = await server.gql(CreateParkDocument, { input: { nameZh: '示例数据筛选园区', district: '城阳区', role: 'FEATURED' } }, editor);
    const park = created.data!.createPark.park!;
    await server.gql(UpdateParkDocument, { input: { id: park.id, expectedVersion: 1, district: '即墨区' } }, editor);
    await server.gql(DeleteParkDocument, { id: park.id, detach: false }, editor);
    const types = async (t: string[]) => (await readAll(start, t)).edges.map((e) => e.node.eventType);
    expect(await types(['Park.*'])).toEqual(['Park.CREATE', 'Park.UPDATE', 'Park.DELETE']);
    expect(await types(['*.DELETE', 'Park.CREATE'])).toEqual(['Park.CREATE', 'Park.DELETE']);
    expect(await types(['Enterprise.*'])).toEqual([]);
    expect(await types(['*'])).toEqual(['Park.CREATE', 'Park.UPDATE', 'Park.DELETE']);
  });

  it('refuses unknown event types and foreign cursors with BAD_USER_INPUT', async () => {
    const unknown = await server.gql(ChangesDocument, { types: ['Park.RENAME'] }, reader);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'types' });
    expect(unknown.errors?.[0].message).toMatch(/Park\.RENAME.*is not an event type/);
    const foreign = Buffer.from(JSON.stringify(['audit:id', '1'])).toString('base64url');
    const bad = await server.gql(ChangesDocument, { after: foreign }, reader);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect((await server.gql(ChangesDocument, { first: 101 }, reader)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('publishes an import’s creations with its batch id, and never webhook bookkeeping', async () => {
    const start = await head();
    const res = await fetch(`${server.origin}/import/enterprises`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...editor },
      body: firmsCsv(3, { tag: '变更流', prefix: '9137028' }),
    });
    const report = (await res.json()) as { batchId: string; committed: boolean };
    expect(report.committed).toBe(true);
    const sub = await server.gql(
      CreateWebhookSubscriptionDocument,
      { input: { url: 'http://127.0.0.1:9/hook', eventTypes: ['*'], secret: 'a-long-enough-secret' } },
      admin,
    );
    expect(sub.data!.createWebhookSubscription.userErrors).toEqual([]);
    const feed = await readAll(start);
    expect(feed.edges.map((e) => e.node.eventType)).toEqual(['Enterprise.CREATE', 'Enterprise.CREATE', 'Enterprise.CREATE']);
    expect(new Set(feed.edges.map((e) => e.node.batchId))).toEqual(new Set([report.batchId]));
    expect(feed.edges[0].node.changes.nameZh.after).toMatch(/变更流示例企业1号/);
    // One at a time through the import's single transaction: the same three, in the same order.
    const oneByOne: string[] = [];
    let after: string = start;
    for (let i = 0; i < 4; i++) {
      const page = (await server.gql(ChangesDocument, { after, first: 1 }, reader)).data!.changes;
      if (!page.edges.length) break;
      oneByOne.push(page.edges[0].node.recordId);
      after = page.pageInfo.endCursor!;
    }
    expect(oneByOne).toEqual(feed.edges.map((e) => e.node.recordId));
    const [{ n }] = await server.sql<{ n: number }>("select count(*)::int as n from audit_entry where record_type = 'WebhookSubscription'");
    expect(n).toBe(1);
  });

  it('is costed like any connection and never served from the shared response cache', async () => {
    const res = await server.gql(ChangesDocument, { first: 50 }, reader);
    expect(res.extensions?.cost).toMatchObject({ nodes: 50 });
    expect(res.headers.get('x-cache')).toBe('BYPASS');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });
});

import {
  AuditLogDocument,
  CreateEnterpriseDocument,
  CreateEnterpriseFullDocument,
  DeleteEnterpriseDetachDocument,
  DeleteEnterpriseDocument,
  LinkEnterpriseToParkDocument,
  LinkEnterpriseToSectorDocument,
  LinkPlatformHostDocument,
  LinkScenarioProviderDocument,
  UnlinkEnterpriseFromParkDocument,
  UnlinkEnterpriseFromSectorDocument,
  UpdateEnterpriseDocument,
  UpdateEnterpriseFullDocument,
} from '../generated/graphql';
import { print } from 'graphql';
import { createTestKey } from '../helpers/api-keys';
import { startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64url');

describe('editing: keys, roles, validated mutations, concurrency, audit', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  let editor2: Record<string, string>;
  let admin: Record<string, string>;
  let reader: Record<string, string>;
  let editorId: number;

  beforeAll(async () => {
    server = await startTestServer();
    const e = await createTestKey(server, 'editor', '市北区招商局');
    editor = e.headers;
    editorId = e.id;
    editor2 = (await createTestKey(server, 'editor', '崂山区科创局')).headers;
    admin = (await createTestKey(server, 'admin', '系统管理员')).headers;
    reader = (await createTestKey(server, 'reader', '只读客户端')).headers;
  });
  afterAll(() => server?.close());

  const validCode = (): string => {
    // Computes a valid code with a fresh body each call, so tests never collide.
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const body = `91370200${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const sum = [...body].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i], 0);
    return body + alphabet[(31 - (sum % 31)) % 31];
  };

  describe('identity', () => {
    it('a mutation without a key is UNAUTHENTICATED and writes nothing', async () => {
      const before = await server.sql<{ n: number }>('select count(*)::int as n from enterprise');
      const res = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '无钥匙测试企业', layer: 'APPLICATION' } });
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.data?.createEnterprise ?? null).toBeNull();
      expect(await server.sql('select count(*)::int as n from enterprise')).toEqual(before);
    });

    it('a malformed, unknown or revoked key is UNAUTHENTICATED (HTTP 401), even for a read', async () => {
      const revoked = await createTestKey(server, 'editor', '已吊销');
      await server.sql('update api_key set revoked_at = now() where id = $1', [revoked.id]);
      for (const authorization of ['Bearer nonsense', `Bearer qdai_${'x'.repeat(43)}`, revoked.headers.authorization, 'Basic abc']) {
        const res = await server.gql(AuditLogDocument, { first: 1 }, { authorization });
        expect(res.status).toBe(401);
        expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      }
    });

    it('a valid key without the role is FORBIDDEN: a reader cannot write, an editor cannot read the audit log', async () => {
      const write = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '只读钥匙测试企业', layer: 'APPLICATION' } }, reader);
      expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const audit = await server.gql(AuditLogDocument, { first: 1 }, editor);
      expect(audit.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await server.sql("select 1 from enterprise where name_zh = '只读钥匙测试企业'")).toHaveLength(0);
    });

    it('anonymous and reader callers still read', async () => {
      const res = await server.gql(AuditLogDocument, { first: 1 }, admin);
      expect(res.errors).toBeUndefined();
    });
  });

  describe('HTTP rules', () => {
    it('refuses a mutation sent with GET, even with a key', async () => {
      const query = print(CreateEnterpriseDocument);
      const variables = JSON.stringify({ input: { nameZh: 'GET测试企业', layer: 'APPLICATION' } });
      const res = await fetch(`${server.url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(variables)}`, {
        headers: { ...editor, 'apollo-require-preflight': 'true' },
      });
      expect(res.status).toBe(405);
      expect(await server.sql("select 1 from enterprise where name_zh = 'GET测试企业'")).toHaveLength(0);
    });

    it('answers a plain GET query (no content type, no preflight header, as urql sends by default) but never writes over GET or non-JSON POST', async () => {
      const read = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`);
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(expect.objectContaining({ data: { __typename: 'Query' } }));

      const query = print(CreateEnterpriseDocument);
      const variables = JSON.stringify({ input: { nameZh: '简单请求测试企业', layer: 'APPLICATION' } });
      const get = await fetch(`${server.url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(variables)}`, { headers: editor });
      expect(get.status).toBe(405);
      // What a cross-site form can send: a "simple" POST, text/plain, no Authorization header.
      const form = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query, variables: JSON.parse(variables) }),
      });
      expect(form.status).toBeGreaterThanOrEqual(400);
      expect(await server.sql("select 1 from enterprise where name_zh = '简单请求测试企业'")).toHaveLength(0);
    });

    it('answers a 1.2 MB JSON body with a clean 413 JSON error', async () => {
      const body = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_200_000) } });
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...editor }, body });
      expect(res.status).toBe(413);
      const json = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
      expect(json.errors[0].message).toMatch(/1 ?MB/i);
    });
  });

  describe('create', () => {
    it('CreateEnterprise (contract) stores a trimmed firm with USER_ENTERED provenance by the key', async () => {
      const code = validCode();
      const [park] = await server.sql<{ id: number }>('select id from park order by id limit 1');
      const res = await server.gql(
        CreateEnterpriseFullDocument,
        {
          input: {
            nameZh: '  青岛示例智能科技有限公司  ',
            layer: 'TECHNOLOGY',
            creditCode: code.toLowerCase(),
            sectors: ['SMART_OCEAN'],
            parkIds: [gid('Park', park.id)],
            website: 'https://a.example.com/',
          },
        },
        editor,
      );
      expect(res.errors).toBeUndefined();
      const payload = res.data!.createEnterprise;
      expect(payload.userErrors).toEqual([]);
      expect(payload.enterprise).toMatchObject({
        nameZh: '青岛示例智能科技有限公司',
        creditCode: code,
        version: 1,
        provenance: { kind: 'USER_ENTERED', source: '市北区招商局' },
      });
      expect(payload.enterprise!.sectors.map((s) => s.code)).toEqual(['SMART_OCEAN']);
      expect(payload.enterprise!.parks.totalCount).toBe(1);
      const [row] = await server.sql<{ name_zh: string; credit_code: string }>('select name_zh, credit_code from enterprise where credit_code = $1', [code]);
      expect(row.name_zh).toBe('青岛示例智能科技有限公司');
    });

    it('reports every invalid field with its path, and writes nothing', async () => {
      const before = await server.sql<{ n: number }>('select count(*)::int as n from enterprise');
      const res = await server.gql(
        CreateEnterpriseFullDocument,
        { input: { nameZh: '   ', layer: 'APPLICATION', creditCode: '91370212MA3C12345Y', foundedYear: 1850, website: 'not a url', parkIds: ['bogus'] } },
        editor,
      );
      expect(res.errors).toBeUndefined();
      const errors = res.data!.createEnterprise.userErrors;
      expect(errors.map((e) => e.field.join('.')).sort()).toEqual([
        'input.creditCode',
        'input.foundedYear',
        'input.nameZh',
        'input.parkIds.0',
        'input.website',
      ]);
      expect(errors.every((e) => e.code === 'BAD_USER_INPUT')).toBe(true);
      expect(errors.find((e) => e.field[1] === 'creditCode')!.message).toMatch(/check character/);
      expect(res.data!.createEnterprise.enterprise).toBeNull();
      expect(await server.sql('select count(*)::int as n from enterprise')).toEqual(before);
    });

    it('a duplicate credit code is a DUPLICATE userError naming the existing firm', async () => {
      const [existing] = await server.sql<{ id: number; name_zh: string; credit_code: string }>(
        'select id, name_zh, credit_code from enterprise where credit_code is not null order by id limit 1',
      );
      const res = await server.gql(
        CreateEnterpriseDocument,
        { input: { nameZh: '重复代码测试企业', layer: 'APPLICATION', creditCode: existing.credit_code } },
        editor,
      );
      const [error] = res.data!.createEnterprise.userErrors;
      expect(error).toMatchObject({ field: ['input', 'creditCode'], code: 'DUPLICATE' });
      expect(error.message).toContain(existing.name_zh);
      expect(await server.sql("select 1 from enterprise where name_zh = '重复代码测试企业'")).toHaveLength(0);
    });
  });

  describe('update', () => {
    let firmId: string;
    beforeAll(async () => {
      const res = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '版本测试企业', layer: 'APPLICATION' } }, editor);
      firmId = res.data!.createEnterprise.enterprise!.id;
    });

    it('UpdateEnterprise (contract) changes the sent fields and bumps the version', async () => {
      const res = await server.gql(UpdateEnterpriseFullDocument, { input: { id: firmId, expectedVersion: 1, website: 'https://v.example.com/' } }, editor);
      expect(res.data!.updateEnterprise.userErrors).toEqual([]);
      expect(res.data!.updateEnterprise.enterprise).toMatchObject({ nameZh: '版本测试企业', website: 'https://v.example.com/', version: 2 });
      const same = await server.gql(UpdateEnterpriseDocument, { input: { id: firmId, expectedVersion: 2, nameZh: ' 版本测试企业 ' } }, editor);
      expect(same.data!.updateEnterprise.enterprise!.version).toBe(2);
    });

    it('a stale expectedVersion is CONFLICT with the current version, and nothing is written', async () => {
      const res = await server.gql(UpdateEnterpriseFullDocument, { input: { id: firmId, expectedVersion: 1, nameZh: '过期版本的名称' } }, editor);
      expect(res.data!.updateEnterprise.enterprise).toBeNull();
      expect(res.data!.updateEnterprise.userErrors).toEqual([
        expect.objectContaining({ code: 'CONFLICT', field: ['input', 'expectedVersion'], currentVersion: 2 }),
      ]);
      const [row] = await server.sql<{ name_zh: string; version: number }>('select name_zh, version from enterprise where name_zh = $1', ['版本测试企业']);
      expect(row.version).toBe(2);
    });

    it('two editors updating from the same version: exactly one wins, the other gets CONFLICT', async () => {
      const [a, b] = await Promise.all([
        server.gql(UpdateEnterpriseFullDocument, { input: { id: firmId, expectedVersion: 2, summary: '甲的修改' } }, editor),
        server.gql(UpdateEnterpriseFullDocument, { input: { id: firmId, expectedVersion: 2, summary: '乙的修改' } }, editor2),
      ]);
      const outcomes = [a, b].map((r) => r.data!.updateEnterprise);
      const winners = outcomes.filter((o) => o.userErrors.length === 0);
      const losers = outcomes.filter((o) => o.userErrors.length > 0);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0].userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
      const [row] = await server.sql<{ summary: string; version: number }>('select summary, version from enterprise where name_zh = $1', ['版本测试企业']);
      expect(row.version).toBe(3);
      expect(row.summary).toBe(winners[0] === outcomes[0] ? '甲的修改' : '乙的修改');
    });

    it('correcting a SAMPLE record makes it USER_ENTERED and keeps the earlier source in the note', async () => {
      const [firm] = await server.sql<{ id: number; version: number; provenance_source: string }>(
        "select id, version, provenance_source from enterprise where provenance_kind = 'SAMPLE' order by id limit 1",
      );
      const res = await server.gql(
        UpdateEnterpriseFullDocument,
        { input: { id: gid('Enterprise', firm.id), expectedVersion: firm.version, foundedYear: 2020 } },
        editor,
      );
      const { provenance } = res.data!.updateEnterprise.enterprise!;
      expect(provenance.kind).toBe('USER_ENTERED');
      expect(provenance.source).toBe('市北区招商局');
      expect(provenance.note).toContain(firm.provenance_source);
    });

    it('an unknown firm is NOT_FOUND; a wrong-type ID is BAD_USER_INPUT', async () => {
      const missing = await server.gql(UpdateEnterpriseDocument, { input: { id: gid('Enterprise', 999999), expectedVersion: 1 } }, editor);
      expect(missing.data!.updateEnterprise.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'id'] });
      const wrong = await server.gql(UpdateEnterpriseDocument, { input: { id: gid('Park', 1), expectedVersion: 1 } }, editor);
      expect(wrong.data!.updateEnterprise.userErrors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'id'] });
    });
  });

  describe('links and delete', () => {
    it('link and unlink a park and a sector; repeating changes nothing', async () => {
      const created = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '关联测试企业', layer: 'FOUNDATION' } }, editor);
      const firm = created.data!.createEnterprise.enterprise!.id;
      const [park] = await server.sql<{ id: number }>('select id from park order by id limit 1');
      const input = { enterpriseId: firm, parkId: gid('Park', park.id) };
      const linked = await server.gql(LinkEnterpriseToParkDocument, { input }, editor);
      expect(linked.data!.linkEnterpriseToPark).toMatchObject({ changed: true, userErrors: [], enterprise: { parks: { totalCount: 1 } } });
      const again = await server.gql(LinkEnterpriseToParkDocument, { input }, editor);
      expect(again.data!.linkEnterpriseToPark.changed).toBe(false);
      const unlinked = await server.gql(UnlinkEnterpriseFromParkDocument, { input }, editor);
      expect(unlinked.data!.unlinkEnterpriseFromPark).toMatchObject({ changed: true, enterprise: { parks: { totalCount: 0 } } });

      const sector = await server.gql(LinkEnterpriseToSectorDocument, { input: { enterpriseId: firm, sector: 'SMART_EDUCATION' } }, editor);
      expect(sector.data!.linkEnterpriseToSector.enterprise!.sectors.map((s) => s.code)).toEqual(['SMART_EDUCATION']);
      const unsector = await server.gql(UnlinkEnterpriseFromSectorDocument, { input: { enterpriseId: firm, sector: 'SMART_EDUCATION' } }, editor);
      expect(unsector.data!.unlinkEnterpriseFromSector.enterprise!.sectors).toEqual([]);

      const missing = await server.gql(LinkEnterpriseToParkDocument, { input: { enterpriseId: firm, parkId: gid('Park', 99999) } }, editor);
      expect(missing.data!.linkEnterpriseToPark.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'parkId'] });
    });

    it('deleting a firm that hosts a platform and provides a scenario is refused, naming them; detach deletes it', async () => {
      const created = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '删除测试企业', layer: 'APPLICATION' } }, editor);
      const firm = created.data!.createEnterprise.enterprise!.id;
      const [platform] = await server.sql<{ id: number; name_zh: string }>('select id, name_zh from innovation_platform order by id limit 1');
      const [scenario] = await server.sql<{ id: number; name_zh: string }>('select id, name_zh from scenario order by id limit 1');
      const host = await server.gql(LinkPlatformHostDocument, { input: { platformId: gid('InnovationPlatform', platform.id), enterpriseId: firm } }, editor);
      expect(host.data!.linkPlatformHost.enterprise!.platforms.totalCount).toBe(1);
      const provide = await server.gql(LinkScenarioProviderDocument, { input: { scenarioId: gid('Scenario', scenario.id), enterpriseId: firm } }, editor);
      expect(provide.data!.linkScenarioProvider.enterprise!.scenarios.totalCount).toBe(1);

      const refused = await server.gql(DeleteEnterpriseDocument, { id: firm }, editor);
      expect(refused.data!.deleteEnterprise.deletedId).toBeNull();
      const [error] = refused.data!.deleteEnterprise.userErrors;
      expect(error.code).toBe('HAS_DEPENDANTS');
      expect(error.message).toContain(platform.name_zh);
      expect(error.message).toContain(scenario.name_zh);
      expect(await server.sql("select 1 from enterprise where name_zh = '删除测试企业'")).toHaveLength(1);

      const detached = await server.gql(DeleteEnterpriseDetachDocument, { id: firm, detach: true }, editor);
      expect(detached.data!.deleteEnterprise).toEqual({ deletedId: firm, userErrors: [] });
      expect(await server.sql("select 1 from enterprise where name_zh = '删除测试企业'")).toHaveLength(0);
      expect(await server.sql('select 1 from innovation_platform where id = $1', [platform.id])).toHaveLength(1);
      expect(
        await server.sql('select 1 from platform_host where platform_id = $1 and enterprise_id not in (select id from enterprise)', [platform.id]),
      ).toHaveLength(0);
    });

    it('a firm nothing depends on is deleted without detach; deleting it again is NOT_FOUND', async () => {
      const created = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '无依赖企业', layer: 'APPLICATION' } }, editor);
      const firm = created.data!.createEnterprise.enterprise!.id;
      const res = await server.gql(DeleteEnterpriseDocument, { id: firm }, editor);
      expect(res.data!.deleteEnterprise).toEqual({ deletedId: firm, userErrors: [] });
      const again = await server.gql(DeleteEnterpriseDocument, { id: firm }, editor);
      expect(again.data!.deleteEnterprise.userErrors[0].code).toBe('NOT_FOUND');
    });
  });

  describe('audit trail', () => {
    it('reads a record’s history back in order, with who and what changed, paged', async () => {
      const code = validCode();
      const created = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '审计测试企业', layer: 'APPLICATION', creditCode: code } }, editor);
      const firm = created.data!.createEnterprise.enterprise!;
      await server.gql(UpdateEnterpriseDocument, { input: { id: firm.id, expectedVersion: 1, nameZh: '审计测试企业（更名）' } }, editor);
      await server.gql(LinkEnterpriseToSectorDocument, { input: { enterpriseId: firm.id, sector: 'SMART_OCEAN' } }, editor);
      await server.gql(DeleteEnterpriseDocument, { id: firm.id }, editor);

      const page1 = await server.gql(AuditLogDocument, { recordId: firm.id, first: 2 }, admin);
      expect(page1.errors).toBeUndefined();
      const log = page1.data!.auditLog;
      expect(log.totalCount).toBe(4);
      expect(log.pageInfo.hasNextPage).toBe(true);
      const page2 = await server.gql(AuditLogDocument, { recordId: firm.id, first: 2, after: log.pageInfo.endCursor }, admin);
      const entries = [...log.edges, ...page2.data!.auditLog.edges].map((e) => e.node);
      expect(entries.map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'LINK', 'DELETE']);
      expect(entries.every((e) => e.actorName === '市北区招商局' && e.actorKeyId === editorId)).toBe(true);
      expect(entries[0].changes.creditCode).toEqual({ before: null, after: code });
      expect(entries[1].changes.nameZh).toEqual({ before: '审计测试企业', after: '审计测试企业（更名）' });
      expect(entries[2].changes.sectors).toEqual({ before: null, after: gid('Sector', 'SMART_OCEAN') });
      const times = entries.map((e) => Date.parse(e.at));
      expect([...times].sort((x, y) => x - y)).toEqual(times);
    });

    it('a refused write leaves no audit entry', async () => {
      const [{ n: before }] = await server.sql<{ n: number }>('select count(*)::int as n from audit_entry');
      await server.gql(CreateEnterpriseDocument, { input: { nameZh: '', layer: 'APPLICATION' } }, editor);
      const [{ n: after }] = await server.sql<{ n: number }>('select count(*)::int as n from audit_entry');
      expect(after).toBe(before);
    });
  });
});

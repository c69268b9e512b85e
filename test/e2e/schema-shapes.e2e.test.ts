import {
  AuditLogPagesDocument,
  ChainGapCandidatePagesDocument,
  CreateEnterpriseWithWebsiteDocument,
  CreateInnovationPlatformDocument,
  CreateLargeModelDocument,
  CreateParkAtDocument,
  CreateScenarioDocument,
  DeleteEnterpriseBothWaysDocument,
  DeleteEnterpriseByInputDocument,
  DeleteEnterpriseDetachDocument,
  DeleteInnovationPlatformByInputDocument,
  DeleteLargeModelByInputDocument,
  DeleteParkByInputDocument,
  DeleteScenarioByInputDocument,
  EnterprisesComposedDocument,
  ParksFilteredDocument,
  LinkEnterpriseToParkDocument,
  RelationGraphVerticesDocument,
  UpdateEnterpriseWebsiteDocument,
  UpdateParkLocationDocument,
} from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64url');

/**
 * The shapes 0.2.0 adds beside the ones it deprecates (CHANGELOG.md): delete mutations taking one
 * input, typed input scalars, relation-graph vertices with IDs of their own and enum attributes,
 * and chain-gap candidates and the audit log paged both ways. The deprecated shapes keep working
 * (their own tests stay in editing*.e2e.test.ts).
 */
describe('schema 0.2.0 shapes', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    editor = (await createTestKey(server, 'editor', '数据组')).headers;
    admin = (await createTestKey(server, 'admin', '管理员')).headers;
  });
  afterAll(() => server?.close());

  it('delete mutations take one input, with detach inside it; mixing both ways or sending neither writes nothing', async () => {
    const park = (await server.gql(CreateParkAtDocument, { input: { nameZh: '示例数据删除园区', district: '城阳区', role: 'FEATURED' } }, editor)).data!
      .createPark.park!;
    const firm = (await server.gql(CreateEnterpriseWithWebsiteDocument, { input: { nameZh: '示例数据删除企业', layer: 'APPLICATION' } }, editor)).data!
      .createEnterprise.enterprise!;
    await server.gql(LinkEnterpriseToParkDocument, { input: { enterpriseId: firm.id, parkId: park.id } }, editor);

    const both = await server.gql(DeleteEnterpriseBothWaysDocument, { input: { id: firm.id }, id: firm.id }, editor);
    expect(both.data!.deleteEnterprise).toEqual({ deletedId: null, userErrors: [expect.objectContaining({ field: ['input'], code: 'BAD_USER_INPUT' })] });
    const neither = await server.gql(DeleteEnterpriseBothWaysDocument, {}, editor);
    expect(neither.data!.deleteEnterprise.userErrors).toEqual([expect.objectContaining({ field: ['input'], code: 'BAD_USER_INPUT' })]);
    const wrongType = await server.gql(DeleteEnterpriseByInputDocument, { input: { id: park.id } }, editor);
    expect(wrongType.data!.deleteEnterprise.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'BAD_USER_INPUT' })]);

    const refused = await server.gql(DeleteParkByInputDocument, { input: { id: park.id } }, editor);
    expect(refused.data!.deletePark.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'HAS_DEPENDANTS' })]);
    expect(
      (
        await server.sql<{ n: number }>('select count(*)::int as n from enterprise_park where park_id = $1', [
          Number(Buffer.from(park.id, 'base64url').toString().split(':')[1]),
        ])
      )[0].n,
    ).toBe(1);
    const deleted = await server.gql(DeleteParkByInputDocument, { input: { id: park.id, detach: true } }, editor);
    expect(deleted.data!.deletePark).toEqual({ deletedId: park.id, userErrors: [] });
    expect(await server.sql("select id from park where name_zh = '示例数据删除园区'")).toEqual([]);

    const gone = await server.gql(DeleteEnterpriseByInputDocument, { input: { id: firm.id } }, editor);
    expect(gone.data!.deleteEnterprise).toEqual({ deletedId: firm.id, userErrors: [] });
    const again = await server.gql(DeleteEnterpriseByInputDocument, { input: { id: firm.id } }, editor);
    expect(again.data!.deleteEnterprise.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' })]);
    // The deprecated arguments still work.
    const old = (await server.gql(CreateEnterpriseWithWebsiteDocument, { input: { nameZh: '示例数据旧式删除企业', layer: 'TECHNOLOGY' } }, editor)).data!
      .createEnterprise.enterprise!;
    expect((await server.gql(DeleteEnterpriseDetachDocument, { id: old.id }, editor)).data!.deleteEnterprise).toEqual({ deletedId: old.id, userErrors: [] });

    const owner = (await server.gql(CreateEnterpriseWithWebsiteDocument, { input: { nameZh: '示例数据平台依托企业', layer: 'FOUNDATION' } }, editor)).data!
      .createEnterprise.enterprise!;
    const platform = (
      await server.gql(CreateInnovationPlatformDocument, { input: { nameZh: '示例数据删除平台', kind: 'KEY_LABORATORY', level: 'MUNICIPAL' } }, editor)
    ).data!.createInnovationPlatform.innovationPlatform!;
    const scenario = (await server.gql(CreateScenarioDocument, { input: { nameZh: '示例数据删除场景', sector: 'SMART_EDUCATION', status: 'PLANNED' } }, editor))
      .data!.createScenario.scenario!;
    const model = (
      await server.gql(
        CreateLargeModelDocument,
        { input: { nameZh: '示例数据删除大模型', domain: 'OCEAN', status: 'IN_DEVELOPMENT', developerIds: [owner.id] } },
        editor,
      )
    ).data!.createLargeModel.largeModel!;
    expect((await server.gql(DeleteInnovationPlatformByInputDocument, { input: { id: platform.id } }, editor)).data!.deleteInnovationPlatform).toEqual({
      deletedId: platform.id,
      userErrors: [],
    });
    expect((await server.gql(DeleteScenarioByInputDocument, { input: { id: scenario.id } }, editor)).data!.deleteScenario).toEqual({
      deletedId: scenario.id,
      userErrors: [],
    });
    expect((await server.gql(DeleteLargeModelByInputDocument, { input: { id: model.id } }, editor)).data!.deleteLargeModel).toEqual({
      deletedId: model.id,
      userErrors: [],
    });
  });

  it('websiteUrl is typed URL on input as on output; the deprecated String website still works; both at once is refused', async () => {
    const created = await server.gql(
      CreateEnterpriseWithWebsiteDocument,
      { input: { nameZh: '示例数据网址企业', layer: 'APPLICATION', websiteUrl: 'https://sample.example.com/about' } },
      editor,
    );
    expect(created.data!.createEnterprise).toMatchObject({ enterprise: { website: 'https://sample.example.com/about', version: 1 }, userErrors: [] });
    const id = created.data!.createEnterprise.enterprise!.id;

    // The scalar refuses what is not a URL before anything runs: HTTP 400, coded, nothing written.
    const notUrl = await server.gql(UpdateEnterpriseWebsiteDocument, { input: { id, expectedVersion: 1, websiteUrl: 'not a url' } }, editor);
    expect(notUrl.status).toBe(400);
    expect(notUrl.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    // A URL the directory does not accept (not http/https) is a user error at the new field's path.
    const ftp = await server.gql(UpdateEnterpriseWebsiteDocument, { input: { id, expectedVersion: 1, websiteUrl: 'ftp://files.example.com/' } }, editor);
    expect(ftp.data!.updateEnterprise.userErrors).toEqual([expect.objectContaining({ field: ['input', 'websiteUrl'], code: 'BAD_USER_INPUT' })]);
    const both = await server.gql(
      UpdateEnterpriseWebsiteDocument,
      { input: { id, expectedVersion: 1, websiteUrl: 'https://a.example.com/', website: 'https://b.example.com/' } },
      editor,
    );
    expect(both.data!.updateEnterprise.userErrors).toEqual([expect.objectContaining({ field: ['input', 'websiteUrl'], code: 'BAD_USER_INPUT' })]);
    const [row] = await server.sql<{ website: string; version: number }>("select website, version from enterprise where name_zh = '示例数据网址企业'");
    expect(row).toEqual({ website: 'https://sample.example.com/about', version: 1 });

    const legacy = await server.gql(UpdateEnterpriseWebsiteDocument, { input: { id, expectedVersion: 1, website: 'https://legacy.example.com/' } }, editor);
    expect(legacy.data!.updateEnterprise.enterprise).toMatchObject({ website: 'https://legacy.example.com/', version: 2 });
    const cleared = await server.gql(UpdateEnterpriseWebsiteDocument, { input: { id, expectedVersion: 2, websiteUrl: null } }, editor);
    expect(cleared.data!.updateEnterprise.enterprise).toMatchObject({ website: null, version: 3 });
  });

  it('location takes Latitude/Longitude together; the deprecated Floats still work; mixing is refused; null clears both', async () => {
    const created = await server.gql(
      CreateParkAtDocument,
      { input: { nameZh: '示例数据坐标园区', district: '黄岛区', role: 'FEATURED', location: { latitude: 35.96, longitude: 120.2 } } },
      editor,
    );
    expect(created.data!.createPark).toMatchObject({ park: { latitude: 35.96, longitude: 120.2, version: 1 }, userErrors: [] });
    const id = created.data!.createPark.park!.id;

    const outOfRange = await server.gql(UpdateParkLocationDocument, { input: { id, expectedVersion: 1, location: { latitude: 95, longitude: 120 } } }, editor);
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const mixed = await server.gql(
      UpdateParkLocationDocument,
      { input: { id, expectedVersion: 1, location: { latitude: 36, longitude: 120 }, latitude: 36 } },
      editor,
    );
    expect(mixed.data!.updatePark.userErrors).toEqual([expect.objectContaining({ field: ['input', 'location'], code: 'BAD_USER_INPUT' })]);

    const legacy = await server.gql(UpdateParkLocationDocument, { input: { id, expectedVersion: 1, latitude: 36.1 } }, editor);
    expect(legacy.data!.updatePark.park).toMatchObject({ latitude: 36.1, longitude: 120.2, version: 2 });
    const moved = await server.gql(UpdateParkLocationDocument, { input: { id, expectedVersion: 2, location: { latitude: 36.3, longitude: 120.4 } } }, editor);
    expect(moved.data!.updatePark.park).toMatchObject({ latitude: 36.3, longitude: 120.4, version: 3 });
    const cleared = await server.gql(UpdateParkLocationDocument, { input: { id, expectedVersion: 3, location: null } }, editor);
    expect(cleared.data!.updatePark.park).toMatchObject({ latitude: null, longitude: null, version: 4 });
  });

  it('relation-graph vertices have IDs no record has, lead to their record, and type their attributes as enums', async () => {
    const res = await server.gql(RelationGraphVerticesDocument, { filter: { districts: ['崂山区'] }, first: 500 });
    expect(res.errors).toBeUndefined();
    const { vertices, nodes, edges } = res.data!.relationGraph;
    expect(vertices.length).toBeGreaterThan(3);
    expect(vertices.map((v) => v.recordId)).toEqual(nodes.map((n) => n.id));
    const recordIds = new Set(vertices.map((v) => v.recordId));
    for (const e of edges) expect(recordIds.has(e.source) && recordIds.has(e.target)).toBe(true);
    const vertexIds = new Set(vertices.map((v) => v.id));
    expect(vertexIds.size).toBe(vertices.length);
    for (const v of vertices) expect(recordIds.has(v.id)).toBe(false);

    const typenames: Record<string, string> = {
      PARK: 'Park',
      ENTERPRISE: 'Enterprise',
      PLATFORM: 'InnovationPlatform',
      SCENARIO: 'Scenario',
      SECTOR: 'Sector',
      LARGE_MODEL: 'LargeModel',
      COMPUTE_CENTER: 'ComputeCenter',
      INSTITUTION: 'Institution',
      NATIONAL_TASK: 'NationalInnovationTask',
      DATA_PRODUCT: 'DataProduct',
      CHAIN_NODE: 'ChainNode',
      VOUCHER_PROGRAM: 'ComputeVoucherProgram',
    };
    const kinds = new Set<string>();
    for (const [i, v] of vertices.entries()) {
      const node = nodes[i];
      kinds.add(v.kind);
      expect(v.record).toMatchObject({ __typename: typenames[v.kind], id: v.recordId });
      // The enum-typed attributes carry the same values the deprecated string ones did.
      expect([v.layer, v.role, v.platformKind, v.platformLevel, v.scenarioStatus, v.provenanceKind]).toEqual([
        node.layer,
        node.role,
        node.platformKind,
        node.platformLevel,
        node.scenarioStatus,
        node.provenanceKind,
      ]);
      const record = v.record as Record<string, unknown>;
      if (v.kind === 'ENTERPRISE') expect(v.layer).toBe(record.layer);
      if (v.kind === 'PARK') expect(v.role).toBe(record.role);
      if (v.kind === 'PLATFORM') expect([v.platformKind, v.platformLevel]).toEqual([record.kind, record.level]);
      if (v.kind === 'SCENARIO') expect(v.scenarioStatus).toBe(record.status);
      if (v.record && 'nameZh' in v.record) expect(v.nameZh).toBe(record.nameZh);
    }
    expect([...kinds]).toEqual(expect.arrayContaining(['PARK', 'ENTERPRISE']));
  });

  it('filters combine with and/or/not exactly as with the deprecated AND/OR/NOT', async () => {
    const ids = async (filter: object) => {
      const res = await server.gql(EnterprisesComposedDocument, { filter, first: 100 });
      expect(res.errors).toBeUndefined();
      return res.data!.enterprises.edges.map((e) => e.node.id);
    };
    const anyOf = [{ layers: ['FOUNDATION'] }, { sectors: ['SMART_OCEAN'] }];
    const either = await ids({ or: anyOf });
    expect(either.length).toBeGreaterThan(0);
    expect(either).toEqual(await ids({ OR: anyOf }));
    const notFoundation = await ids({ not: { layers: ['FOUNDATION'] } });
    expect(notFoundation).toEqual(await ids({ NOT: { layers: ['FOUNDATION'] } }));
    const all = await ids({});
    expect(notFoundation.length).toBeLessThan(all.length);
    const both = await ids({ and: [{ layers: ['APPLICATION'] }], AND: [{ sectors: ['SMART_OCEAN'] }] });
    expect(both).toEqual(await ids({ layers: ['APPLICATION'], sectors: ['SMART_OCEAN'] }));
    // Both spellings of OR are two conditions, not one merged list.
    const twoOrs = await ids({ or: [{ layers: ['APPLICATION'] }], OR: [{ sectors: ['SMART_OCEAN'] }] });
    expect(twoOrs).toEqual(both);
    const parks = await server.gql(ParksFilteredDocument, { filter: { not: { roles: ['PRIMARY'] } } });
    expect(parks.errors).toBeUndefined();
    expect(parks.data!.parks.edges.length).toBeGreaterThan(0);
    expect(parks.data!.parks.edges.every((e) => e.node.role === 'FEATURED')).toBe(true);
  });

  it('chain-gap candidates page backwards with last/before as well as forwards', async () => {
    const parks = await server.sql<{ id: number }>('select id from park order by id');
    for (const { id } of parks) {
      const full = await server.gql(ChainGapCandidatePagesDocument, { parkId: gid('Park', id), first: 100 });
      expect(full.errors).toBeUndefined();
      const index = full.data!.chainGaps.findIndex((g) => g.candidates.totalCount >= 3);
      if (index < 0) continue;
      const all = full.data!.chainGaps[index].candidates;
      const ids = all.edges.map((e) => e.node.id);

      const tail = (await server.gql(ChainGapCandidatePagesDocument, { parkId: gid('Park', id), last: 2 })).data!.chainGaps[index].candidates;
      expect(tail.edges.map((e) => e.node.id)).toEqual(ids.slice(-2));
      expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
      expect(tail.totalCount).toBe(ids.length);

      // Walk back from the end one at a time: the whole list, in order.
      const walked: string[] = [];
      let before: string | null = null;
      for (let n = 0; n < 120; n++) {
        const page: any = (await server.gql(ChainGapCandidatePagesDocument, { parkId: gid('Park', id), last: 1, before })).data!.chainGaps[index].candidates;
        walked.unshift(...page.edges.map((e: any) => e.node.id));
        expect(page.pageInfo.hasNextPage).toBe(before !== null);
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      expect(walked).toEqual(ids);

      // A cursor from the forward walk works backwards too.
      const middle = all.edges[2].cursor;
      const prev = (await server.gql(ChainGapCandidatePagesDocument, { parkId: gid('Park', id), last: 5, before: middle })).data!.chainGaps[index].candidates;
      expect(prev.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
      expect(prev.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });

      const both = await server.gql(ChainGapCandidatePagesDocument, { parkId: gid('Park', id), first: 1, last: 1 });
      expect(both.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      return;
    }
    throw new Error('no chain gap on the seeds has three or more candidates');
  });

  it('the audit log pages backwards with last/before, newest page first, each page in log order', async () => {
    const firm = (await server.gql(CreateEnterpriseWithWebsiteDocument, { input: { nameZh: '示例数据审计翻页企业', layer: 'APPLICATION' } }, editor)).data!
      .createEnterprise.enterprise!;
    for (let v = 1; v <= 4; v++) {
      await server.gql(UpdateEnterpriseWebsiteDocument, { input: { id: firm.id, expectedVersion: v, websiteUrl: `https://v${v}.example.com/` } }, editor);
    }
    const forward = (await server.gql(AuditLogPagesDocument, { recordId: firm.id, first: 100 }, admin)).data!.auditLog;
    expect(forward.totalCount).toBe(5);
    const cursors = forward.edges.map((e) => e.cursor);

    const newest = (await server.gql(AuditLogPagesDocument, { recordId: firm.id, last: 2 }, admin)).data!.auditLog;
    expect(newest.edges.map((e) => e.cursor)).toEqual(cursors.slice(3));
    expect(newest.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const older = (await server.gql(AuditLogPagesDocument, { recordId: firm.id, last: 2, before: newest.pageInfo.startCursor }, admin)).data!.auditLog;
    expect(older.edges.map((e) => e.cursor)).toEqual(cursors.slice(1, 3));
    expect(older.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const oldest = (await server.gql(AuditLogPagesDocument, { recordId: firm.id, last: 2, before: older.pageInfo.startCursor }, admin)).data!.auditLog;
    expect(oldest.edges.map((e) => e.node.action)).toEqual(['CREATE']);
    expect(oldest.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });
});

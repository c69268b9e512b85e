import {
  AuditLogDocument,
  CreateEnterpriseDocument,
  CreateInnovationPlatformDocument,
  CreateLargeModelDocument,
  DeleteEnterpriseDocument,
  DeleteLargeModelDocument,
  UpdateLargeModelDocument,
  CreateParkDocument,
  CreateScenarioDocument,
  DeleteInnovationPlatformDocument,
  DeleteParkDocument,
  DeleteScenarioDocument,
  LinkEnterpriseToParkDocument,
  UpdateInnovationPlatformDocument,
  UpdateParkDocument,
  UpdateScenarioDocument,
} from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { startTestServer, TestServer } from '../helpers/test-server';

/** Create, update and delete of parks, platforms and scenarios, with their validation and dependants. */
describe('editing parks, platforms and scenarios', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    editor = (await createTestKey(server, 'editor', '数据组')).headers;
    admin = (await createTestKey(server, 'admin', '管理员')).headers;
  });
  afterAll(() => server?.close());

  it('parks: validation paths, create, conflicting update, delete refused while firms are in it, detach', async () => {
    const bad = await server.gql(
      CreateParkDocument,
      { input: { nameZh: '示例园区', district: ' ', role: 'FEATURED', latitude: 91, longitude: -181, foundedYear: 3000 } },
      editor,
    );
    expect(bad.data!.createPark.userErrors.map((e) => e.field.join('.')).sort()).toEqual([
      'input.district',
      'input.foundedYear',
      'input.latitude',
      'input.longitude',
    ]);

    const created = await server.gql(
      CreateParkDocument,
      { input: { nameZh: ' 示例数据园区 ', district: '李沧区', role: 'FEATURED', latitude: 36.16, longitude: 120.43, focusSectors: ['SMART_OCEAN'] } },
      editor,
    );
    expect(created.data!.createPark.userErrors).toEqual([]);
    const park = created.data!.createPark.park!;
    expect(park).toMatchObject({
      nameZh: '示例数据园区',
      district: '李沧区',
      version: 1,
      focusSectors: [{ code: 'SMART_OCEAN' }],
      provenance: { kind: 'USER_ENTERED', source: '数据组' },
    });

    const moved = await server.gql(UpdateParkDocument, { input: { id: park.id, expectedVersion: 1, latitude: 36.2, longitude: null } }, editor);
    expect(moved.data!.updatePark.park).toMatchObject({ latitude: 36.2, longitude: null, version: 2 });
    const stale = await server.gql(UpdateParkDocument, { input: { id: park.id, expectedVersion: 1, nameZh: '旧版本' } }, editor);
    expect(stale.data!.updatePark.userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });

    const firm = (await server.gql(CreateEnterpriseDocument, { input: { nameZh: '园区依赖示例企业', layer: 'APPLICATION' } }, editor)).data!.createEnterprise
      .enterprise!;
    await server.gql(LinkEnterpriseToParkDocument, { input: { enterpriseId: firm.id, parkId: park.id } }, editor);
    const refused = await server.gql(DeleteParkDocument, { id: park.id }, editor);
    expect(refused.data!.deletePark.userErrors[0].code).toBe('HAS_DEPENDANTS');
    expect(refused.data!.deletePark.userErrors[0].message).toContain('园区依赖示例企业');
    const deleted = await server.gql(DeleteParkDocument, { id: park.id, detach: true }, editor);
    expect(deleted.data!.deletePark).toEqual({ deletedId: park.id, userErrors: [] });
    const [{ n }] = await server.sql<{ n: number }>("select count(*)::int as n from enterprise where name_zh = '园区依赖示例企业'");
    expect(n).toBe(1);
    const history = await server.gql(AuditLogDocument, { recordId: park.id }, admin);
    expect(history.data!.auditLog.edges.map((e) => e.node.action)).toEqual(['CREATE', 'LINK', 'UPDATE', 'LINK', 'DELETE']);
  });

  it('platforms: hosts and park on create, unknown park is NOT_FOUND, clear the park, delete', async () => {
    const [host] = await server.sql<{ id: number }>('select id from enterprise order by id limit 1');
    const [park] = await server.sql<{ id: number }>('select id from park order by id limit 1');
    const gid = (t: string, id: number) => Buffer.from(`${t}:${id}`).toString('base64url');
    const missing = await server.gql(
      CreateInnovationPlatformDocument,
      { input: { nameZh: '示例平台', kind: 'KEY_LABORATORY', level: 'MUNICIPAL', parkId: gid('Park', 99999) } },
      editor,
    );
    expect(missing.data!.createInnovationPlatform.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'parkId'] });

    const created = await server.gql(
      CreateInnovationPlatformDocument,
      {
        input: {
          nameZh: '示例数据重点实验室',
          kind: 'KEY_LABORATORY',
          level: 'MUNICIPAL',
          parkId: gid('Park', park.id),
          hostIds: [gid('Enterprise', host.id)],
          sectors: ['SMART_OCEAN'],
        },
      },
      editor,
    );
    const platform = created.data!.createInnovationPlatform.innovationPlatform!;
    expect(platform).toMatchObject({ level: 'MUNICIPAL', version: 1, park: { id: gid('Park', park.id) }, hosts: { totalCount: 1 } });
    const cleared = await server.gql(
      UpdateInnovationPlatformDocument,
      { input: { id: platform.id, expectedVersion: 1, parkId: null, level: 'PROVINCIAL' } },
      editor,
    );
    expect(cleared.data!.updateInnovationPlatform.innovationPlatform).toMatchObject({ park: null, version: 2 });
    const noKind = await server.gql(UpdateInnovationPlatformDocument, { input: { id: platform.id, expectedVersion: 2, kind: null } }, editor);
    expect(noKind.data!.updateInnovationPlatform.userErrors[0].field).toEqual(['input', 'kind']);
    const deleted = await server.gql(DeleteInnovationPlatformDocument, { id: platform.id }, editor);
    expect(deleted.data!.deleteInnovationPlatform.userErrors).toEqual([]);
    expect(await server.sql("select 1 from innovation_platform where name_zh = '示例数据重点实验室'")).toHaveLength(0);
  });

  it('scenarios: providers on create, year range, status update, delete', async () => {
    const [provider] = await server.sql<{ id: number }>('select id from enterprise order by id desc limit 1');
    const gid = Buffer.from(`Enterprise:${provider.id}`).toString('base64url');
    const bad = await server.gql(CreateScenarioDocument, { input: { nameZh: '示例场景', sector: 'SMART_EDUCATION', status: 'PLANNED', year: 1800 } }, editor);
    expect(bad.data!.createScenario.userErrors[0].field).toEqual(['input', 'year']);
    const created = await server.gql(
      CreateScenarioDocument,
      { input: { nameZh: '示例数据智慧课堂场景', sector: 'SMART_EDUCATION', status: 'PLANNED', providerIds: [gid] } },
      editor,
    );
    const scenario = created.data!.createScenario.scenario!;
    expect(scenario).toMatchObject({ sector: { code: 'SMART_EDUCATION' }, providers: { totalCount: 1 }, version: 1 });
    const updated = await server.gql(UpdateScenarioDocument, { input: { id: scenario.id, expectedVersion: 1, status: 'DEPLOYED' } }, editor);
    expect(updated.data!.updateScenario.scenario).toMatchObject({ status: 'DEPLOYED', version: 2 });
    const deleted = await server.gql(DeleteScenarioDocument, { id: scenario.id }, editor);
    expect(deleted.data!.deleteScenario).toEqual({ deletedId: scenario.id, userErrors: [] });
  });

  it('large models: developers on create, status update, a developer cannot be deleted without detach, delete', async () => {
    const firm = (await server.gql(CreateEnterpriseDocument, { input: { nameZh: '大模型研发示例企业', layer: 'TECHNOLOGY' } }, editor)).data!.createEnterprise
      .enterprise!;
    const created = await server.gql(
      CreateLargeModelDocument,
      { input: { nameZh: '示例数据海洋大模型', domain: 'OCEAN', status: 'IN_DEVELOPMENT', developerIds: [firm.id], sectors: ['SMART_OCEAN'] } },
      editor,
    );
    const model = created.data!.createLargeModel.largeModel!;
    expect(model).toMatchObject({ version: 1, developers: { totalCount: 1 } });
    const released = await server.gql(
      UpdateLargeModelDocument,
      { input: { id: model.id, expectedVersion: 1, status: 'RELEASED', releasedYear: 2025 } },
      editor,
    );
    expect(released.data!.updateLargeModel.largeModel).toMatchObject({ status: 'RELEASED', version: 2 });
    const refused = await server.gql(DeleteEnterpriseDocument, { id: firm.id }, editor);
    expect(refused.data!.deleteEnterprise.userErrors[0].message).toContain('示例数据海洋大模型');
    const deleted = await server.gql(DeleteLargeModelDocument, { id: model.id }, editor);
    expect(deleted.data!.deleteLargeModel).toEqual({ deletedId: model.id, userErrors: [] });
    const firmDeleted = await server.gql(DeleteEnterpriseDocument, { id: firm.id }, editor);
    expect(firmDeleted.data!.deleteEnterprise.userErrors).toEqual([]);
  });
});

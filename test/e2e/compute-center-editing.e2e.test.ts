import { print } from 'graphql';
import {
  AuditLogDocument,
  ComputeCenterCapacitiesDocument,
  CreateComputeCenterDocument,
  CreateEnterpriseDocument,
  CreateVoucherGrantDocument,
  DeleteComputeCenterDocument,
  DeleteEnterpriseDocument,
  DeleteVoucherGrantDocument,
  IntelligentComputeTargetDocument,
  RemoveComputeCapacityDocument,
  SetComputeCapacityDocument,
  UpdateComputeCenterDocument,
  VoucherProgramsDocument,
  type SetComputeCapacityMutationVariables,
} from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');

/** Editor mutations for compute facilities and their capacities per kind (issue 13). */
describe('editing compute facilities and their capacities', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    editor = (await createTestKey(server, 'editor', '算力组')).headers;
    admin = (await createTestKey(server, 'admin', '管理员')).headers;
  });
  afterAll(() => server?.close());

  const count = async (text: string, params: unknown[] = []) => Number((await server.sql<{ n: number }>(text, params))[0].n);
  /** Everything a compute write could touch: rows, versions and audit entries. */
  const footprint = () =>
    server.sql(
      `select (select count(*) from compute_center)::int as centers, (select coalesce(sum(version), 0) from compute_center)::int as versions,
              (select count(*) from compute_capacity)::int as capacities, (select coalesce(sum(capacity_pflops), 0) from compute_capacity)::float8 as pflops,
              (select count(*) from audit_entry)::int as audits, (select count(*) from compute_voucher_grant where compute_center_id is null)::int as loose_grants`,
    );
  const plan = async () => {
    const res = await server.gql(IntelligentComputeTargetDocument);
    expect(res.errors).toBeUndefined();
    const all = [...res.data!.actionPlan.targets, ...res.data!.actionPlan.baselines];
    return { intelligent: all.find((t) => t.key === 'compute-2026')!, all: all.find((t) => t.key === 'baseline-compute-2023')! };
  };
  const setCapacity = (input: SetComputeCapacityMutationVariables['input']) => server.gql(SetComputeCapacityDocument, { input }, editor);

  it('creates, updates and deletes a facility, sets and removes capacities per kind, audited, and the plan follows', async () => {
    const [{ id: parkId }] = await server.sql<{ id: number }>(`select id from park where name_zh = '崂山区人工智能产业园'`);
    const before = await plan();
    const created = await server.gql(
      CreateComputeCenterDocument,
      {
        input: {
          nameZh: ' 测试智算中心 ',
          operatorZh: '测试运营单位',
          kind: 'INTELLIGENT',
          kindNote: '测试来源称其为智算中心。',
          inComputeNetwork: true,
          status: 'UNDER_CONSTRUCTION',
          parkId: gid('Park', parkId),
        },
      },
      editor,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createComputeCenter.userErrors).toEqual([]);
    const center = created.data!.createComputeCenter.computeCenter!;
    const [{ id: localId }] = await server.sql<{ id: number }>(`select id from compute_center where name_zh = '测试智算中心'`);
    expect(center.id).toBe(gid('ComputeCenter', localId));
    expect(center).toMatchObject({
      nameZh: '测试智算中心',
      kind: 'INTELLIGENT',
      inComputeNetwork: true,
      status: 'UNDER_CONSTRUCTION',
      version: 1,
      park: { nameZh: '崂山区人工智能产业园' },
      capacities: [],
      intelligent: null,
      provenance: { kind: 'USER_ENTERED', source: '算力组' },
    });

    // A figure with its own source; the facility is not operational yet, so the plan does not count it.
    const set = await setCapacity({
      computeCenterId: center.id,
      expectedVersion: 1,
      kind: 'INTELLIGENT',
      capacityPflops: 300,
      source: '测试新闻稿',
      sourceUrl: 'https://news.example.com/compute',
      note: 'FP16',
    });
    expect(set.data!.setComputeCapacity.userErrors).toEqual([]);
    const withFigure = set.data!.setComputeCapacity.computeCenter!;
    expect(withFigure).toMatchObject({ version: 2, intelligent: 300, provenance: { kind: 'USER_ENTERED', source: '算力组' } });
    expect(withFigure.capacities).toEqual([
      {
        kind: 'INTELLIGENT',
        capacityPflops: 300,
        provenance: { kind: 'USER_ENTERED', source: '测试新闻稿', url: 'https://news.example.com/compute', note: 'FP16', verifiedAt: expect.any(String) },
      },
    ]);
    expect((await plan()).intelligent.current).toBe(before.intelligent.current);

    // Operational: the intelligent target counts the figure; a GENERAL figure counts in 算力规模 only.
    const opened = await server.gql(
      UpdateComputeCenterDocument,
      { input: { id: center.id, expectedVersion: 2, status: 'OPERATIONAL', nameEn: 'Test AI Centre' } },
      editor,
    );
    expect(opened.data!.updateComputeCenter.computeCenter).toMatchObject({ status: 'OPERATIONAL', nameEn: 'Test AI Centre', version: 3 });
    await setCapacity({ computeCenterId: center.id, expectedVersion: 3, kind: 'GENERAL', capacityPflops: 40, source: '测试新闻稿' });
    let now = await plan();
    expect(now.intelligent.current).toBe(before.intelligent.current! + 300);
    expect(now.all.current).toBe(before.all.current! + 340);

    // Setting a kind again replaces its figure: one figure per kind, not a sum.
    const replaced = await setCapacity({ computeCenterId: center.id, expectedVersion: 4, kind: 'INTELLIGENT', capacityPflops: 320.5, source: '测试年报' });
    expect(replaced.data!.setComputeCapacity.computeCenter).toMatchObject({ version: 5, intelligent: 320.5 });
    expect(await count(`select count(*)::int as n from compute_capacity where compute_center_id = $1 and kind = 'INTELLIGENT'`, [localId])).toBe(1);
    now = await plan();
    expect(now.intelligent.current).toBe(before.intelligent.current! + 320.5);
    // The same figure again changes nothing: no version, no audit entry.
    const same = await setCapacity({ computeCenterId: center.id, expectedVersion: 5, kind: 'INTELLIGENT', capacityPflops: 320.5, source: '测试年报' });
    expect(same.data!.setComputeCapacity.computeCenter).toMatchObject({ version: 5 });

    const removed = await server.gql(RemoveComputeCapacityDocument, { input: { computeCenterId: center.id, expectedVersion: 5, kind: 'INTELLIGENT' } }, editor);
    expect(removed.data!.removeComputeCapacity.computeCenter).toMatchObject({
      version: 6,
      intelligent: null,
      capacities: [{ kind: 'GENERAL', capacityPflops: 40 }],
    });
    expect((await plan()).intelligent.current).toBe(before.intelligent.current);
    const again = await server.gql(RemoveComputeCapacityDocument, { input: { computeCenterId: center.id, expectedVersion: 6, kind: 'INTELLIGENT' } }, editor);
    expect(again.data!.removeComputeCapacity).toMatchObject({ computeCenter: null, userErrors: [{ field: ['input', 'kind'], code: 'NOT_FOUND' }] });

    // Clearing: kind unknown again (with why), out of the park, membership unknown.
    const cleared = await server.gql(
      UpdateComputeCenterDocument,
      { input: { id: center.id, expectedVersion: 6, kind: null, kindNote: '来源未说明类别。', parkId: null, inComputeNetwork: null } },
      editor,
    );
    expect(cleared.data!.updateComputeCenter.computeCenter).toMatchObject({ kind: null, park: null, inComputeNetwork: null, version: 7 });

    const history = await server.gql(AuditLogDocument, { recordId: center.id }, admin);
    const entries = history.data!.auditLog.edges.map((e) => e.node);
    expect(entries.map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE']);
    expect(entries.every((e) => e.actorName === '算力组' && e.recordType === 'ComputeCenter')).toBe(true);
    expect(entries[0].changes).toMatchObject({ nameZh: { before: null, after: '测试智算中心' }, kind: { after: 'INTELLIGENT' }, parkId: { after: parkId } });
    expect(entries[1].changes.capacities).toEqual({
      before: null,
      after: [
        {
          kind: 'INTELLIGENT',
          capacityPflops: 300,
          provenanceKind: 'USER_ENTERED',
          source: '测试新闻稿',
          url: 'https://news.example.com/compute',
          note: 'FP16',
        },
      ],
    });
    expect(entries[4].changes.capacities).toMatchObject({ before: [{ capacityPflops: 300 }], after: [{ capacityPflops: 320.5, source: '测试年报' }] });
    expect(entries[5].changes.capacities).toMatchObject({ before: [{ kind: 'INTELLIGENT', capacityPflops: 320.5 }], after: null });

    // A grant redeemed here refuses the delete, and nothing is written.
    const firm = (await server.gql(CreateEnterpriseDocument, { input: { nameZh: '算力中心测试企业（示例）', layer: 'APPLICATION' } }, editor)).data!
      .createEnterprise.enterprise!;
    const program = (await server.gql(VoucherProgramsDocument, {})).data!.computeVoucherPrograms.edges[0].node;
    const grant = (
      await server.gql(
        CreateVoucherGrantDocument,
        { input: { programId: program.id, enterpriseId: firm.id, computeCenterId: center.id, amountYuan: 5000 } },
        editor,
      )
    ).data!.createComputeVoucherGrant.computeVoucherGrant!;
    const untouched = await footprint();
    const refused = await server.gql(DeleteComputeCenterDocument, { input: { id: center.id } }, editor);
    expect(refused.data!.deleteComputeCenter.deletedId).toBeNull();
    expect(refused.data!.deleteComputeCenter.userErrors).toEqual([
      { field: ['input', 'id'], code: 'HAS_DEPENDANTS', message: expect.stringContaining('算力中心测试企业（示例） 5000.00元') },
    ]);
    expect(await footprint()).toEqual(untouched);

    // detach: the grant stays without a facility; the capacities go with the facility, into its audit entry.
    const deleted = await server.gql(DeleteComputeCenterDocument, { input: { id: center.id, detach: true } }, editor);
    expect(deleted.data!.deleteComputeCenter).toEqual({ deletedId: center.id, userErrors: [] });
    expect(await count('select count(*)::int as n from compute_center where id = $1', [localId])).toBe(0);
    expect(await count('select count(*)::int as n from compute_capacity where compute_center_id = $1', [localId])).toBe(0);
    expect(await count('select count(*)::int as n from compute_voucher_grant where compute_center_id is null and amount_yuan = 5000')).toBe(1);
    const gone = (await server.gql(AuditLogDocument, { recordId: center.id }, admin)).data!.auditLog.edges.at(-1)!.node;
    expect(gone.action).toBe('DELETE');
    expect(gone.changes).toMatchObject({
      nameZh: { before: '测试智算中心', after: null },
      capacities: { before: [{ kind: 'GENERAL', capacityPflops: 40, source: '测试新闻稿' }], after: null },
      computeVoucherGrants: { before: [grant.id], after: null },
    });
    expect((await server.gql(ComputeCenterCapacitiesDocument, { id: center.id })).data!.node).toBeNull();

    await server.gql(DeleteVoucherGrantDocument, { input: { id: grant.id } }, editor);
    await server.gql(DeleteEnterpriseDocument, { id: firm.id }, editor);
  });

  it('of two edits from the same version exactly one is written; the other gets CONFLICT with the version to re-read', async () => {
    const center = (await server.gql(CreateComputeCenterDocument, { input: { nameZh: '并发测试算力中心', status: 'OPERATIONAL' } }, editor)).data!
      .createComputeCenter.computeCenter!;
    const [a, b] = await Promise.all([
      setCapacity({ computeCenterId: center.id, expectedVersion: 1, kind: 'EDGE', capacityPflops: 1, source: '甲' }),
      server.gql(UpdateComputeCenterDocument, { input: { id: center.id, expectedVersion: 1, nameEn: 'Concurrency test' } }, editor),
    ]);
    const outcomes = [a.data!.setComputeCapacity, b.data!.updateComputeCenter];
    expect(outcomes.filter((o) => o.userErrors.length === 0)).toHaveLength(1);
    const loser = outcomes.find((o) => o.userErrors.length > 0)!;
    expect(loser.computeCenter).toBeNull();
    expect(loser.userErrors).toEqual([expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'CONFLICT', currentVersion: 2 })]);

    // Two capacity edits from one version: the same.
    const [c, d] = await Promise.all([
      setCapacity({ computeCenterId: center.id, expectedVersion: 2, kind: 'EDGE', capacityPflops: 2, source: '乙' }),
      setCapacity({ computeCenterId: center.id, expectedVersion: 2, kind: 'EDGE', capacityPflops: 3, source: '丙' }),
    ]);
    const pair = [c.data!.setComputeCapacity, d.data!.setComputeCapacity];
    expect(pair.map((o) => o.userErrors.map((e) => e.code)).sort()).toEqual([[], ['CONFLICT']]);
    const winner = pair.find((o) => o.userErrors.length === 0)!.computeCenter!;
    const read = await server.gql(ComputeCenterCapacitiesDocument, { id: center.id });
    expect(read.data!.node).toMatchObject({ version: 3, capacities: [{ kind: 'EDGE', capacityPflops: winner.capacities[0].capacityPflops }] });
    const stale = await server.gql(RemoveComputeCapacityDocument, { input: { computeCenterId: center.id, expectedVersion: 2, kind: 'EDGE' } }, editor);
    expect(stale.data!.removeComputeCapacity.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 3 })]);
    expect((await server.gql(DeleteComputeCenterDocument, { input: { id: center.id } }, editor)).data!.deleteComputeCenter.userErrors).toEqual([]);
  });

  it('capacities set on a sample facility never count towards the plan, and the facility stays sample', async () => {
    const [{ id }] = await server.sql<{ id: number }>(
      `insert into compute_center (name_zh, name_en, status, kind, provenance_kind, provenance_source)
       values ('演示智算中心（示例）', 'Demo AI computing centre (sample)', 'OPERATIONAL', 'INTELLIGENT', 'SAMPLE', 'sample') returning id`,
    );
    try {
      const before = await plan();
      const res = await setCapacity({
        computeCenterId: gid('ComputeCenter', id),
        expectedVersion: 1,
        kind: 'INTELLIGENT',
        capacityPflops: 9000,
        source: '某报道',
      });
      expect(res.data!.setComputeCapacity.computeCenter).toMatchObject({ version: 2, intelligent: 9000, provenance: { kind: 'SAMPLE' } });
      const after = await plan();
      expect(after.intelligent.current).toBe(before.intelligent.current);
      expect(after.all.current).toBe(before.all.current);
      expect(after.intelligent.sampleRecords).toBe(before.intelligent.sampleRecords + 1);
    } finally {
      await server.sql('delete from compute_center where id = $1', [id]);
    }
  });

  it('refuses bad input with userErrors or a coded error, and writes nothing', async () => {
    const [{ id: sugonId }] = await server.sql<{ id: number }>(`select id from compute_center where name_zh like '中科曙光%'`);
    const sugon = gid('ComputeCenter', sugonId);
    const [{ version }] = await server.sql<{ version: number }>('select version from compute_center where id = $1', [sugonId]);
    const before = await footprint();
    const base = { computeCenterId: sugon, expectedVersion: Number(version), kind: 'INTELLIGENT' as const, capacityPflops: 10, source: '来源' };
    const capacityCases: Array<[Record<string, unknown>, string, string]> = [
      [{ capacityPflops: -1 }, 'input.capacityPflops', 'BAD_USER_INPUT'],
      [{ capacityPflops: 1e6 }, 'input.capacityPflops', 'BAD_USER_INPUT'],
      [{ source: '  ' }, 'input.source', 'BAD_USER_INPUT'],
      [{ sourceUrl: 'ftp://files.example.com/x' }, 'input.sourceUrl', 'BAD_USER_INPUT'],
      [{ computeCenterId: gid('ComputeCenter', 999999) }, 'input.computeCenterId', 'NOT_FOUND'],
      [{ computeCenterId: gid('Park', sugonId) }, 'input.computeCenterId', 'BAD_USER_INPUT'],
      [{ expectedVersion: Number(version) + 5 }, 'input.expectedVersion', 'CONFLICT'],
    ];
    for (const [change, field, code] of capacityCases) {
      const res = await setCapacity({ ...base, ...change } as never);
      expect(res.errors).toBeUndefined();
      expect([change, res.data!.setComputeCapacity.computeCenter]).toEqual([change, null]);
      expect([change, res.data!.setComputeCapacity.userErrors.map((e) => [e.field.join('.'), e.code])]).toEqual([change, [[field, code]]]);
    }
    const unknownCenter = await server.gql(
      RemoveComputeCapacityDocument,
      { input: { computeCenterId: gid('ComputeCenter', 999999), expectedVersion: 1, kind: 'GENERAL' } },
      editor,
    );
    expect(unknownCenter.data!.removeComputeCapacity.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);

    // An unknown kind and a non-finite figure cannot even be sent: GraphQL refuses them with a code.
    const unknownKind = await setCapacity({ ...base, kind: 'QUANTUM' } as never);
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const infinite = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...editor },
      body: `{"query": ${JSON.stringify(print(SetComputeCapacityDocument))}, "variables": {"input": ${JSON.stringify(base).replace('"capacityPflops":10', '"capacityPflops":1e999')}}}`,
    });
    expect(infinite.status).toBe(400);
    expect(((await infinite.json()) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);

    // The facility's own fields.
    const badCreate = await server.gql(
      CreateComputeCenterDocument,
      { input: { nameZh: ' ', status: 'PLANNED', kind: 'EDGE', parkId: gid('Park', 999999), description: 'x'.repeat(6000) } },
      editor,
    );
    expect(badCreate.data!.createComputeCenter.userErrors.map((e) => [e.field.join('.'), e.code]).sort()).toEqual([
      ['input.description', 'BAD_USER_INPUT'],
      ['input.kindNote', 'BAD_USER_INPUT'],
      ['input.nameZh', 'BAD_USER_INPUT'],
      ['input.parkId', 'NOT_FOUND'],
    ]);
    const badUpdate = await server.gql(
      UpdateComputeCenterDocument,
      { input: { id: sugon, expectedVersion: Number(version), status: null, kind: 'GENERAL' } },
      editor,
    );
    expect(badUpdate.data!.updateComputeCenter.userErrors.map((e) => e.field.join('.')).sort()).toEqual(['input.kindNote', 'input.status']);
    const missing = await server.gql(DeleteComputeCenterDocument, { input: { id: gid('ComputeCenter', 999999) } }, editor);
    expect(missing.data!.deleteComputeCenter.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);

    // Readers cannot write.
    const anonymous = await server.gql(SetComputeCapacityDocument, { input: base });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const reader = (await createTestKey(server, 'reader', '只读')).headers;
    const forbidden = await server.gql(CreateComputeCenterDocument, { input: { nameZh: '只读', status: 'PLANNED' } }, reader);
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    expect(await footprint()).toEqual(before);
  });
});

describe('compute facility edits in the response cache', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ responseCache: true, responseCacheTtlSeconds: 30 });
    editor = (await createTestKey(server, 'editor', '算力组')).headers;
  });
  afterAll(() => server?.close());

  it('the next anonymous read of the facility and of the plan shows the new figure, not the cached one', async () => {
    const [{ id }] = await server.sql<{ id: number }>(`select id from compute_center where name_zh like '中科曙光%'`);
    const sugon = gid('ComputeCenter', id);
    const first = await server.gql(ComputeCenterCapacitiesDocument, { id: sugon });
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect((await server.gql(ComputeCenterCapacitiesDocument, { id: sugon })).headers.get('x-cache')).toBe('HIT');
    const planFirst = await server.gql(IntelligentComputeTargetDocument);
    expect((await server.gql(IntelligentComputeTargetDocument)).headers.get('x-cache')).toBe('HIT');
    const target = (res: typeof planFirst) => res.data!.actionPlan.targets.find((t) => t.key === 'compute-2026')!.current;

    const node = first.data!.node as { version: number; intelligent: number | null };
    expect(node.intelligent).toBe(150);
    const set = await server.gql(
      SetComputeCapacityDocument,
      { input: { computeCenterId: sugon, expectedVersion: node.version, kind: 'INTELLIGENT', capacityPflops: 180, source: '测试：二期投运报道' } },
      editor,
    );
    expect(set.data!.setComputeCapacity.userErrors).toEqual([]);

    const after = await server.gql(ComputeCenterCapacitiesDocument, { id: sugon });
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.data!.node).toMatchObject({ intelligent: 180, version: node.version + 1 });
    const planAfter = await server.gql(IntelligentComputeTargetDocument);
    expect(planAfter.headers.get('x-cache')).toBe('MISS');
    expect(target(planAfter)).toBe(target(planFirst)! + 30);

    const renamed = await server.gql(
      UpdateComputeCenterDocument,
      { input: { id: sugon, expectedVersion: node.version + 1, nameEn: 'Renamed in test' } },
      editor,
    );
    expect(renamed.data!.updateComputeCenter.userErrors).toEqual([]);
    const third = await server.gql(ComputeCenterCapacitiesDocument, { id: sugon });
    expect(third.headers.get('x-cache')).toBe('MISS');
    expect(third.data!.node).toMatchObject({ nameEn: 'Renamed in test' });
  });
});

import {
  ActionPlanFullDocument,
  AuditLogDocument,
  ComputeCenterGrantsDocument,
  ComputeByKindDocument,
  ComputeCentersByKindDocument,
  FirmVouchersDocument,
  CreateEnterpriseDocument,
  CreateVoucherGrantDocument,
  CreateVoucherProgramDocument,
  DeleteEnterpriseDocument,
  DeleteVoucherGrantDocument,
  DeleteVoucherProgramDocument,
  FirmsWithVouchersDocument,
  SearchComputeCentersDocument,
  UpdateVoucherGrantDocument,
  UpdateVoucherProgramDocument,
  VoucherGrantsDocument,
  VoucherProgramsDocument,
  VoucherTotalsDocument,
  type ComputeCentersByKindQueryVariables,
} from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { startTestServer, TestServer } from '../helpers/test-server';

const EVIDENCE = `('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'USER_ENTERED')`;

/** Compute facilities by kind, the plan's compute figures, and 算力券 programmes and grants (issue 13). */
describe('compute by kind and compute vouchers', () => {
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
  const centers = async (variables: ComputeCentersByKindQueryVariables) => {
    const res = await server.gql(ComputeCentersByKindDocument, { first: 50, ...variables });
    expect(res.errors).toBeUndefined();
    return res.data!.computeCenters;
  };
  const firmId = async (nameZh: string) => (await server.sql<{ id: number }>('select id from enterprise where name_zh = $1', [nameZh]))[0].id;
  const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');

  it('gives each seeded facility the kind its source states, and none where no source does', async () => {
    const all = await centers({});
    const byName = new Map(all.edges.map((e) => [e.node.nameZh, e.node]));
    const sugon = byName.get('中科曙光“海之心”人工智能计算中心')!;
    expect(sugon).toMatchObject({ kind: 'INTELLIGENT', inComputeNetwork: null, intelligent: 150, total: 150, capacityPflops: 150 });
    expect(sugon.kindNote).toContain('智算中心');
    expect(sugon.capacities).toEqual([
      expect.objectContaining({ kind: 'INTELLIGENT', capacityPflops: 150, provenance: expect.objectContaining({ kind: 'PUBLIC_SOURCE' }) }),
    ]);
    // The hybrid platform: the plan does not say which kinds it mixes.
    const ocean = byName.get('海洋高性能混合算力平台')!;
    expect(ocean).toMatchObject({ kind: null, capacities: [], total: null, intelligent: null });
    expect(ocean.kindNote).toContain('unknown');
    // No source says which facility is in the 算力“一张网”.
    expect(all.edges.every((e) => e.node.inComputeNetwork === null)).toBe(true);
    expect(all.edges.every((e) => e.node.version >= 1)).toBe(true);

    const intelligent = await centers({ filter: { kinds: ['INTELLIGENT'] } });
    expect(intelligent.totalCount).toBe(await count(`select count(*)::int as n from compute_center where kind = 'INTELLIGENT'`));
    expect(intelligent.edges.map((e) => e.node.nameZh)).not.toContain('海洋高性能混合算力平台');
    expect((await centers({ filter: { kinds: ['SUPERCOMPUTING', 'EDGE'] } })).totalCount).toBe(0);
    expect((await centers({ filter: { not: { kinds: ['INTELLIGENT'] } } })).edges.map((e) => e.node.nameZh)).toEqual(['海洋高性能混合算力平台']);
    expect((await centers({ filter: { inComputeNetwork: true } })).totalCount).toBe(0);
  });

  it('filters and orders by kind, network membership and capacity, pages both ways', async () => {
    // A mixed facility entered later: capacity of two kinds, in the network.
    const [{ id }] = await server.sql<{ id: number }>(
      `insert into compute_center (name_zh, status, kind, in_compute_network, provenance_kind, provenance_source, provenance_verified_at)
       values ('混合算力测试中心', 'OPERATIONAL', 'SUPERCOMPUTING', true, 'USER_ENTERED', 'test', current_date) returning id`,
    );
    try {
      await server.sql(
        `insert into compute_capacity (compute_center_id, kind, capacity_pflops, provenance_kind, provenance_source) values
         ($1, 'SUPERCOMPUTING', 40, 'USER_ENTERED', 'test'), ($1, 'INTELLIGENT', 60, 'USER_ENTERED', 'test'), ($1, null, 5, 'USER_ENTERED', 'test')`,
        [id],
      );
      const mixed = (await centers({ filter: { inComputeNetwork: true } })).edges.map((e) => e.node);
      expect(mixed).toHaveLength(1);
      expect(mixed[0]).toMatchObject({ kind: 'SUPERCOMPUTING', intelligent: 60, total: 105, capacityPflops: 60 });
      // Matched by a capacity of the kind, not only by its main kind.
      expect((await centers({ filter: { kinds: ['INTELLIGENT'], inComputeNetwork: true } })).totalCount).toBe(1);
      expect((await centers({ filter: { inComputeNetwork: false } })).totalCount).toBe(0);

      const byKind = await centers({ orderBy: { field: 'KIND' } });
      const kinds = byKind.edges.map((e) => e.node.kind);
      expect(kinds.at(-1)).toBeNull();
      expect(kinds.indexOf('SUPERCOMPUTING')).toBeGreaterThan(kinds.lastIndexOf('INTELLIGENT'));
      const desc = await centers({ orderBy: { field: 'KIND', direction: 'DESC' } });
      expect(desc.edges[0].node.kind).toBe('SUPERCOMPUTING');
      expect(desc.edges.at(-1)!.node.kind).toBeNull();

      const byCapacity = (await centers({ orderBy: { field: 'TOTAL_CAPACITY', direction: 'DESC' } })).edges.map((e) => e.node.total);
      const known = byCapacity.filter((t): t is number => t !== null);
      expect(known).toEqual([...known].sort((a, b) => b - a));
      expect(byCapacity.slice(known.length).every((t) => t === null)).toBe(true);

      // Keyset pages of one: the same sequence as the whole list.
      const whole = (await centers({ orderBy: { field: 'IN_COMPUTE_NETWORK' } })).edges.map((e) => e.node.id);
      expect(whole[0]).toBe(gid('ComputeCenter', id));
      const paged: string[] = [];
      let after: string | null | undefined = null;
      do {
        const page = await centers({ orderBy: { field: 'IN_COMPUTE_NETWORK' }, first: 2, after });
        paged.push(...page.edges.map((e) => e.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(paged).toEqual(whole);

      // The plan counts its intelligent capacity only, and all of it in the all-compute figure.
      const plan = await server.gql(ActionPlanFullDocument);
      const byKey = new Map([...plan.data!.actionPlan.targets, ...plan.data!.actionPlan.baselines].map((t) => [t.key, t]));
      expect(byKey.get('compute-2026')!.current).toBe(150 + 100 + 60);
      expect(byKey.get('baseline-compute-2023')!.current).toBe(150 + 100 + 105);
    } finally {
      await server.sql('delete from compute_center where id = $1', [id]);
    }
  });

  it('intelligent-compute targets count intelligent capacity of operational facilities resting on evidence, never sample ones', async () => {
    const sum = async (kind: string | null) =>
      count(
        `select coalesce(sum(cap.capacity_pflops), 0)::float8 as n from compute_capacity cap join compute_center cc on cc.id = cap.compute_center_id
          where cc.status = 'OPERATIONAL' and cap.provenance_kind in ${EVIDENCE} and cc.provenance_kind not in ('SAMPLE', 'SYNTHETIC')
          ${kind ? `and cap.kind = '${kind}'` : ''}`,
      );
    const read = async () => {
      const res = await server.gql(ActionPlanFullDocument);
      return new Map([...res.data!.actionPlan.targets, ...res.data!.actionPlan.baselines].map((t) => [t.key, t]));
    };
    let byKey = await read();
    // The Dayou centre's 600P is planned: it does not count.
    expect(byKey.get('compute-2026')).toMatchObject({ current: 250, metric: 'INTELLIGENT_COMPUTE_PFLOPS' });
    expect(byKey.get('compute-2026')!.current).toBe(await sum('INTELLIGENT'));
    expect(byKey.get('baseline-compute-2023')).toMatchObject({ current: await sum(null), metric: 'ALL_COMPUTE_PFLOPS', progress: null, met: null });

    const [{ id }] = await server.sql<{ id: number }>(
      `insert into compute_center (name_zh, name_en, status, kind, provenance_kind, provenance_source)
       values ('示例智算中心（示例）', 'Sample AI computing centre (sample)', 'OPERATIONAL', 'INTELLIGENT', 'SAMPLE', 'sample') returning id`,
    );
    try {
      // Even a figure citing a source does not count on an invented facility.
      await server.sql(
        `insert into compute_capacity (compute_center_id, kind, capacity_pflops, provenance_kind, provenance_source) values ($1, 'INTELLIGENT', 5000, 'PUBLIC_SOURCE', 'x'), ($1, 'GENERAL', 700, 'SAMPLE', 'sample')`,
        [id],
      );
      byKey = await read();
      expect(byKey.get('compute-2026')!.current).toBe(250);
      expect(byKey.get('compute-2026')!.sampleRecords).toBeGreaterThanOrEqual(1);
      expect(byKey.get('baseline-compute-2023')!.current).toBe(250);
      // General capacity of a real facility counts in 算力规模 but not in 智能算力.
      await server.sql(`update compute_center set provenance_kind = 'USER_ENTERED' where id = $1`, [id]);
      await server.sql(`update compute_capacity set provenance_kind = 'USER_ENTERED' where compute_center_id = $1 and kind = 'GENERAL'`, [id]);
      await server.sql(`delete from compute_capacity where compute_center_id = $1 and kind = 'INTELLIGENT'`, [id]);
      byKey = await read();
      expect(byKey.get('compute-2026')!.current).toBe(250);
      expect(byKey.get('baseline-compute-2023')!.current).toBe(950);
    } finally {
      await server.sql('delete from compute_center where id = $1', [id]);
    }
  });

  it('search finds compute facilities (Chinese, pinyin), and only them when asked', async () => {
    for (const q of ['曙光', 'shuguang', '海之心']) {
      const res = await server.gql(SearchComputeCentersDocument, { q });
      expect(res.errors).toBeUndefined();
      const names = res.data!.search.edges.map((e) => ('nameZh' in e.node ? e.node.nameZh : null));
      expect([q, names]).toEqual([q, expect.arrayContaining(['中科曙光“海之心”人工智能计算中心'])]);
    }
    const only = await server.gql(SearchComputeCentersDocument, { q: '计算中心', types: ['COMPUTE_CENTER'] });
    expect(only.data!.search.totalCount).toBeGreaterThanOrEqual(2);
    expect(only.data!.search.edges.every((e) => e.node.__typename === 'ComputeCenter')).toBe(true);
  });

  it('lists the seeded programmes and sample grants: the plan-cited programme states no year or budget, samples say so', async () => {
    const res = await server.gql(VoucherProgramsDocument, { orderBy: { field: 'YEAR' } });
    expect(res.errors).toBeUndefined();
    const programs = res.data!.computeVoucherPrograms.edges.map((e) => e.node);
    const cited = programs.find((p) => p.nameZh === '青岛市算力券（每年发放）')!;
    expect(cited).toMatchObject({ year: null, totalBudgetYuan: null, issuerZh: '青岛市', grants: { totalCount: 0 } });
    expect(cited.provenance).toMatchObject({ kind: 'PUBLIC_SOURCE', url: 'https://m.163.com/news/article/J31AG3FG05148U2B.html' });
    expect(cited.rules).toContain('算力券');
    // Year order: standing programmes (no year) last.
    expect(programs.at(-1)!.year).toBeNull();
    const sample = programs.find((p) => p.provenance.kind === 'SAMPLE')!;
    expect(sample.nameZh).toMatch(/（示例）$/);
    expect(sample.nameEn).toMatch(/\(sample\)$/);
    expect(sample.grants.totalCount).toBeGreaterThan(0);

    const grants = await server.gql(VoucherGrantsDocument, { first: 50 });
    const nodes = grants.data!.computeVoucherGrants.edges.map((e) => e.node);
    expect(nodes.length).toBe(await count('select count(*)::int as n from compute_voucher_grant'));
    for (const g of nodes) {
      expect(g.provenance.kind).toBe('SAMPLE');
      expect(g.enterprise.nameZh).toMatch(/（示例）$/);
    }
  });

  it("a firm's grants, grants by park and sector, and totals per year summed by the database", async () => {
    const lanxi = await firmId('澜析智能科技（青岛）有限公司（示例）');
    const firms = await server.gql(FirmsWithVouchersDocument, { first: 100 });
    expect(firms.errors).toBeUndefined();
    const firm = firms.data!.enterprises.edges.find((e) => e.node.id === gid('Enterprise', lanxi))!.node;
    expect(firm.computeVoucherGrants).toMatchObject({ totalCount: 1, edges: [{ node: { amountYuan: 200000, program: { nameZh: '2025年算力券（示例）' } } }] });
    // One statement per nesting level, whatever the number of firms.
    const small = await server.gql(FirmsWithVouchersDocument, { first: 2 });
    expect(small.headers.get('x-sql-statements')).toBe(firms.headers.get('x-sql-statements'));

    const sector = await server.gql(VoucherGrantsDocument, { filter: { sectors: ['HEALTH_ELDERLY_CARE'] }, first: 50 });
    expect(sector.data!.computeVoucherGrants.totalCount).toBe(
      await count(
        `select count(*)::int as n from compute_voucher_grant g where exists (select 1 from enterprise_sector s where s.enterprise_id = g.enterprise_id and s.sector_code = 'HEALTH_ELDERLY_CARE')`,
      ),
    );
    expect(sector.data!.computeVoucherGrants.totalCount).toBeGreaterThan(0);
    const [{ id: westCoast }] = await server.sql<{ id: number }>(`select id from park where name_zh = '西海岸新区光谷软件园'`);
    const park = await server.gql(VoucherGrantsDocument, { filter: { parkIds: [gid('Park', westCoast)] }, first: 50 });
    expect(park.data!.computeVoucherGrants.edges.map((e) => e.node.enterprise.nameZh).sort()).toEqual(
      (
        await server.sql<{ name_zh: string }>(
          `select e.name_zh from compute_voucher_grant g join enterprise e on e.id = g.enterprise_id join enterprise_park ep on ep.enterprise_id = e.id where ep.park_id = $1`,
          [westCoast],
        )
      )
        .map((r) => r.name_zh)
        .sort(),
    );

    const byAmount = await server.gql(VoucherGrantsDocument, { orderBy: { field: 'AMOUNT', direction: 'DESC' }, first: 50 });
    const amounts = byAmount.data!.computeVoucherGrants.edges.map((e) => e.node.amountYuan);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const byDate = await server.gql(VoucherGrantsDocument, { orderBy: { field: 'GRANTED_ON' }, first: 50 });
    expect(byDate.data!.computeVoucherGrants.edges.at(-1)!.node.grantedOn).toBeNull();

    const totals = await server.gql(VoucherTotalsDocument, {});
    expect(totals.errors).toBeUndefined();
    const expected = await server.sql<{ year: number; grants: number; firms: number; amount: string }>(
      `select coalesce(extract(year from g.granted_on)::int, p.year) as year, count(*)::int as grants, count(distinct g.enterprise_id)::int as firms, sum(g.amount_yuan)::text as amount
         from compute_voucher_grant g join compute_voucher_program p on p.id = g.program_id group by 1 order by 1`,
    );
    expect(totals.data!.computeVoucherTotals).toEqual(
      expected.map((r) => ({
        year: r.year === null ? null : Number(r.year),
        grantCount: Number(r.grants),
        firmCount: Number(r.firms),
        amountYuan: Number(r.amount),
        sampleGrantCount: Number(r.grants),
        nonSampleAmountYuan: 0,
      })),
    );
    expect(totals.data!.computeVoucherTotals.find((t) => t.year === 2025)!.amountYuan).toBe(850000.5);
    const none = await server.gql(VoucherTotalsDocument, { filter: { year: { from: 2030 } } });
    expect(none.data!.computeVoucherTotals).toEqual([]);
  });

  it('the contract operations ComputeByKind and FirmVouchers run as third-party apps send them', async () => {
    const byKind = await server.gql(ComputeByKindDocument, { kinds: ['INTELLIGENT'] });
    expect(byKind.errors).toBeUndefined();
    const nodes = byKind.data!.computeCenters.edges.map((e) => e.node);
    expect(byKind.data!.computeCenters.totalCount).toBe(await count(`select count(*)::int as n from compute_center where kind = 'INTELLIGENT'`));
    expect(nodes.every((n) => n.kind === 'INTELLIGENT')).toBe(true);
    // Largest first: the planned 600P Dayou centre, then 曙光 150P, then 100P; unknown capacities last.
    expect(nodes.slice(0, 3).map((n) => n.capacities.reduce((sum, c) => sum + c.capacityPflops, 0))).toEqual([600, 150, 100]);
    expect(nodes.at(-1)!.capacities).toEqual([]);
    expect(nodes[1].park).toMatchObject({ nameZh: '崂山区人工智能产业园' });

    const xiheng = gid('Enterprise', await firmId('青岛汐衡算力科技有限公司（示例）'));
    const firm = await server.gql(FirmVouchersDocument, { id: xiheng });
    expect(firm.errors).toBeUndefined();
    expect(firm.data!.node).toMatchObject({
      id: xiheng,
      computeVoucherGrants: {
        totalCount: 1,
        edges: [
          { node: { amountYuan: 300000, grantedOn: '2025-04-02', program: { nameZh: '2025年算力券（示例）', year: 2025 }, provenance: { kind: 'SAMPLE' } } },
        ],
      },
    });
  });

  it('editors create, update and delete programmes and grants, audited, with optimistic concurrency', async () => {
    const created = await server.gql(
      CreateVoucherProgramDocument,
      { input: { nameZh: ' 2026年算力券测试 ', year: 2026, totalBudgetYuan: 5000000, issuerZh: '测试单位' } },
      editor,
    );
    expect(created.data!.createComputeVoucherProgram.userErrors).toEqual([]);
    const program = created.data!.createComputeVoucherProgram.computeVoucherProgram!;
    expect(program).toMatchObject({
      nameZh: '2026年算力券测试',
      year: 2026,
      totalBudgetYuan: 5000000,
      version: 1,
      provenance: { kind: 'USER_ENTERED', source: '算力组' },
    });

    const firm = (await server.gql(CreateEnterpriseDocument, { input: { nameZh: '算力券测试企业', layer: 'APPLICATION' } }, editor)).data!.createEnterprise
      .enterprise!;
    const [{ id: sugon }] = await server.sql<{ id: number }>(`select id from compute_center where name_zh like '中科曙光%'`);
    const grant = await server.gql(
      CreateVoucherGrantDocument,
      { input: { programId: program.id, enterpriseId: firm.id, computeCenterId: gid('ComputeCenter', sugon), amountYuan: 12345.67, grantedOn: '2026-02-03' } },
      editor,
    );
    expect(grant.errors).toBeUndefined();
    expect(grant.data!.createComputeVoucherGrant.userErrors).toEqual([]);
    const g = grant.data!.createComputeVoucherGrant.computeVoucherGrant!;
    expect(g).toMatchObject({
      amountYuan: 12345.67,
      grantedOn: '2026-02-03',
      program: { id: program.id },
      enterprise: { id: firm.id },
      computeCenter: { nameZh: '中科曙光“海之心”人工智能计算中心' },
      version: 1,
    });
    const atCenter = await server.gql(ComputeCenterGrantsDocument, { id: gid('ComputeCenter', sugon) });
    expect(atCenter.data!.node).toMatchObject({ computeVoucherGrants: { totalCount: 1, edges: [{ node: { id: g.id } }] } });

    const moved = await server.gql(UpdateVoucherGrantDocument, { input: { id: g.id, expectedVersion: 1, amountYuan: 20000, computeCenterId: null } }, editor);
    expect(moved.data!.updateComputeVoucherGrant.computeVoucherGrant).toMatchObject({ amountYuan: 20000, computeCenter: null, version: 2 });
    const stale = await server.gql(UpdateVoucherGrantDocument, { input: { id: g.id, expectedVersion: 1, amountYuan: 1 } }, editor);
    expect(stale.data!.updateComputeVoucherGrant.userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const staleProgram = await server.gql(UpdateVoucherProgramDocument, { input: { id: program.id, expectedVersion: 7, year: 2025 } }, editor);
    expect(staleProgram.data!.updateComputeVoucherProgram.userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });

    // A programme with grants is not deleted; a firm with grants only with detach, which removes them.
    const refused = await server.gql(DeleteVoucherProgramDocument, { input: { id: program.id } }, editor);
    expect(refused.data!.deleteComputeVoucherProgram.userErrors[0]).toMatchObject({ code: 'HAS_DEPENDANTS' });
    expect(refused.data!.deleteComputeVoucherProgram.userErrors[0].message).toContain('算力券测试企业');
    const firmRefused = await server.gql(DeleteEnterpriseDocument, { id: firm.id }, editor);
    expect(firmRefused.data!.deleteEnterprise.userErrors[0]).toMatchObject({ code: 'HAS_DEPENDANTS' });
    expect(await count('select count(*)::int as n from compute_voucher_grant where enterprise_id = $1', [await firmId('算力券测试企业')])).toBe(1);

    const gone = await server.gql(DeleteVoucherGrantDocument, { input: { id: g.id } }, editor);
    expect(gone.data!.deleteComputeVoucherGrant).toEqual({ deletedId: g.id, userErrors: [] });
    const deleted = await server.gql(DeleteVoucherProgramDocument, { input: { id: program.id } }, editor);
    expect(deleted.data!.deleteComputeVoucherProgram).toEqual({ deletedId: program.id, userErrors: [] });

    const history = await server.gql(AuditLogDocument, { recordId: g.id }, admin);
    expect(history.data!.auditLog.edges.map((e) => e.node.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    await server.gql(DeleteEnterpriseDocument, { id: firm.id }, editor);
  });

  it('refuses bad input with userErrors and writes nothing', async () => {
    const before = await count(
      'select (select count(*) from compute_voucher_grant) + (select count(*) from compute_voucher_program) + (select count(*) from audit_entry) as n',
    );
    const programs = await server.gql(VoucherProgramsDocument, {});
    const program = programs.data!.computeVoucherPrograms.edges[0].node.id;
    const lanxi = gid('Enterprise', await firmId('澜析智能科技（青岛）有限公司（示例）'));
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ programId: program, enterpriseId: lanxi, amountYuan: -100 }, 'input.amountYuan', 'BAD_USER_INPUT'],
      [{ programId: program, enterpriseId: lanxi, amountYuan: 0 }, 'input.amountYuan', 'BAD_USER_INPUT'],
      [{ programId: program, enterpriseId: lanxi, amountYuan: 10.001 }, 'input.amountYuan', 'BAD_USER_INPUT'],
      [{ programId: program, enterpriseId: lanxi, amountYuan: 2e9 }, 'input.amountYuan', 'BAD_USER_INPUT'],
      [{ programId: program, enterpriseId: gid('Enterprise', 999999), amountYuan: 100 }, 'input.enterpriseId', 'NOT_FOUND'],
      [{ programId: gid('ComputeVoucherProgram', 999999), enterpriseId: lanxi, amountYuan: 100 }, 'input.programId', 'NOT_FOUND'],
      [{ programId: lanxi, enterpriseId: lanxi, amountYuan: 100 }, 'input.programId', 'BAD_USER_INPUT'],
      [{ programId: program, enterpriseId: lanxi, computeCenterId: gid('ComputeCenter', 999999), amountYuan: 100 }, 'input.computeCenterId', 'NOT_FOUND'],
      [{ programId: program, enterpriseId: lanxi, amountYuan: 100, grantedOn: '1850-01-01' }, 'input.grantedOn', 'BAD_USER_INPUT'],
    ];
    for (const [input, field, code] of cases) {
      const res = await server.gql(CreateVoucherGrantDocument, { input: input as never }, editor);
      expect(res.errors).toBeUndefined();
      const payload = res.data!.createComputeVoucherGrant;
      expect([input, payload.computeVoucherGrant]).toEqual([input, null]);
      expect(payload.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([[field, code]]);
    }
    // Several faults are all reported at once.
    const many = await server.gql(
      CreateVoucherGrantDocument,
      { input: { programId: gid('ComputeVoucherProgram', 999999), enterpriseId: gid('Enterprise', 999999), amountYuan: -1 } },
      editor,
    );
    expect(many.data!.createComputeVoucherGrant.userErrors.map((e) => e.field.join('.')).sort()).toEqual([
      'input.amountYuan',
      'input.enterpriseId',
      'input.programId',
    ]);
    const badProgram = await server.gql(CreateVoucherProgramDocument, { input: { nameZh: ' ', totalBudgetYuan: -5, year: 3000 } }, editor);
    expect(badProgram.data!.createComputeVoucherProgram.userErrors.map((e) => e.field.join('.')).sort()).toEqual([
      'input.nameZh',
      'input.totalBudgetYuan',
      'input.year',
    ]);
    // Readers cannot write.
    const anonymous = await server.gql(CreateVoucherProgramDocument, { input: { nameZh: '匿名' } });
    expect(anonymous.errors?.[0].extensions?.code).toBeDefined();
    expect(
      await count(
        'select (select count(*) from compute_voucher_grant) + (select count(*) from compute_voucher_program) + (select count(*) from audit_entry) as n',
      ),
    ).toBe(before);
  });
});

describe('compute vouchers in the response cache', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ responseCache: true, responseCacheTtlSeconds: 30 });
    editor = (await createTestKey(server, 'editor', '算力组')).headers;
  });
  afterAll(() => server?.close());

  it("a new grant shows in the next anonymous read of a firm's vouchers and of the totals", async () => {
    const first = await server.gql(FirmsWithVouchersDocument, { first: 3 });
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect((await server.gql(FirmsWithVouchersDocument, { first: 3 })).headers.get('x-cache')).toBe('HIT');
    const totals = await server.gql(VoucherTotalsDocument, {});
    expect((await server.gql(VoucherTotalsDocument, {})).headers.get('x-cache')).toBe('HIT');

    const firm = first.data!.enterprises.edges[0].node;
    const program = (await server.gql(VoucherProgramsDocument, {})).data!.computeVoucherPrograms.edges[0].node;
    const created = await server.gql(
      CreateVoucherGrantDocument,
      { input: { programId: program.id, enterpriseId: firm.id, amountYuan: 777, grantedOn: '2024-05-06' } },
      editor,
    );
    expect(created.data!.createComputeVoucherGrant.userErrors).toEqual([]);

    const after = await server.gql(FirmsWithVouchersDocument, { first: 3 });
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.data!.enterprises.edges[0].node.computeVoucherGrants.totalCount).toBe(firm.computeVoucherGrants.totalCount + 1);
    const totalsAfter = await server.gql(VoucherTotalsDocument, {});
    expect(totalsAfter.headers.get('x-cache')).toBe('MISS');
    expect(totalsAfter.data!.computeVoucherTotals.find((t) => t.year === 2024)).toMatchObject({ grantCount: 1, amountYuan: 777, nonSampleAmountYuan: 777 });
    expect(totals.data!.computeVoucherTotals.find((t) => t.year === 2024)).toBeUndefined();
  });
});

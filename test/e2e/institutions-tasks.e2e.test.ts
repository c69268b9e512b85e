import { toGlobalId } from '../../src/common/global-id';
import {
  AuditLogDocument,
  ChangesDocument,
  CreateInstitutionDocument,
  CreateNationalTaskDocument,
  CreatePlatformWithInstitutionDocument,
  DeleteEnterpriseWithTasksDocument,
  DeleteInstitutionDocument,
  DeleteNationalTaskDocument,
  InstitutionCostDocument,
  InstitutionListDocument,
  InstitutionNodesDocument,
  InstitutionsAndTasksDocument,
  InstitutionSearchDocument,
  LinkNationalTaskWinnerDocument,
  LinkPlatformInstitutionHostDocument,
  NationalTaskListDocument,
  NationalTaskTargetDocument,
  PlatformHostOrganizationsDocument,
  RelationGraphDocument,
  UnlinkNationalTaskWinnerDocument,
  UnlinkPlatformInstitutionHostDocument,
  UpdateInstitutionDocument,
  UpdateNationalTaskDocument,
} from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { startTestServer, TestServer } from '../helpers/test-server';

const TASK_TARGET = 'national-innovation-tasks-2026';

/** Universities and research institutes (高校院所) and the national AI innovation tasks they and firms win. */
describe('institutions and national innovation tasks', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  let admin: Record<string, string>;

  const count = async (table: string): Promise<number> => Number((await server.sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n);
  const idOf = async (table: string, nameZh: string, type: string): Promise<string> => {
    const [row] = await server.sql<{ id: number }>(`select id from ${table} where name_zh = $1`, [nameZh]);
    return toGlobalId(type, row.id);
  };
  const taskTarget = async () => {
    const res = await server.gql(NationalTaskTargetDocument);
    expect(res.errors).toBeUndefined();
    return res.data!.actionPlan.targets.find((t) => t.key === TASK_TARGET)!;
  };

  beforeAll(async () => {
    server = await startTestServer();
    editor = (await createTestKey(server, 'editor', '数据组')).headers;
    admin = (await createTestKey(server, 'admin', '管理员')).headers;
  });
  afterAll(() => server?.close());

  it('lists the seeded institutions with their provenance: the cited laboratory, and samples marked in both languages', async () => {
    const res = await server.gql(InstitutionListDocument, { first: 10 });
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.institutions.edges.map((e) => e.node);
    expect(res.data!.institutions.totalCount).toBe(await count('institution'));
    const lab = nodes.find((n) => n.nameZh === '崂山实验室')!;
    expect(lab).toMatchObject({ kind: 'RESEARCH_INSTITUTE', district: '即墨区', provenance: { kind: 'PUBLIC_SOURCE' } });
    expect(lab.provenance.source).toContain('青岛新闻网');
    const samples = nodes.filter((n) => n.provenance.kind === 'SAMPLE');
    expect(samples.length).toBeGreaterThan(0);
    for (const s of samples) {
      expect(s.nameZh).toMatch(/（示例）$/);
      expect(s.nameEn).toMatch(/\(sample\)$/);
    }
  });

  it('filters by kind, district and provenance, orders by pinyin name both ways and pages by cursor', async () => {
    const universities = await server.gql(InstitutionListDocument, { filter: { kinds: ['UNIVERSITY'] } });
    const [{ n }] = await server.sql<{ n: number }>(`select count(*)::int as n from institution where kind = 'UNIVERSITY'`);
    expect(universities.data!.institutions.totalCount).toBe(Number(n));
    expect(universities.data!.institutions.edges.every((e) => e.node.kind === 'UNIVERSITY')).toBe(true);

    const real = await server.gql(InstitutionListDocument, { filter: { provenanceKinds: ['PUBLIC_SOURCE', 'OFFICIAL_PLAN'] } });
    expect(real.data!.institutions.edges.map((e) => e.node.nameZh)).toEqual(['崂山实验室']);
    const notJimo = await server.gql(InstitutionListDocument, { filter: { not: { districts: ['即墨区'] } } });
    expect(notJimo.data!.institutions.edges.map((e) => e.node.nameZh)).not.toContain('崂山实验室');

    const sql = await server.sql<{ name_zh: string }>(
      `select name_zh from institution order by name_pinyin collate "C" desc, name_zh collate "C" desc, id desc`,
    );
    const listPage = (after: string | null) => server.gql(InstitutionListDocument, { orderBy: { field: 'NAME', direction: 'DESC' }, first: 1, after });
    const pages: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof listPage>> = await listPage(after);
      expect(page.errors).toBeUndefined();
      pages.push(...page.data!.institutions.edges.map((e) => e.node.nameZh));
      if (!page.data!.institutions.pageInfo.hasNextPage) break;
      after = page.data!.institutions.pageInfo.endCursor;
    }
    expect(pages).toEqual(sql.map((r) => r.name_zh));
  });

  it('search finds institutions in Chinese, pinyin, initials and traditional characters, and tasks by title', async () => {
    for (const query of ['崂山实验室', 'laoshanshiyanshi', 'lao shan shi yan shi', 'lssys', '實驗室']) {
      const res = await server.gql(InstitutionSearchDocument, { query, types: ['INSTITUTION'] });
      expect(res.errors).toBeUndefined();
      const names = res.data!.search.edges.map((e) => (e.node.__typename === 'Institution' ? e.node.nameZh : null));
      expect([query, names]).toEqual([query, expect.arrayContaining(['崂山实验室'])]);
    }
    const all = await server.gql(InstitutionSearchDocument, { query: '崂山实验室' });
    expect(all.data!.search.edges[0].node).toMatchObject({ __typename: 'Institution', nameZh: '崂山实验室' });
    const tasks = await server.gql(InstitutionSearchDocument, { query: '揭榜任务', types: ['NATIONAL_INNOVATION_TASK'] });
    const [{ n }] = await server.sql<{ n: number }>(`select count(*)::int as n from national_innovation_task where name_zh like '%揭榜任务%'`);
    expect(Number(n)).toBeGreaterThan(0);
    expect(tasks.data!.search.totalCount).toBe(Number(n));
    expect(tasks.data!.search.edges.every((e) => e.node.__typename === 'NationalInnovationTask')).toBe(true);
  });

  it('platforms list firms and institutions as hosts (hostOrganizations); the deprecated hosts still lists the firms', async () => {
    const res = await server.gql(PlatformHostOrganizationsDocument, { first: 50 });
    expect(res.errors).toBeUndefined();
    const rows = await server.sql<{ id: number; firms: number; institutions: number }>(
      `select p.id, (select count(*) from platform_host h where h.platform_id = p.id)::int as firms,
              (select count(*) from platform_institution_host h where h.platform_id = p.id)::int as institutions
       from innovation_platform p`,
    );
    const expected = new Map(rows.map((r) => [toGlobalId('InnovationPlatform', r.id), r]));
    let mixed = 0;
    for (const { node } of res.data!.platforms.edges) {
      const want = expected.get(node.id)!;
      expect(node.hosts.totalCount).toBe(Number(want.firms));
      expect(node.hostOrganizations.totalCount).toBe(Number(want.firms) + Number(want.institutions));
      const kinds = node.hostOrganizations.edges.map((e) => e.node.__typename);
      // Firms first, then institutions.
      expect(kinds).toEqual([...Array(Number(want.firms)).fill('Enterprise'), ...Array(Number(want.institutions)).fill('Institution')]);
      if (want.firms && want.institutions) mixed++;
    }
    expect(mixed).toBeGreaterThan(0);
  });

  it('runs as many SQL statements for 2 platforms with their hosts as for 17, and for 1 task with winners as for all', async () => {
    const statements = (res: { errors?: unknown; headers: Headers }) => {
      expect(res.errors).toBeUndefined();
      return Number(res.headers.get('x-sql-statements'));
    };
    const few = statements(await server.gql(PlatformHostOrganizationsDocument, { first: 2 }));
    const many = statements(await server.gql(PlatformHostOrganizationsDocument, { first: 17 }));
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
    const one = statements(await server.gql(NationalTaskListDocument, { first: 1 }));
    const all = statements(await server.gql(NationalTaskListDocument, { first: 50 }));
    expect(all).toBe(one);
  });

  it('the cost model prices lists of firms and institutions like any other list', async () => {
    const cheap = await server.gql(InstitutionCostDocument, { a: 10, b: 10, c: 10 });
    expect(cheap.errors).toBeUndefined();
    expect(cheap.extensions?.cost).toMatchObject({ nodes: 10 + 10 * 10 + 10 * 10 * 10 });
    const costly = await server.gql(InstitutionCostDocument, { a: 100, b: 100, c: 2 });
    expect(costly.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(costly.errors?.[0].extensions).toMatchObject({ cost: 100 + 100 * 100 + 100 * 100 * 2 });
  });

  it('node and nodes fetch institutions and tasks by global ID', async () => {
    const lab = await idOf('institution', '崂山实验室', 'Institution');
    const [task] = await server.sql<{ id: number; name_zh: string; year: number }>(
      `select id, name_zh, year from national_innovation_task order by id limit 1`,
    );
    const taskId = toGlobalId('NationalInnovationTask', task.id);
    const res = await server.gql(InstitutionNodesDocument, { ids: [taskId, lab, toGlobalId('Institution', 999999)] });
    expect(res.errors).toBeUndefined();
    expect(res.data!.nodes).toEqual([
      { __typename: 'NationalInnovationTask', id: taskId, nameZh: task.name_zh, year: task.year },
      { __typename: 'Institution', id: lab, nameZh: '崂山实验室' },
      null,
    ]);
  });

  it('institutions: bad input is refused with userErrors and writes nothing; create, stale update, host link, delete with dependants', async () => {
    const before = await count('institution');
    const bad = await server.gql(CreateInstitutionDocument, { input: { nameZh: '  ', kind: 'UNIVERSITY', website: 'not a url' } }, editor);
    expect(bad.data!.createInstitution.institution).toBeNull();
    expect(bad.data!.createInstitution.userErrors.map((e) => e.field.join('.')).sort()).toEqual(['input.nameZh', 'input.website']);
    expect(await count('institution')).toBe(before);

    const created = await server.gql(
      CreateInstitutionDocument,
      { input: { nameZh: ' 测试海洋大学（示例） ', nameEn: 'Test Ocean University (sample)', kind: 'UNIVERSITY', district: '崂山区' } },
      editor,
    );
    expect(created.data!.createInstitution.userErrors).toEqual([]);
    const inst = created.data!.createInstitution.institution!;
    expect(inst).toMatchObject({ nameZh: '测试海洋大学（示例）', version: 1, provenance: { kind: 'USER_ENTERED', source: '数据组' } });

    const renamed = await server.gql(UpdateInstitutionDocument, { input: { id: inst.id, expectedVersion: 1, aliases: ['测海大（示例）'] } }, editor);
    expect(renamed.data!.updateInstitution.institution).toMatchObject({ aliases: ['测海大（示例）'], version: 2 });
    const stale = await server.gql(UpdateInstitutionDocument, { input: { id: inst.id, expectedVersion: 1, nameZh: '旧版本' } }, editor);
    expect(stale.data!.updateInstitution.userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const found = await server.gql(InstitutionSearchDocument, { query: 'cehaida', types: ['INSTITUTION'] });
    expect(found.data!.search.edges.map((e) => e.node.__typename === 'Institution' && e.node.id)).toEqual([inst.id]);

    const platform = await idOf('innovation_platform', '工业视觉开放创新平台（示例）', 'InnovationPlatform');
    const hostsBefore = await count('platform_institution_host');
    for (const input of [
      { platformId: platform, institutionId: toGlobalId('Institution', 999999) },
      { platformId: platform, institutionId: toGlobalId('Park', 1) },
      { platformId: toGlobalId('InnovationPlatform', 999999), institutionId: inst.id },
    ]) {
      const refused = await server.gql(LinkPlatformInstitutionHostDocument, { input }, editor);
      expect(refused.data!.linkPlatformInstitutionHost.changed).toBe(false);
      expect(refused.data!.linkPlatformInstitutionHost.userErrors).toHaveLength(1);
    }
    expect(await count('platform_institution_host')).toBe(hostsBefore);

    const linked = await server.gql(LinkPlatformInstitutionHostDocument, { input: { platformId: platform, institutionId: inst.id } }, editor);
    expect(linked.data!.linkPlatformInstitutionHost).toMatchObject({
      changed: true,
      innovationPlatform: { id: platform, hostOrganizations: { totalCount: 3 } },
      institution: { id: inst.id, platforms: { totalCount: 1 } },
      userErrors: [],
    });
    const again = await server.gql(LinkPlatformInstitutionHostDocument, { input: { platformId: platform, institutionId: inst.id } }, editor);
    expect(again.data!.linkPlatformInstitutionHost.changed).toBe(false);

    const refused = await server.gql(DeleteInstitutionDocument, { input: { id: inst.id } }, editor);
    expect(refused.data!.deleteInstitution.userErrors[0].code).toBe('HAS_DEPENDANTS');
    expect(refused.data!.deleteInstitution.userErrors[0].message).toContain('工业视觉开放创新平台（示例）');
    const unlinked = await server.gql(UnlinkPlatformInstitutionHostDocument, { input: { platformId: platform, institutionId: inst.id } }, editor);
    expect(unlinked.data!.unlinkPlatformInstitutionHost.changed).toBe(true);
    await server.gql(LinkPlatformInstitutionHostDocument, { input: { platformId: platform, institutionId: inst.id } }, editor);
    const deleted = await server.gql(DeleteInstitutionDocument, { input: { id: inst.id, detach: true } }, editor);
    expect(deleted.data!.deleteInstitution).toEqual({ deletedId: inst.id, userErrors: [] });
    expect(await count('platform_institution_host')).toBe(hostsBefore);
    const history = await server.gql(AuditLogDocument, { recordId: inst.id }, admin);
    expect(history.data!.auditLog.edges.map((e) => e.node.action)).toEqual(['CREATE', 'UPDATE', 'LINK', 'UNLINK', 'LINK', 'DELETE']);
  });

  it('a new platform can name its hosting institutions; an unknown one refuses the whole platform', async () => {
    const lab = await idOf('institution', '崂山实验室', 'Institution');
    const platforms = await count('innovation_platform');
    const bad = await server.gql(
      CreatePlatformWithInstitutionDocument,
      { input: { nameZh: '测试平台（示例）', kind: 'KEY_LABORATORY', level: 'MUNICIPAL', hostInstitutionIds: [lab, toGlobalId('Institution', 999999)] } },
      editor,
    );
    expect(bad.data!.createInnovationPlatform.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'hostInstitutionIds', '1'], code: 'NOT_FOUND' }),
    ]);
    expect(await count('innovation_platform')).toBe(platforms);
    const ok = await server.gql(
      CreatePlatformWithInstitutionDocument,
      { input: { nameZh: '测试平台（示例）', kind: 'KEY_LABORATORY', level: 'MUNICIPAL', hostInstitutionIds: [lab] } },
      editor,
    );
    expect(ok.data!.createInnovationPlatform.innovationPlatform!.hostOrganizations.edges.map((e) => e.node.__typename)).toEqual(['Institution']);
    await server.sql(`delete from innovation_platform where name_zh = '测试平台（示例）'`);
  });

  it('tasks: unknown or wrong-type winners are userErrors and nothing is written; winners are firms and institutions', async () => {
    const firm = await idOf(
      'enterprise',
      (await server.sql<{ name_zh: string }>(`select name_zh from enterprise order by id limit 1`))[0].name_zh,
      'Enterprise',
    );
    const lab = await idOf('institution', '崂山实验室', 'Institution');
    const before = { tasks: await count('national_innovation_task'), firms: await count('national_task_enterprise_winner') };
    const bad = await server.gql(
      CreateNationalTaskDocument,
      {
        input: {
          nameZh: '测试任务（示例）',
          issuerZh: ' ',
          year: 2025,
          winnerIds: [firm, toGlobalId('Enterprise', 999999), toGlobalId('Park', 1), 'not-an-id'],
        },
      },
      editor,
    );
    expect(bad.data!.createNationalInnovationTask.nationalInnovationTask).toBeNull();
    const errors = bad.data!.createNationalInnovationTask.userErrors;
    expect(errors.map((e) => e.field.join('.')).sort()).toEqual(['input.issuerZh', 'input.winnerIds.1', 'input.winnerIds.2', 'input.winnerIds.3']);
    expect(errors.find((e) => e.field.join('.') === 'input.winnerIds.1')!.code).toBe('NOT_FOUND');
    expect(errors.find((e) => e.field.join('.') === 'input.winnerIds.2')!.message).toContain('Enterprise or an Institution, got the ID of a Park');
    expect({ tasks: await count('national_innovation_task'), firms: await count('national_task_enterprise_winner') }).toEqual(before);

    const created = await server.gql(
      CreateNationalTaskDocument,
      { input: { nameZh: '测试任务（示例）', issuerZh: '示例发榜部门', year: 2025, batch: '第一批', winnerIds: [lab, firm, firm] } },
      editor,
    );
    expect(created.data!.createNationalInnovationTask.userErrors).toEqual([]);
    const task = created.data!.createNationalInnovationTask.nationalInnovationTask!;
    expect(task).toMatchObject({ year: 2025, batch: '第一批', version: 1, provenance: { kind: 'USER_ENTERED' } });
    expect(task.winners.edges.map((e) => [e.node.__typename, 'id' in e.node ? e.node.id : null])).toEqual([
      ['Enterprise', firm],
      ['Institution', lab],
    ]);

    const stale = await server.gql(UpdateNationalTaskDocument, { input: { id: task.id, expectedVersion: 7, year: 2026 } }, editor);
    expect(stale.data!.updateNationalInnovationTask.userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    const cleared = await server.gql(UpdateNationalTaskDocument, { input: { id: task.id, expectedVersion: 1, year: null } }, editor);
    expect(cleared.data!.updateNationalInnovationTask.userErrors.map((e) => e.field.join('.'))).toEqual(['input.year']);

    const wrongType = await server.gql(LinkNationalTaskWinnerDocument, { input: { taskId: task.id, winnerId: toGlobalId('Scenario', 1) } }, editor);
    expect(wrongType.data!.linkNationalTaskWinner).toMatchObject({ changed: false, winner: null });
    expect(wrongType.data!.linkNationalTaskWinner.userErrors[0].field).toEqual(['input', 'winnerId']);
    const unlinked = await server.gql(UnlinkNationalTaskWinnerDocument, { input: { taskId: task.id, winnerId: lab } }, editor);
    expect(unlinked.data!.unlinkNationalTaskWinner.changed).toBe(true);
    const relinked = await server.gql(LinkNationalTaskWinnerDocument, { input: { taskId: task.id, winnerId: lab } }, editor);
    expect(relinked.data!.linkNationalTaskWinner).toMatchObject({ changed: true, winner: { __typename: 'Institution', id: lab }, userErrors: [] });

    const byWinner = await server.gql(NationalTaskListDocument, { filter: { winnerIds: [lab] } });
    expect(byWinner.data!.nationalInnovationTasks.edges.map((e) => e.node.id)).toEqual([task.id]);
    const byYear = await server.gql(NationalTaskListDocument, { filter: { year: { from: 2025, to: 2025 } }, orderBy: { field: 'YEAR', direction: 'DESC' } });
    const [{ n }] = await server.sql<{ n: number }>(`select count(*)::int as n from national_innovation_task where year = 2025`);
    expect(byYear.data!.nationalInnovationTasks.totalCount).toBe(Number(n));
    const labTasks = await server.gql(InstitutionListDocument, { filter: { search: '崂山实验室' } });
    expect(labTasks.data!.institutions.edges[0].node.nationalTasks.totalCount).toBe(1);

    const deleted = await server.gql(DeleteNationalTaskDocument, { input: { id: task.id } }, editor);
    expect(deleted.data!.deleteNationalInnovationTask).toEqual({ deletedId: task.id, userErrors: [] });
    expect({ tasks: await count('national_innovation_task'), firms: await count('national_task_enterprise_winner') }).toEqual(before);
    const history = await server.gql(AuditLogDocument, { recordId: task.id }, admin);
    expect(history.data!.auditLog.edges.map((e) => e.node.action)).toEqual(['CREATE', 'LINK', 'UNLINK', 'LINK', 'DELETE']);
  });

  it('the 15-task target counts only real tasks won by real winners: 0 on the seeds, counted from evidence', async () => {
    const seeded = await taskTarget();
    const [{ samples }] = await server.sql<{ samples: number }>(
      `select count(*)::int as samples from national_innovation_task where provenance_kind in ('SAMPLE', 'SYNTHETIC') and year >= 2024`,
    );
    expect(Number(samples)).toBeGreaterThan(0);
    expect(seeded).toMatchObject({ metric: 'NATIONAL_INNOVATION_TASKS', current: 0, met: false, evidenceRecords: 0, sampleRecords: Number(samples) });

    const sampleFirm = (await server.sql<{ id: number }>(`select id from enterprise where provenance_kind = 'SAMPLE' order by id limit 1`))[0].id;
    const lab = await idOf('institution', '崂山实验室', 'Institution');
    // An entered task won only by a sample firm does not count: its winner is invented.
    const onlySample = await server.gql(
      CreateNationalTaskDocument,
      { input: { nameZh: '仅示例企业揭榜的任务', issuerZh: '工业和信息化部', year: 2025, winnerIds: [toGlobalId('Enterprise', sampleFirm)] } },
      editor,
    );
    expect(onlySample.data!.createNationalInnovationTask.userErrors).toEqual([]);
    expect((await taskTarget()).current).toBe(0);
    // One won by a cited institution counts; one from before the plan's period does not.
    for (const year of [2025, 2022]) {
      const res = await server.gql(
        CreateNationalTaskDocument,
        { input: { nameZh: `实验室揭榜任务${year}`, issuerZh: '工业和信息化部', year, winnerIds: [lab] } },
        editor,
      );
      expect(res.data!.createNationalInnovationTask.userErrors).toEqual([]);
    }
    const live = await taskTarget();
    expect(live).toMatchObject({ current: 1, met: false, evidenceRecords: 1 });
    const ids = await server.sql<{ id: number }>(`select id from national_innovation_task where provenance_kind = 'USER_ENTERED'`);
    for (const { id } of ids) {
      await server.gql(DeleteNationalTaskDocument, { input: { id: toGlobalId('NationalInnovationTask', id) } }, editor);
    }
    expect((await taskTarget()).current).toBe(0);
  });

  it('a firm that won a task is not deleted silently: HAS_DEPENDANTS names the task, detach unlinks it', async () => {
    const [{ id: firmId, name_zh: firmName }] = await server.sql<{ id: number; name_zh: string }>(
      `select e.id, e.name_zh from enterprise e join national_task_enterprise_winner w on w.enterprise_id = e.id order by e.id limit 1`,
    );
    const [{ name_zh: taskName }] = await server.sql<{ name_zh: string }>(
      `select t.name_zh from national_innovation_task t join national_task_enterprise_winner w on w.task_id = t.id where w.enterprise_id = $1 limit 1`,
      [firmId],
    );
    const firm = toGlobalId('Enterprise', firmId);
    const refused = await server.gql(DeleteEnterpriseWithTasksDocument, { input: { id: firm } }, editor);
    expect(refused.data!.deleteEnterprise.userErrors[0].code).toBe('HAS_DEPENDANTS');
    expect(refused.data!.deleteEnterprise.userErrors[0].message).toContain(taskName);
    expect(await server.sql(`select 1 from enterprise where name_zh = $1`, [firmName])).toHaveLength(1);
    const winsBefore = await count('national_task_enterprise_winner');
    const detached = await server.gql(DeleteEnterpriseWithTasksDocument, { input: { id: firm, detach: true } }, editor);
    expect(detached.data!.deleteEnterprise).toEqual({ deletedId: firm, userErrors: [] });
    expect(await count('national_task_enterprise_winner')).toBe(winsBefore - 1);
    const history = await server.gql(AuditLogDocument, { recordId: firm }, admin);
    const deletion = history.data!.auditLog.edges.find((e) => e.node.action === 'DELETE')!.node;
    expect(Object.keys(deletion.changes as Record<string, unknown>)).toContain('nationalTasks');
  });

  it('the relation graph draws institutions and tasks, with hosting and winning edges, exactly as stored', async () => {
    const res = await server.gql(RelationGraphDocument, {
      filter: { nodeKinds: ['INSTITUTION', 'NATIONAL_TASK', 'ENTERPRISE', 'PLATFORM'], edgeKinds: ['HOSTS', 'WINS'] },
      first: 500,
    });
    expect(res.errors).toBeUndefined();
    const { nodes, edges } = res.data!.relationGraph;
    const [sql] = await server.sql<{ institutions: number; tasks: number; hosts: number; wins: number }>(
      `select (select count(*) from institution)::int as institutions, (select count(*) from national_innovation_task)::int as tasks,
              ((select count(*) from platform_host) + (select count(*) from platform_institution_host))::int as hosts,
              ((select count(*) from national_task_enterprise_winner) + (select count(*) from national_task_institution_winner))::int as wins`,
    );
    expect(nodes.filter((n) => n.kind === 'INSTITUTION')).toHaveLength(Number(sql.institutions));
    expect(nodes.filter((n) => n.kind === 'NATIONAL_TASK')).toHaveLength(Number(sql.tasks));
    expect(edges.filter((e) => e.kind === 'HOSTS')).toHaveLength(Number(sql.hosts));
    expect(edges.filter((e) => e.kind === 'WINS')).toHaveLength(Number(sql.wins));
    const lab = nodes.find((n) => n.nameZh === '崂山实验室')!;
    expect(lab).toMatchObject({ kind: 'INSTITUTION', district: '即墨区', provenanceKind: 'PUBLIC_SOURCE' });
    const byId = new Map(nodes.map((n) => [n.id, n.kind]));
    for (const e of edges.filter((x) => x.kind === 'WINS')) expect(byId.get(e.target)).toBe('NATIONAL_TASK');
    expect(new Set(edges.filter((x) => x.kind === 'HOSTS').map((e) => byId.get(e.source)))).toEqual(new Set(['ENTERPRISE', 'INSTITUTION']));
  });

  it('the change feed publishes institution and task changes to mirrors', async () => {
    const feed = await server.gql(ChangesDocument, { first: 100, types: ['Institution.*', 'NationalInnovationTask.*'] }, admin);
    expect(feed.errors).toBeUndefined();
    const events = new Set(feed.data!.changes.edges.map((e) => e.node.eventType));
    for (const e of ['Institution.CREATE', 'Institution.LINK', 'Institution.DELETE', 'NationalInnovationTask.CREATE', 'NationalInnovationTask.UNLINK']) {
      expect(events).toContain(e);
    }
  });

  it('the contract operation InstitutionsAndTasks answers what SQL says', async () => {
    const res = await server.gql(InstitutionsAndTasksDocument, {});
    expect(res.errors).toBeUndefined();
    expect(res.data!.institutions.totalCount).toBe(await count('institution'));
    expect(res.data!.nationalInnovationTasks.totalCount).toBe(await count('national_innovation_task'));
    const winners = res.data!.nationalInnovationTasks.edges.reduce((sum, e) => sum + e.node.winners.edges.length, 0);
    expect(winners).toBe((await count('national_task_enterprise_winner')) + (await count('national_task_institution_winner')));
  });
});

describe('response cache and the new types', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ responseCache: true, responseCacheTtlSeconds: 30 });
    editor = (await createTestKey(server, 'editor')).headers;
  });
  afterAll(() => server?.close());

  it('a new winner or host shows on the next anonymous read', async () => {
    const read = () => server.gql(InstitutionsAndTasksDocument, {});
    const first = await read();
    expect((await read()).headers.get('x-cache')).toBe('HIT');
    const task = first.data!.nationalInnovationTasks.edges[0].node;
    const lab = first.data!.institutions.edges.find((e) => e.node.nameZh === '崂山实验室')!.node;
    const linked = await server.gql(LinkNationalTaskWinnerDocument, { input: { taskId: task.id, winnerId: lab.id } }, editor);
    expect(linked.data!.linkNationalTaskWinner.changed).toBe(true);
    const after = await read();
    expect(after.headers.get('x-cache')).toBe('MISS');
    const winners = after.data!.nationalInnovationTasks.edges[0].node.winners.edges.map((e) => e.node.__typename === 'Institution' && e.node.id);
    expect(winners).toContain(lab.id);

    expect((await read()).headers.get('x-cache')).toBe('HIT');
    const platform = await server.sql<{ id: number }>(`select id from innovation_platform order by id limit 1`);
    await server.gql(
      LinkPlatformInstitutionHostDocument,
      { input: { platformId: toGlobalId('InnovationPlatform', platform[0].id), institutionId: lab.id } },
      editor,
    );
    const again = await read();
    expect(again.headers.get('x-cache')).toBe('MISS');
    expect(again.data!.institutions.edges.find((e) => e.node.id === lab.id)!.node.platforms.edges.length).toBe(1);
  });
});

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import iconv from 'iconv-lite';
import { CreateEnterpriseDocument, CreateVoucherProgramDocument } from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { syntheticCreditCode } from '../helpers/import-files';
import { startTestServer, TestServer } from '../helpers/test-server';
import { TRANSPILE_CACHED } from '../helpers/test-databases';

interface Report {
  committed: boolean;
  dryRun: boolean;
  batchId: string | null;
  encoding: string;
  totals: Record<string, number>;
  rows: Array<{ line: number; status: string; id: string | null }>;
  errors: Array<{ line: number; column: string; message: string }>;
}

/** 算力券 grants imported from a table (issue 13): POST /import/voucher-grants. */
describe('import of compute-voucher grants', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  let programId: string;
  let firmId: string;
  const CODE = syntheticCreditCode(881, '9137029');

  beforeAll(async () => {
    server = await startTestServer();
    editor = (await createTestKey(server, 'editor', '算力券导入组')).headers;
    const program = await server.gql(CreateVoucherProgramDocument, { input: { nameZh: '2026年算力券导入测试', year: 2026, totalBudgetYuan: 9000000 } }, editor);
    programId = program.data!.createComputeVoucherProgram.computeVoucherProgram!.id;
    const firmA = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '导入测试甲企业（示例）', layer: 'APPLICATION' } }, editor);
    expect(firmA.data!.createEnterprise.userErrors).toEqual([]);
    firmId = firmA.data!.createEnterprise.enterprise!.id;
    const firmB = await server.gql(CreateEnterpriseDocument, { input: { nameZh: '导入测试乙企业（示例）', creditCode: CODE, layer: 'TECHNOLOGY' } }, editor);
    expect(firmB.data!.createEnterprise.userErrors).toEqual([]);
  });
  afterAll(() => server?.close());

  async function post(body: string | Buffer, query = '', headers: Record<string, string> = editor): Promise<{ status: number; report: Report }> {
    const res = await fetch(`${server.origin}/import/voucher-grants${query}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...headers }, body });
    return { status: res.status, report: (await res.json()) as Report };
  }
  const grants = async () => Number((await server.sql<{ n: number }>('select count(*)::int as n from compute_voucher_grant'))[0].n);
  const audits = async () =>
    Number((await server.sql<{ n: number }>(`select count(*)::int as n from audit_entry where record_type = 'ComputeVoucherGrant'`))[0].n);
  const HEAD = '算力券项目,企业,金额（元）,算力中心,发放日期,来源\n';

  it('needs an editor key', async () => {
    const before = await grants();
    const none = await post(`${HEAD}2026年算力券导入测试,导入测试甲企业（示例）,100,,2026-01-05,测试\n`, '', {});
    expect(none.status).toBe(401);
    const reader = await createTestKey(server, 'reader');
    expect((await post(`${HEAD}2026年算力券导入测试,导入测试甲企业（示例）,100,,2026-01-05,测试\n`, '', reader.headers)).status).toBe(403);
    expect(await grants()).toBe(before);
  });

  it('reports every bad row by line and column and writes nothing', async () => {
    const [before, auditBefore] = [await grants(), await audits()];
    const csv =
      HEAD +
      '2026年算力券导入测试,导入测试甲企业（示例）,50000,,2026-03-01,区工信局公示\n' + // line 2: good
      '2026年算力券导入测试,不存在的企业,1000,,2026-03-01,公示\n' + // line 3: unknown firm
      '不存在的项目,导入测试甲企业（示例）,1000,,2026-03-01,公示\n' + // line 4: unknown programme
      '2026年算力券导入测试,导入测试甲企业（示例）,-500,,2026-03-01,公示\n' + // line 5: negative amount
      '2026年算力券导入测试,导入测试甲企业（示例）,800,,2026-02-30,公示\n' + // line 6: no such day
      '2026年算力券导入测试,导入测试甲企业（示例）,八百,不存在的中心,2026-03-02,公示\n'; // line 7: two bad cells
    const { status, report } = await post(csv);
    expect(status).toBe(422);
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [3, '企业'],
      [4, '算力券项目'],
      [5, '金额（元）'],
      [6, '发放日期'],
      [7, '金额（元）'],
      [7, '算力中心'],
    ]);
    expect(report.errors[0].message).toContain('不存在的企业');
    expect(report.errors[2].message).toMatch(/greater than 0/);
    expect(report.totals).toMatchObject({ rows: 6, invalid: 5, valid: 1, created: 0 });
    expect(report.rows[0]).toEqual({ line: 2, status: 'valid', id: null });
    expect(await grants()).toBe(before);
    expect(await audits()).toBe(auditBefore);
  });

  it('refuses a file without the required columns, naming them', async () => {
    const { status, report } = await post('企业,发放日期\n导入测试甲企业（示例）,2026-01-01\n');
    expect(status).toBe(422);
    expect(report.errors.map((e) => e.column)).toEqual(['算力券项目', '金额（元）']);
  });

  it('a dry run checks a good file and writes nothing; the import writes every row, audited as one batch; a second import adds nothing', async () => {
    const [{ id: sugon }] = await server.sql<{ id: number }>(`select id from compute_center where name_zh like '中科曙光%'`);
    const [{ id: firmLocal }] = await server.sql<{ id: number }>(`select id from enterprise where name_zh = '导入测试甲企业（示例）'`);
    const csv =
      HEAD +
      `2026年算力券导入测试,导入测试甲企业（示例）,"12,500.50",中科曙光“海之心”人工智能计算中心,2026-04-01,青岛市工信局2026年第一批公示\n` +
      `${programId},${CODE},30000,,2026/4/2,\n` +
      `2026年算力券导入测试,${firmId},7000元,,,区科技局\n`;
    const [before, auditBefore] = [await grants(), await audits()];

    const dry = await post(csv, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.report).toMatchObject({ dryRun: true, committed: false, errors: [], totals: { rows: 3, valid: 3, created: 0 } });
    expect(await grants()).toBe(before);

    const { status, report } = await post(csv);
    expect(status).toBe(200);
    expect(report).toMatchObject({ committed: true, encoding: 'utf-8', totals: { rows: 3, created: 3, invalid: 0 } });
    expect(report.rows.every((r) => r.status === 'created' && r.id)).toBe(true);
    expect(await grants()).toBe(before + 3);
    const written = await server.sql<Record<string, unknown>>(
      `select enterprise_id, compute_center_id, amount_yuan::text as amount, to_char(granted_on, 'YYYY-MM-DD') as day, provenance_kind, provenance_source
         from compute_voucher_grant where id > (select coalesce(max(id), 0) - 3 from compute_voucher_grant) order by id`,
    );
    expect(written).toEqual([
      expect.objectContaining({
        enterprise_id: firmLocal,
        compute_center_id: sugon,
        amount: '12500.50',
        day: '2026-04-01',
        provenance_kind: 'USER_ENTERED',
        provenance_source: '青岛市工信局2026年第一批公示',
      }),
      expect.objectContaining({ compute_center_id: null, amount: '30000.00', day: '2026-04-02', provenance_source: '算力券导入组' }),
      expect.objectContaining({ enterprise_id: firmLocal, amount: '7000.00', day: null, provenance_source: '区科技局' }),
    ]);
    const entries = await server.sql<{ batch_id: string; action: string; actor_name: string }>(
      `select batch_id, action, actor_name from audit_entry where record_type = 'ComputeVoucherGrant' and batch_id = $1`,
      [report.batchId],
    );
    expect(entries).toHaveLength(3);
    expect(entries.every((e) => e.action === 'CREATE' && e.actor_name === '算力券导入组')).toBe(true);
    expect(await audits()).toBe(auditBefore + 3);

    // The firm's grants over GraphQL include them.
    const res = await server.gql(
      parse(`query FirmGrantCount($id: ID!) { node(id: $id) { ... on Enterprise { computeVoucherGrants(first: 10) { totalCount } } } }`),
      { id: firmId } as never,
    );
    expect(res.errors).toBeUndefined();
    expect((res.data as { node: { computeVoucherGrants: { totalCount: number } } }).node.computeVoucherGrants.totalCount).toBe(2);

    const again = await post(csv);
    expect(again.status).toBe(200);
    expect(again.report.totals).toMatchObject({ created: 0, unchanged: 3 });
    expect(await grants()).toBe(before + 3);
  });

  it('reports two identical rows in one file instead of writing either', async () => {
    const before = await grants();
    const row = '2026年算力券导入测试,导入测试乙企业（示例）,4444,,2026-05-05,公示\n';
    const { status, report } = await post(HEAD + row + row);
    expect(status).toBe(422);
    expect(report.errors).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('line 2') })]);
    expect(await grants()).toBe(before);
  });

  it('reads a GB18030 file (Excel on Chinese Windows), detected', async () => {
    const before = await grants();
    const bytes = iconv.encode(`${HEAD}2026年算力券导入测试,导入测试乙企业（示例）,2222,,2026-06-01,崂山区公示\r\n`, 'gb18030');
    const { status, report } = await post(bytes);
    expect(status).toBe(200);
    expect(report).toMatchObject({ encoding: 'gb18030', committed: true, totals: { created: 1 } });
    expect(await grants()).toBe(before + 1);
    const [last] = await server.sql<{ provenance_source: string }>('select provenance_source from compute_voucher_grant order by id desc limit 1');
    expect(last.provenance_source).toBe('崂山区公示');
  });
  // The command line needs a database a second process can open while the server runs: PostgreSQL.
  const onPostgres = process.env.DATABASE_URL ? it : undefined;
  onPostgres?.(
    'npm run import -- --grants: a bad file exits 2 naming each bad row, a good one writes',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grants-cli-'));
      const run = (csv: string) => {
        const file = path.join(dir, `g${Math.random().toString(36).slice(2)}.csv`);
        fs.writeFileSync(file, csv);
        return new Promise<{ code: number; out: string }>((resolve) => {
          execFile(
            process.execPath,
            ['-r', TRANSPILE_CACHED, 'src/cli/import.cli.ts', file, '--grants', '--as', '命令行测试'],
            { env: { ...process.env, DATABASE_URL: server.config.databaseUrl, NODE_OPTIONS: '' } },
            (error, stdout) => resolve({ code: error ? Number(error.code) : 0, out: stdout }),
          );
        });
      };
      const before = await grants();
      const bad = await run(`${HEAD}2026年算力券导入测试,导入测试甲企业（示例）,-1,,2026-07-01,命令行\n2026年算力券导入测试,无此企业,10,,2026-07-01,命令行\n`);
      expect(bad.code).toBe(2);
      expect(bad.out).toContain('line 2, 金额（元）');
      expect(bad.out).toContain('line 3, 企业');
      expect(await grants()).toBe(before);
      const good = await run(`${HEAD}2026年算力券导入测试,导入测试甲企业（示例）,321,,2026-07-01,命令行\n`);
      expect(good.code).toBe(0);
      expect(good.out).toMatch(/created 1/);
      expect(await grants()).toBe(before + 1);
      const [entry] = await server.sql<{ actor_name: string }>(
        `select actor_name from audit_entry where record_type = 'ComputeVoucherGrant' order by id desc limit 1`,
      );
      expect(entry.actor_name).toBe('命令行测试');
    },
    60000,
  );
});

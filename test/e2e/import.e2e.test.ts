import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { AuditLogDocument, CreateChainNodeDocument, UpdateChainNodeDocument } from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { firmsCsv, syntheticCreditCode } from '../helpers/import-files';
import { startTestServer, TestServer } from '../helpers/test-server';
import { TRANSPILE_CACHED } from '../helpers/test-databases';

interface Report {
  committed: boolean;
  dryRun: boolean;
  batchId: string | null;
  encoding: string;
  totals: Record<string, number>;
  rows: Array<{ line: number; status: string; nameZh: string; id: string | null }>;
  errors: Array<{ line: number; column: string; message: string }>;
}

describe('bulk import of firms', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    editor = (await createTestKey(server, 'editor', '市北区招商局')).headers;
    admin = (await createTestKey(server, 'admin', '管理员')).headers;
  });
  afterAll(() => server?.close());

  async function post(
    body: string | Buffer,
    query = '',
    headers: Record<string, string> = editor,
    type = 'text/csv',
  ): Promise<{ status: number; report: Report }> {
    const res = await fetch(`${server.origin}/import/enterprises${query}`, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
    return { status: res.status, report: (await res.json()) as Report };
  }
  const count = async (like: string) => (await server.sql<{ n: number }>('select count(*)::int as n from enterprise where name_zh like $1', [like]))[0].n;

  it('needs an editor key', async () => {
    const none = await post(firmsCsv(1, { tag: '无钥' }), '', {});
    expect(none.status).toBe(401);
    const reader = await createTestKey(server, 'reader');
    expect((await post(firmsCsv(1, { tag: '只读' }), '', reader.headers)).status).toBe(403);
    expect(await count('青岛无钥%')).toBe(0);
  });

  it('a bad credit code at line 500 of 1,000: nothing written, line 500 named', async () => {
    const { status, report } = await post(firmsCsv(1000, { tag: '坏码', prefix: '9137021', badLine: 500 }));
    expect(status).toBe(422);
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ line: 500, column: '统一社会信用代码' })]);
    expect(report.errors[0].message).toMatch(/check character/);
    expect(report.totals).toMatchObject({ rows: 1000, invalid: 1, valid: 999 });
    expect(await count('青岛坏码%')).toBe(0);
  });

  it('imports a file, reports per row, and a second import of the same file changes nothing', async () => {
    const csv = firmsCsv(50, { tag: '重复导入', prefix: '9137022' });
    const dry = await post(csv, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.report).toMatchObject({ dryRun: true, committed: false, totals: { created: 50 } });
    expect(await count('青岛重复导入%')).toBe(0);

    const first = await post(csv);
    expect(first.status).toBe(200);
    expect(first.report.totals).toMatchObject({ rows: 50, created: 50, updated: 0, unchanged: 0 });
    expect(first.report.rows[0]).toMatchObject({ line: 2, status: 'created', nameZh: '青岛重复导入示例企业1号有限公司' });
    expect(await count('青岛重复导入%')).toBe(50);
    const [links] = await server.sql<{ parks: number; sectors: number }>(
      `select (select count(*)::int from enterprise_park ep join enterprise e on e.id = ep.enterprise_id where e.name_zh like '青岛重复导入%') as parks,
              (select count(*)::int from enterprise_sector es join enterprise e on e.id = es.enterprise_id where e.name_zh like '青岛重复导入%') as sectors`,
    );
    expect(links).toEqual({ parks: 50, sectors: 100 });
    const [prov] = await server.sql<{ kinds: string[] }>(
      "select array_agg(distinct provenance_kind || ':' || provenance_source) as kinds from enterprise where name_zh like '青岛重复导入%'",
    );
    expect(prov.kinds).toEqual(['USER_ENTERED:市北区招商局']);

    const [{ n: auditBefore }] = await server.sql<{ n: number }>('select count(*)::int as n from audit_entry');
    const second = await post(csv);
    expect(second.report.totals).toMatchObject({ created: 0, updated: 0, unchanged: 50 });
    const [{ n: auditAfter }] = await server.sql<{ n: number }>('select count(*)::int as n from audit_entry');
    expect(auditAfter).toBe(auditBefore);

    // The batch is in the audit trail as one batch.
    const log = await server.gql(AuditLogDocument, { batchId: first.report.batchId, first: 100 }, admin);
    expect(log.data!.auditLog.totalCount).toBe(50);
    expect(new Set(log.data!.auditLog.edges.map((e) => e.node.action))).toEqual(new Set(['CREATE']));

    // An edited row updates only that firm, matched by credit code even under a new name.
    const edited = csv.replace('青岛重复导入示例企业7号有限公司', '青岛重复导入示例企业7号（更名）有限公司');
    const third = await post(edited);
    expect(third.report.totals).toMatchObject({ updated: 1, unchanged: 49 });
    expect(third.report.rows.find((r) => r.status === 'updated')!.line).toBe(8);
  });

  it('reads GB18030 (Excel on Chinese Windows) with Chinese names intact, detected or declared', async () => {
    const csv = firmsCsv(3, { tag: '国标编码', prefix: '9137023' });
    const bytes = iconv.encode(csv, 'gb18030');
    expect(bytes.equals(Buffer.from(csv, 'utf8'))).toBe(false);
    const detected = await post(bytes, '?dryRun=true');
    expect(detected.report).toMatchObject({ encoding: 'gb18030', totals: { created: 3 } });
    const { status, report } = await post(bytes, '?encoding=gbk');
    expect(status).toBe(200);
    const names = await server.sql<{ name_zh: string }>("select name_zh from enterprise where name_zh like '青岛国标编码%' order by name_zh");
    expect(names.map((n) => n.name_zh)).toEqual(['青岛国标编码示例企业1号有限公司', '青岛国标编码示例企业2号有限公司', '青岛国标编码示例企业3号有限公司']);
    expect(report.rows.map((r) => r.nameZh)).toContain('青岛国标编码示例企业1号有限公司');
  });

  it('reads UTF-8 with a BOM (the first header is not garbled)', async () => {
    const csv = firmsCsv(2, { tag: '带BOM', prefix: '9137024' });
    const { status, report } = await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
    expect(status).toBe(200);
    expect(report.totals.created).toBe(2);
    expect(await count('青岛带BOM%')).toBe(2);
  });

  it('English headers, JSON bodies, layer and sector codes', async () => {
    const rows = [
      {
        nameZh: '青岛英文表头示例公司',
        creditCode: syntheticCreditCode(1, '9137025'),
        layer: 'TECHNOLOGY',
        sectors: ['SMART_OCEAN', '现代农业'],
        foundedYear: 2018,
      },
    ];
    const { status, report } = await post(JSON.stringify(rows), '', editor, 'application/json');
    expect(status).toBe(200);
    expect(report.totals.created).toBe(1);
    const [firm] = await server.sql<{ layer: string; n: number }>(
      "select layer, (select count(*)::int from enterprise_sector s where s.enterprise_id = e.id) as n from enterprise e where name_zh = '青岛英文表头示例公司'",
    );
    expect(firm).toEqual({ layer: 'TECHNOLOGY', n: 2 });
  });

  it('duplicate rows inside one file are reported, not merged', async () => {
    const csv = firmsCsv(5, { tag: '文件内重复', prefix: '9137026' });
    const lines = csv.trim().split('\r\n');
    const withDuplicate = [...lines, lines[3]].join('\r\n');
    const { status, report } = await post(withDuplicate);
    expect(status).toBe(422);
    expect(report.errors.map((e) => e.line)).toEqual([7, 7]);
    expect(report.errors[0].message).toContain('line 4');
    expect(await count('青岛文件内重复%')).toBe(0);
  });

  it('reports every bad row with line, column and reason (unknown park, bad layer, bad year, new firm without layer)', async () => {
    const csv = [
      '企业名称,所属园区,产业链环节,成立年份,网站',
      '青岛多错示例甲公司,不存在的园区,应用层,2020,',
      '青岛多错示例乙公司,,中间层,20x0,ftp://x',
      '青岛多错示例丙公司,,,,',
      ',,,,',
    ].join('\n');
    const { status, report } = await post(csv);
    expect(status).toBe(422);
    expect(report.errors.map((e) => `${e.line}:${e.column}`).sort()).toEqual(
      ['2:所属园区', '3:产业链环节', '3:成立年份', '3:网站', '4:产业链环节', '5:企业名称'].sort(),
    );
  });

  const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');
  const chainNodeId = async (key: string) => Number((await server.sql<{ id: number }>('select id from chain_node where key = $1', [key]))[0].id);
  const chainLinks = async (like: string) =>
    (
      await server.sql<{ name_zh: string; nodes: string }>(
        `select e.name_zh, string_agg(n.key, ',' order by n.key) as nodes from enterprise e join enterprise_chain_node l on l.enterprise_id = e.id
           join chain_node n on n.id = l.chain_node_id where e.name_zh like $1 group by e.name_zh`,
        [like],
      )
    )
      .map((r) => `${r.name_zh}:${r.nodes}`)
      .sort();

  it('links firms to chain nodes named by path, bare name, key or ID (CSV and JSON); links are added, never removed', async () => {
    const csv = [
      '企业名称,统一社会信用代码,产业链环节,产业链节点',
      `青岛链节点示例甲公司,${syntheticCreditCode(1, '9137027')},基础层,基础层 / 智能传感器 / 图像传感器；数据标注`,
      `青岛链节点示例乙公司,${syntheticCreditCode(2, '9137027')},技术层,技术层/算法与模型/大模型、complex-algorithm-software、${gid('ChainNode', await chainNodeId('data-cleaning'))}`,
      `青岛链节点示例丙公司,${syntheticCreditCode(3, '9137027')},应用层,`,
    ].join('\n');
    const dry = await post(csv, '?dryRun=true');
    expect(dry.report).toMatchObject({ committed: false, totals: { created: 3 } });
    expect(await chainLinks('青岛链节点示例%')).toEqual([]);

    const first = await post(csv);
    expect(first.status).toBe(200);
    expect(await chainLinks('青岛链节点示例%')).toEqual([
      '青岛链节点示例乙公司:complex-algorithm-software,data-cleaning,large-models',
      '青岛链节点示例甲公司:data-labelling,sensor-image',
    ]);
    const log = await server.gql(AuditLogDocument, { batchId: first.report.batchId, first: 10 }, admin);
    const created = log.data!.auditLog.edges.map((e) => e.node.changes as Record<string, { after: unknown }>);
    expect(created.map((c) => (c.chainNodes?.after as string[] | undefined)?.length ?? 0).sort()).toEqual([0, 2, 3]);

    // The same file again changes nothing; an English path in JSON adds one link to a firm and keeps the others.
    expect((await post(csv)).report.totals).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const json = [
      { nameZh: '青岛链节点示例甲公司', chainNodes: ['Foundation layer/Smart sensors/Acoustic sensors'] },
      { nameZh: '青岛链节点示例丙公司', chainNodes: ['应用层 / 人工智能+智慧海洋 / 智慧渔业与养殖'] },
    ];
    const second = await post(JSON.stringify(json), '', editor, 'application/json');
    expect(second.status).toBe(200);
    expect(second.report.totals).toMatchObject({ updated: 2 });
    expect(await chainLinks('青岛链节点示例%')).toEqual([
      '青岛链节点示例丙公司:ocean-fishery',
      '青岛链节点示例乙公司:complex-algorithm-software,data-cleaning,large-models',
      '青岛链节点示例甲公司:data-labelling,sensor-acoustic,sensor-image',
    ]);
  });

  it('the sample file of the docs (seeds/import-sample.csv) is valid, chain nodes included', async () => {
    const { status, report } = await post(fs.readFileSync('seeds/import-sample.csv'), '?dryRun=true');
    expect(report.errors).toEqual([]);
    expect(status).toBe(200);
    expect(report.totals.rows).toBe(3);
  });

  it('an unknown, ambiguous or retired chain node is an error of its row, and nothing of the file is written', async () => {
    // Two nodes share a name under different segments; a third is retired.
    const create = async (parentKey: string, nameZh: string) => {
      const res = await server.gql(CreateChainNodeDocument, { input: { parentId: gid('ChainNode', await chainNodeId(parentKey)), nameZh } }, editor);
      expect(res.data!.createChainNode.userErrors).toEqual([]);
      return res.data!.createChainNode.chainNode!;
    };
    await create('ai-chips', '导入测试芯片');
    await create('integrated-circuits', '导入测试芯片');
    const old = await create('smart-sensors', '导入测试旧传感器');
    const retired = await server.gql(UpdateChainNodeDocument, { input: { id: old.id, expectedVersion: old.version, retired: true } }, editor);
    expect(retired.data!.updateChainNode.chainNode!.retired).toBe(true);

    const [{ n: linksBefore }] = await server.sql<{ n: number }>('select count(*)::int as n from enterprise_chain_node');
    const csv = [
      'nameZh,layer,chainNodes',
      '青岛链节点错误示例甲公司,基础层,基础层 / 智能传感器 / 图像传感器',
      '青岛链节点错误示例乙公司,基础层,基础层 / 不存在的环节',
      '青岛链节点错误示例丙公司,基础层,导入测试芯片',
      '青岛链节点错误示例丁公司,基础层,基础层 / 智能芯片 / 导入测试芯片; 基础层 / 智能传感器 / 导入测试旧传感器',
    ].join('\n');
    const { status, report } = await post(csv);
    expect(status).toBe(422);
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => `${e.line}:${e.column}`)).toEqual(['3:chainNodes', '4:chainNodes', '5:chainNodes']);
    expect(report.errors[0].message).toContain('No chain node is called "基础层 / 不存在的环节"');
    expect(report.errors[1].message).toMatch(/names 2 chain nodes \(基础层 \/ 智能芯片 \/ 导入测试芯片; 基础层 \/ 集成电路 \/ 导入测试芯片\)/);
    expect(report.errors[2].message).toContain('“基础层 / 智能传感器 / 导入测试旧传感器” is retired');
    expect(report.totals).toMatchObject({ rows: 4, invalid: 3, valid: 1 });
    expect(await count('青岛链节点错误示例%')).toBe(0);
    const [{ n: linksAfter }] = await server.sql<{ n: number }>('select count(*)::int as n from enterprise_chain_node');
    expect(linksAfter).toBe(linksBefore);
  });

  it('refuses a body declared over 50 MB with a 413 JSON error, before reading it', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${server.origin}/import/enterprises`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'content-length': String(51 * 1024 * 1024), ...editor },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          resolve({ status: res.statusCode!, body: text });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.write('企业名称\n');
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  // The crash test needs a database a second process can open while the server runs: PostgreSQL.
  const onPostgres = process.env.DATABASE_URL ? it : undefined;
  onPostgres?.('an import process killed half-way leaves none of its rows', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-kill-'));
    const file = path.join(dir, 'firms.csv');
    fs.writeFileSync(file, firmsCsv(60000, { tag: '中断', prefix: '913703' }));
    const child = spawn(process.execPath, ['-r', TRANSPILE_CACHED, 'src/cli/import.cli.ts', file], {
      env: { ...process.env, DATABASE_URL: server.config.databaseUrl, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Kill it once its transaction has begun writing rows (visible to pg_stat_activity as a running insert).
    const started = Date.now();
    let sawWrite = false;
    while (Date.now() - started < 60000 && child.exitCode === null) {
      const active = await server.sql<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where state <> 'idle' and query ilike 'insert into enterprise%'",
      );
      if (active[0].n > 0) {
        sawWrite = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(sawWrite).toBe(true);
    // PostgreSQL rolls back the dead session's transaction when its connection drops.
    await new Promise((r) => setTimeout(r, 500));
    expect(await count('青岛中断%')).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

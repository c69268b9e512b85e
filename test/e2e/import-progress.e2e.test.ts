import { createTestKey } from '../helpers/api-keys';
import { firmsCsv } from '../helpers/import-files';
import { startTestServer, TestServer } from '../helpers/test-server';

interface ProgressLine {
  type: 'progress';
  rows: number | null;
  parsed: number;
  resolved: number;
  written: number;
  toWrite: number | null;
  elapsedMs: number;
}
interface ResultLine {
  type: 'result';
  status: number;
  body: Record<string, unknown> & { totals?: Record<string, number>; errors?: Array<Record<string, unknown>> };
}

/**
 * The import's progress over HTTP (issue 19): `Accept: application/x-ndjson` streams progress
 * lines and a result line that carries what the plain request answers; all or nothing as before.
 */
describe('import progress as NDJSON', () => {
  let server: TestServer;
  let editor: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    editor = (await createTestKey(server, 'editor', '进度测试')).headers;
  });
  afterAll(() => server?.close());

  /** Posts a file asking for NDJSON and reads the answer line by line as it arrives. */
  async function streamed(
    body: string,
    type = 'text/csv',
  ): Promise<{ status: number; contentType: string | null; progress: ProgressLine[]; result: ResultLine; chunks: number }> {
    const res = await fetch(`${server.origin}/import/enterprises`, {
      method: 'POST',
      headers: { 'content-type': type, accept: 'application/x-ndjson', ...editor },
      body,
    });
    const lines: Array<ProgressLine | ResultLine> = [];
    const decoder = new TextDecoder();
    let pending = '';
    let chunks = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      chunks++;
      pending += decoder.decode(chunk, { stream: true });
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const line of complete) lines.push(JSON.parse(line));
    }
    expect(pending).toBe('');
    const result = lines.pop() as ResultLine;
    expect(result.type).toBe('result');
    expect(lines.every((l) => l.type === 'progress')).toBe(true);
    return { status: res.status, contentType: res.headers.get('content-type'), progress: lines as ProgressLine[], result, chunks };
  }
  const plain = async (body: string, type = 'text/csv') => {
    const res = await fetch(`${server.origin}/import/enterprises`, { method: 'POST', headers: { 'content-type': type, ...editor }, body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const count = async (like: string) => (await server.sql<{ n: number }>('select count(*)::int as n from enterprise where name_zh like $1', [like]))[0].n;
  const monotonic = (progress: ProgressLine[], field: 'parsed' | 'resolved' | 'written') =>
    progress.every((p, i) => i === 0 || p[field] >= progress[i - 1][field]);

  it('12,000 rows: progress lines count rows parsed, resolved and written, then the result; the rows are committed', async () => {
    const { status, contentType, progress, result } = await streamed(firmsCsv(12000, { tag: '进度甲', prefix: '9137031' }));
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/x-ndjson/);
    expect(result.status).toBe(200);
    expect(result.body.totals).toMatchObject({ rows: 12000, created: 12000, invalid: 0 });
    expect(result.body.committed).toBe(true);

    // Reading reports every thousand rows before the row count is known.
    expect(progress.filter((p) => p.rows === null).map((p) => p.parsed)).toEqual([
      1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000, 12000, 12000,
    ]);
    for (const field of ['parsed', 'resolved', 'written'] as const) expect(monotonic(progress, field)).toBe(true);
    expect(progress.some((p) => p.resolved === 12000 && p.written === 0)).toBe(true);
    // Firms are written in chunks of 10,000, each reported.
    expect(progress.filter((p) => p.toWrite !== null).map((p) => p.written)).toEqual([0, 10000, 12000]);
    expect(progress.at(-1)).toMatchObject({ rows: 12000, parsed: 12000, resolved: 12000, written: 12000, toWrite: 12000 });
    expect(await count('青岛进度甲%')).toBe(12000);
  });

  it('a file that fails while resolving writes nothing, and its result line holds what the plain answer holds', async () => {
    // The last row names a new firm without its chain layer: found only when matching against the directory.
    const csv = `${firmsCsv(3000, { tag: '进度乙', prefix: '9137032' })}青岛进度乙缺环节有限公司,,崂山区人工智能产业园,智慧海洋,,2020\r\n`;
    const { status, progress, result } = await streamed(csv);
    expect(status).toBe(200);
    expect(progress.at(-1)).toMatchObject({ parsed: 3001, resolved: 3001, written: 0, toWrite: null });
    const reference = await plain(csv);
    expect(reference.status).toBe(422);
    expect(result.status).toBe(422);
    expect(result.body).toEqual(reference.body);
    expect(result.body.errors).toEqual([{ line: 3002, column: '产业链环节', message: expect.stringMatching(/chain layer/) }]);
    expect(result.body.committed).toBe(false);
    expect(await count('青岛进度乙%')).toBe(0);
  });

  it('a failure in the middle of writing (after firms were written, before their links) leaves nothing behind', async () => {
    // A real database error raised by a trigger on the links, after the firms' chunk was written.
    await server.sql(`create function refuse_progress_links() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from enterprise where id = new.enterprise_id and name_zh like '青岛进度丙%') then
          raise exception 'links refused for the test';
        end if;
        return new;
      end $$`);
    await server.sql('create trigger refuse_progress_links before insert on enterprise_sector for each row execute function refuse_progress_links()');
    try {
      const { status, progress, result } = await streamed(firmsCsv(500, { tag: '进度丙', prefix: '9137033' }));
      expect(status).toBe(200);
      expect(progress.at(-1)).toMatchObject({ written: 500, toWrite: 500 });
      expect(result.status).toBe(500);
      expect(result.body).toMatchObject({ error: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', requestId: expect.any(String) });
      expect(JSON.stringify(result.body)).not.toMatch(/links refused|enterprise_sector/);
      expect(await count('青岛进度丙%')).toBe(0);
      const [{ n }] = await server.sql<{ n: number }>("select count(*)::int as n from audit_entry where changes::text like '%青岛进度丙%'");
      expect(n).toBe(0);
    } finally {
      await server.sql('drop trigger refuse_progress_links on enterprise_sector');
      await server.sql('drop function refuse_progress_links()');
    }
  });

  it('a JSON body that is not valid JSON: the result line carries the coded 400 of the plain answer', async () => {
    const body = '[{"企业名称": "青岛进度丁示例企业有限公司", "产业链环节": "应用层"}, {"企业名称": ';
    const { result } = await streamed(body, 'application/json');
    const reference = await plain(body, 'application/json');
    expect(reference.status).toBe(400);
    expect(result).toMatchObject({ status: 400, body: reference.body });
    expect(result.body.errors).toEqual([{ message: 'The body is not valid JSON.', extensions: { code: 'BAD_USER_INPUT' } }]);
    expect(await count('青岛进度丁%')).toBe(0);
  });

  it('a JSON body streams its progress too, and a caller that asks for JSON gets the plain report', async () => {
    const rows = [...Array(1500).keys()].map((i) => ({ 企业名称: `青岛进度戊示例企业${i + 1}号有限公司`, 产业链环节: '应用层', 重点领域: ['智慧海洋'] }));
    const { progress, result } = await streamed(JSON.stringify({ rows }), 'application/json');
    expect(progress[0]).toMatchObject({ rows: null, parsed: 1000 });
    expect(result).toMatchObject({ status: 200, body: { totals: { created: 1500 } } });
    const again = await fetch(`${server.origin}/import/enterprises`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...editor },
      body: JSON.stringify(rows),
    });
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await again.json()) as { totals: Record<string, number> }).totals).toMatchObject({ unchanged: 1500 });
  });
});

import { execFile, execFileSync } from 'node:child_process';
import http from 'node:http';
import { print } from 'graphql';
import { CreateFirmNamedDocument, FirmsByCursorDocument, SectorsDocument } from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { removeTempFiles, tempFile } from '../helpers/graph-consumers';
import { syntheticCreditCode } from '../helpers/import-files';
import { startTestServer, TestServer } from '../helpers/test-server';

/**
 * What an attacker or a careless client sends to the file routes and to GraphQL: every bad input
 * answers a coded JSON error and changes nothing, slow clients cannot hold the export slots,
 * uploads are bounded, and CSV files are safe to open in a spreadsheet.
 */

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const SQL_WORDS = /\bselect\b|insert into|syntax|invalid input|relation "|stacktrace/i;

/** Sends a GET and reads nothing: the answer fills the socket buffers and waits. */
function getWithoutReading(url: string): Promise<{ status: number; res: http.IncomingMessage; req: http.ClientRequest }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.pause();
      resolve({ status: res.statusCode ?? 0, res, req });
    });
    req.on('error', reject);
  });
}

/** Reads what is left of a paused answer until it ends or its connection closes. */
function readRest(res: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = () => resolve(Buffer.concat(chunks));
    res.on('data', (c: Buffer) => chunks.push(c));
    res.once('end', done);
    res.once('error', done);
    res.once('close', done);
    res.resume();
  });
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** nodes.csv from a graph.csv.zip, as bytes on disk, read with Python's zipfile. */
function nodesCsv(zip: Buffer): string {
  const file = tempFile('hardening.csv.zip', zip);
  return execFileSync('python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("nodes.csv").decode("utf-8"))', file], {
    encoding: 'utf8',
  });
}

describe('hardening: bad input coded, bounded transfers, safe CSV', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({
      transfers: { maxConcurrentExports: 2, exportWriteTimeoutMs: 2000, maxConcurrentImports: 1 },
      rateLimit: { anonymousPoints: 1_000_000, keyedPoints: 120, windowMs: 3_600_000 },
    });
    editor = (await createTestKey(server, 'admin', '加固测试编辑')).headers;
  }, 180_000);
  afterAll(async () => {
    removeTempFiles();
    await server?.close();
  });

  describe('tampered cursors answer 400 BAD_USER_INPUT, never SQL', () => {
    it.each([
      ['a text where the id belongs', b64('["id","abc"]'), undefined],
      ['a number too large for JSON (1e400)', b64('["id",1e400]'), undefined],
      ['an id beyond the integer range', b64('["id",99999999999]'), undefined],
      [
        'a number where the pinyin name belongs and text where the id belongs',
        b64('["name:asc",5,"x","y"]'),
        { field: 'NAME' as const, direction: 'ASC' as const },
      ],
      ['a NUL in a text key', b64('["name:asc","a\\u0000","b",1]'), { field: 'NAME' as const, direction: 'ASC' as const }],
    ])('%s', async (_what, after, orderBy) => {
      const res = await server.gql(FirmsByCursorDocument, { first: 3, after, orderBy });
      expect(res.status).toBe(400);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].message).toMatch(/"after" is not a (valid )?cursor/);
      expect(JSON.stringify(res.errors)).not.toMatch(SQL_WORDS);
    });
  });

  it('an export with a NUL in a parameter answers coded JSON 400, not an HTML page', async () => {
    for (const query of ['districts=%00', 'sectors=SMART_OCEAN%00', 'around=%00']) {
      const res = await fetch(`${server.origin}/export/graph.cyjs?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('BAD_USER_INPUT');
      expect(body.message).toMatch(/U\+0000/);
    }
    // A malformed URL escape is JSON too.
    const bad = await fetch(`${server.origin}/export/%E0%A4%A`);
    expect(bad.headers.get('content-type')).toMatch(/application\/json/);
    expect(bad.status).toBeLessThan(500);
  });

  describe('a lone UTF-16 surrogate is BAD_USER_INPUT wherever text enters, and nothing is written', () => {
    const lone = '样例企业\uD800有限公司';
    it('in a mutation', async () => {
      const res = await server.gql(CreateFirmNamedDocument, { input: { nameZh: lone, layer: 'APPLICATION' } }, editor);
      expect(res.status).toBe(400);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].message).toMatch(/lone UTF-16 surrogate.*\$input\.nameZh/);
    });
    it('in a query variable', async () => {
      const res = await server.gql(FirmsByCursorDocument, { first: 1, after: '\uDC00' });
      expect(res.status).toBe(400);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });
    it('in a JSON import and in a CSV import', async () => {
      const json = JSON.stringify([{ nameZh: '\uDBFF样例', creditCode: syntheticCreditCode(1, '9137091'), layer: 'APPLICATION' }]);
      // JSON.stringify keeps a lone surrogate as the escape \udbff: the file is valid JSON.
      expect(json).toContain('\\udbff');
      const res = await fetch(`${server.origin}/import/enterprises`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...editor },
        body: json,
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].message).toMatch(/lone UTF-16 surrogate/);
      // CESU-8 bytes of a surrogate in a CSV decode to U+FFFD: stored as the replacement
      // character, never as a lone surrogate. A dry run shows it is accepted as text.
      const csv = Buffer.concat([
        Buffer.from('企业名称,统一社会信用代码,产业链环节\r\n样例'),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from(`,${syntheticCreditCode(2, '9137091')},应用层\r\n`),
      ]);
      const dry = await fetch(`${server.origin}/import/enterprises?dryRun=true&encoding=utf-8`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...editor },
        body: csv,
      });
      expect(dry.status).toBeLessThan(500);
      const [{ n }] = await server.sql<{ n: number }>("select count(*)::int as n from enterprise where credit_code like '9137091%'");
      expect(n).toBe(0);
    });
  });

  it('an APQ hash mismatch or version 2 answers 400 with its own code', async () => {
    const query = print(SectorsDocument);
    const post = async (persistedQuery: Record<string, unknown>) => {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, extensions: { persistedQuery } }),
      });
      return { status: res.status, body: (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> } };
    };
    const mismatch = await post({ version: 1, sha256Hash: '0'.repeat(64) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    const v2 = await post({ version: 2, sha256Hash: '0'.repeat(64) });
    expect(v2.status).toBe(400);
    expect(v2.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_UNSUPPORTED_VERSION');
    for (const { body } of [mismatch, v2]) expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.js/);
  });

  it('CSV cells a spreadsheet would run are neutralised; the other formats keep the name as written', async () => {
    const names = ['=1+2 样例公司', '+86样例公司', '-3+4样例公司', '@SUM(1)样例公司'];
    // Two through the mutation, two through an import.
    for (const nameZh of names.slice(0, 2)) {
      const res = await server.gql(CreateFirmNamedDocument, { input: { nameZh, layer: 'APPLICATION' } }, editor);
      expect(res.data?.createEnterprise.userErrors).toEqual([]);
    }
    const csv = ['企业名称,统一社会信用代码,产业链环节', ...names.slice(2).map((n, i) => `${n},${syntheticCreditCode(i + 1, '9137092')},应用层`)].join('\r\n');
    const imported = await fetch(`${server.origin}/import/enterprises`, { method: 'POST', headers: { 'content-type': 'text/csv', ...editor }, body: csv });
    expect(imported.status).toBe(200);

    const zip = Buffer.from(await (await fetch(`${server.origin}/export/graph.csv.zip`)).arrayBuffer());
    const lines = nodesCsv(zip).split('\r\n');
    for (const name of names) {
      const line = lines.find((l) => l.includes(name));
      expect(line).toBeDefined();
      // The Label cell (second) is quoted and starts with a single quote.
      expect(line!.split(',')[1]).toBe(`"'${name}"`);
      // No cell of the file starts with a formula character, quoted or not.
    }
    for (const line of lines) for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);

    const cyjs = (await (await fetch(`${server.origin}/export/graph.cyjs`)).json()) as { elements: { nodes: Array<{ data: { name?: string } }> } };
    const labels = new Set(cyjs.elements.nodes.map((n) => n.data.name));
    for (const name of names) expect(labels.has(name)).toBe(true);
  });

  it('exports and the coverage SVG spend the caller’s rate-limit budget', async () => {
    const viewer = (await createTestKey(server, 'reader', '计量测试')).headers;
    const get = (path: string) => fetch(`${server.origin}${path}`, { headers: viewer });
    const first = await get('/export/graph.cyjs');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-used')).toBe('50');
    await first.arrayBuffer();
    const second = await get('/export/graph.graphml');
    expect(second.status).toBe(200);
    await second.arrayBuffer();
    const third = await get('/export/graph.gexf');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await third.json()) as { error: string }).error).toBe('RATE_LIMITED');
    // 100 of 120 used: two SVGs fit (10 each), the third does not.
    expect((await get('/export/coverage.svg')).status).toBe(200);
    expect((await get('/export/coverage.svg')).status).toBe(200);
    const svg = await get('/export/coverage.svg');
    expect(svg.status).toBe(429);
    expect(svg.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('two downloads whose clients never read lose their slots at the write timeout', async () => {
    // A graph far larger than the socket buffers between server and client (marked synthetic).
    await server.sql(
      `insert into enterprise (name_zh, name_en, layer, provenance_kind, provenance_source, provenance_verified_at)
       select '合成加固测试企业' || g, 'Synthetic hardening test firm ' || g, 'APPLICATION', 'SYNTHETIC', 'test filler (not real)', date '2026-01-01'
         from generate_series(1, 150000) g`,
    );
    const url = `${server.origin}/export/graph.graphml`;
    const stalled = [await getWithoutReading(url), await getWithoutReading(url)];
    expect(stalled.map((s) => s.status)).toEqual([200, 200]);
    const busy = await fetch(url);
    expect(busy.status).toBe(429);
    expect(((await busy.json()) as { error: string }).error).toBe('TOO_MANY_REQUESTS');
    // The write timeout (2 s here) cuts both; a new download then gets a slot.
    // The write timeout (2 s here) cuts both and frees their slots: a new download gets one.
    await until(async () => {
      const res = await fetch(`${server.origin}/export/graph.cyjs?nodeKinds=SECTOR`);
      await res.arrayBuffer();
      return res.status === 200;
    }, 15_000);
    // Waiting is the point here: one write timeout more, so the other stalled download (whose
    // last write may have been a moment later) is past its timeout too before its client reads.
    await new Promise((r) => setTimeout(r, 2000 + 1000));
    // What the stalled clients got is a truncated file, not the whole graph.
    for (const { res } of stalled) {
      const body = await readRest(res);
      expect(body.length).toBeGreaterThan(0);
      expect(body.toString('utf8').trimEnd().endsWith('</graphml>')).toBe(false);
    }
    for (const { req } of stalled) req.destroy();
  });

  it.each([
    // 52 MB: refused at once (declared) or at the 50th MB (chunked), with megabytes still to send.
    ['declared in Content-Length', `Content-Length: ${60 * 1024 * 1024}`, 52],
    ['sent chunked, refused when the 50th MB arrives', 'Transfer-Encoding: chunked', 52],
  ])("a refused upload's answer reaches a client still sending and not yet reading (%s)", async (_case, framing, megabytes) => {
    // A client in its own process sends its megabytes as fast as the server takes them, then does
    // not read for a while (as a client busy writing does). Had the server closed the connection
    // with unread bytes in its socket, the kernel would reset it and the client would read
    // "connection reset" instead of the 413.
    const client = `
      const net = require('node:net');
      const [port, auth, framing, megabytes] = process.argv.slice(1);
      const chunked = framing.startsWith('Transfer-Encoding');
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /import/enterprises HTTP/1.1\\r\\nHost: x\\r\\nContent-Type: text/csv\\r\\nAuthorization: ' + auth + '\\r\\n' + framing + '\\r\\n\\r\\n');
        const body = Buffer.alloc(1024 * 1024, 0x61);
        const chunk = chunked ? Buffer.concat([Buffer.from(body.length.toString(16) + '\\r\\n'), body, Buffer.from('\\r\\n')]) : body;
        let got = '';
        const report = (error) => { process.stdout.write(JSON.stringify({ error, got })); process.exit(0); };
        let sent = 0;
        const pump = () => {
          while (sent < Number(megabytes)) {
            sent++;
            if (!socket.write(chunk)) return void socket.once('drain', pump);
          }
          const until = Date.now() + 1500;
          while (Date.now() < until);
          socket.on('data', (d) => { got += d; if (/\\r\\n\\r\\n[\\s\\S]*\\}\\]\\}/.test(got)) report(null); });
        };
        socket.on('error', (e) => report(e.code));
        socket.on('close', () => report('closed'));
        setTimeout(() => report('timeout'), 20000);
        pump();
      });`;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['-e', client, String(new URL(server.origin).port), editor.authorization, framing, String(megabytes)], (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    );
    const { error, got } = JSON.parse(output) as { error: string | null; got: string };
    expect(error).toBeNull();
    expect(got).toMatch(/^HTTP\/1\.1 413 /);
    expect(got).toContain('PAYLOAD_TOO_LARGE');
  });

  it('at most one import at a time here (429 beyond); a 55 MB upload is refused at 50 MB without being parsed', async () => {
    // One upload that never finishes holds the only slot. The holder gets the server to itself
    // for a moment first; if another request won the slot meanwhile, it is refused and retried.
    const openHolder = () => {
      const req = http.request(`${server.origin}/import/enterprises?dryRun=true`, {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'text/csv', ...editor },
      });
      let answered = false;
      req.on('response', () => (answered = true));
      req.on('error', () => (answered = true));
      req.write('企业名称,统一社会信用代码,产业链环节\r\n');
      return { req, answered: () => answered };
    };
    let holder = openHolder();
    let second: Response | undefined;
    await until(async () => {
      if (holder.answered()) holder = openHolder();
      await new Promise((r) => setTimeout(r, 300));
      second = await fetch(`${server.origin}/import/enterprises?dryRun=true`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...editor },
        body: 'x',
      });
      return second.status === 429;
    }, 20_000);
    const refused = (await second!.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(refused.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(second!.headers.get('retry-after')).toBe('10');
    holder.req.destroy();

    // 55 MB sent chunked (no Content-Length): refused with 413 when the 50th MB arrives.
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
    const line = `样例超大文件企业有限公司,${syntheticCreditCode(1, '9137093')},应用层\r\n`;
    const chunk = Buffer.from(line.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(line))));
    let answered: { status: number; body: string } | undefined;
    await new Promise<void>((resolve) => {
      const req = http.request(
        `${server.origin}/import/enterprises`,
        { method: 'POST', headers: { 'content-type': 'text/csv', 'transfer-encoding': 'chunked', ...editor } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => {
            answered = { status: res.statusCode ?? 0, body };
            resolve();
          });
        },
      );
      req.on('error', () => resolve());
      let sent = 0;
      const pump = () => {
        while (sent < 55 * 1024 * 1024 && !answered && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        // Refused and cut off meanwhile: nothing left to end.
        if (!req.destroyed) req.end();
      };
      pump();
    });
    clearInterval(sampler);
    expect(answered?.status).toBe(413);
    expect(JSON.parse(answered!.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    // Figures for the record (the server runs in this process): no timed or memory assert.
    console.log(
      `refused 55 MB chunked upload: RSS ${Math.round(rssBefore / 1048576)} MB before, peak ${Math.round(rssPeak / 1048576)} MB (test process, server included)`,
    );
    const [{ n }] = await server.sql<{ n: number }>("select count(*)::int as n from enterprise where credit_code like '9137093%'");
    expect(n).toBe(0);
  });
});

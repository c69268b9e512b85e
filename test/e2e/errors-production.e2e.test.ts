import { parse, print, visit } from 'graphql';
import pino from 'pino';
import { SectorsDocument } from '../generated/graphql';
import { startTestServer, TestServer } from '../helpers/test-server';

// One database for the file: the development server below is a second HTTP server on it.
let server: TestServer;
const logLines: Array<Record<string, unknown>> = [];
beforeAll(async () => {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  server = await startTestServer({ production: true }, { logger });
});
afterAll(() => server?.close());

describe('errors with NODE_ENV=production', () => {
  it('an unexpected failure reaches the client as INTERNAL_SERVER_ERROR with a request id only; the log has the whole error under the same id', async () => {
    // Break the database under the server: the query's SQL now fails in a way no code expects.
    await server.sql('alter table sector rename to sector_moved_away');
    let res;
    try {
      res = await server.gql(SectorsDocument, undefined, { 'x-request-id': 'req-broken-1' });
    } finally {
      await server.sql('alter table sector_moved_away rename to sector');
    }
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors!;
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-broken-1' });
    expect(error.message).toBe('Internal server error');
    const text = JSON.stringify(res);
    for (const leak of ['select', 'sector_moved', 'relation', '.ts:', '.js:', '/work/', 'postgres://', 'stacktrace', 'at ']) {
      expect(text.toLowerCase()).not.toContain(leak);
    }
    const logged = logLines.find((l) => l.requestId === 'req-broken-1' && l.msg === 'unexpected error');
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged!.err)).toMatch(/sector/);
    expect((logged!.err as { stack?: string }).stack).toMatch(/\n\s+at /);
    // The structured request line: id, operation, duration, cost, SQL count, caller.
    const line = logLines.find((l) => l.requestId === 'req-broken-1' && l.msg === 'graphql request');
    expect(line).toMatchObject({ operationName: 'Sectors', cost: 1, caller: expect.stringMatching(/^ip:/) });
    expect(typeof line!.durationMs).toBe('number');
    expect(line!.sqlStatements).toBeGreaterThanOrEqual(1);
  });

  it('hides field suggestions ("Did you mean …?")', async () => {
    // A typo in a field name, made on the typed document's syntax tree.
    const typo = visit(parse(print(SectorsDocument)), {
      Field: (node) => (node.name.value === 'nameZh' ? { ...node, name: { ...node.name, value: 'nameZhh' } } : undefined),
    });
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: print(typo) }) });
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(res.status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toContain('nameZhh');
    expect(body.errors[0].message).not.toMatch(/Did you mean/);
  });

  it('keys never appear in logs: the caller is named by its counter', async () => {
    await server.gql(SectorsDocument, undefined, { authorization: 'Bearer super-secret-token', 'x-request-id': 'req-key-1' });
    const lines = logLines.filter((l) => l.requestId === 'req-key-1');
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(logLines)).not.toContain('super-secret-token');
  });
});

describe('errors in development', () => {
  let development: TestServer;
  beforeAll(async () => {
    development = await startTestServer({ production: false }, { sharing: server });
  });
  afterAll(() => development?.close());

  it('suggestions are shown, to help whoever writes the query', async () => {
    const typo = visit(parse(print(SectorsDocument)), {
      Field: (node) => (node.name.value === 'nameZh' ? { ...node, name: { ...node.name, value: 'nameZhh' } } : undefined),
    });
    const res = await fetch(development.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: print(typo) }) });
    const body = (await res.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0].message).toMatch(/Did you mean "nameZh"/);
  });
});

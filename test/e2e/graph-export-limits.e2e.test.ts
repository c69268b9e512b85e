import { graphReadMetrics } from '../../src/modules/graph/graph.service';
import { insertFillerFirms, until } from '../helpers/filler';
import { startTestServer, TestServer } from '../helpers/test-server';

const FILLER_FIRMS = 150_000;

/** Limits of the export: two at a time, and a client going away stops the database reads. */
describe('relation graph export limits', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    // A graph too large to sit in socket buffers, so an export is still reading when it is aborted.
    await insertFillerFirms(server, FILLER_FIRMS);
  });
  afterAll(() => server?.close());

  it('a third concurrent export gets 429 with Retry-After; aborting the others stops their reads and frees the slots', async () => {
    const before = { ...graphReadMetrics };
    const clients = [new AbortController(), new AbortController()];
    for (const client of clients) {
      const res = await fetch(`${server.origin}/export/graph.graphml`, { signal: client.signal });
      expect(res.status).toBe(200);
      const first = await res.body!.getReader().read();
      expect(first.done).toBe(false);
    }

    const third = await fetch(`${server.origin}/export/graph.gexf`);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await third.json()) as { message: string }).message).toContain('at most 2');

    for (const client of clients) client.abort();
    await until(() => graphReadMetrics.stoppedEarly >= before.stoppedEarly + 2);
    const batchesAfterAbort = graphReadMetrics.batches;
    await new Promise((r) => setTimeout(r, 500));
    expect(graphReadMetrics.batches).toBe(batchesAfterAbort);
    // Neither export read its graph to the end: the node reads stopped, the edge reads never began.
    expect(graphReadMetrics.finished).toBe(before.finished);
    expect(batchesAfterAbort - before.batches).toBeLessThan((2 * FILLER_FIRMS) / 5000);

    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      const res = await fetch(`${server.origin}/export/graph.jgf.json?nodeKinds=SECTOR`);
      status = res.status;
      await res.arrayBuffer();
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
  });
});

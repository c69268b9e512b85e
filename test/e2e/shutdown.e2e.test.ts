import http from 'node:http';
import { print } from 'graphql';
import { LargeAnswerDocument } from '../generated/graphql';
import { runServer } from '../helpers/child-server';
import { createTestDatabase } from '../helpers/test-server';

/**
 * SIGTERM while large answers are still on their way: the server process is a real child, the
 * clients read slowly through real sockets. Runs on whichever database the pass uses.
 */

interface SlowResponse {
  status: number;
  contentLength: number;
  /** Starts reading; resolves with every byte that arrived before the connection ended. */
  readAll(): Promise<Buffer>;
}

/** POSTs a query and does not read the answer until asked: the body waits in the socket buffers. */
function postWithoutReading(endpoint: string, body: string): Promise<SlowResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(endpoint, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.pause();
      resolve({
        status: res.statusCode ?? 0,
        contentLength: Number(res.headers['content-length'] ?? -1),
        readAll: () =>
          new Promise<Buffer>((done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(Buffer.concat(chunks)));
            res.on('error', () => done(Buffer.concat(chunks)));
            res.on('aborted', () => done(Buffer.concat(chunks)));
            res.resume();
          }),
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const logLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('SIGTERM with large answers in flight', () => {
  it('delivers every answer already started in full, refuses new connections, and logs the one it had to cut', async () => {
    // A copy of the seeded template: what is tested is the shutdown, not a first start (an empty
    // embedded database takes the child half a minute to create, migrate and seed).
    const database = await createTestDatabase({ seeded: true });
    const where: Record<string, string> = database.config.databaseUrl ? { DATABASE_URL: database.config.databaseUrl } : { DATA_DIR: database.config.dataDir };
    const run = runServer({
      ...where,
      LOG_LEVEL: 'info',
      RESPONSE_CACHE: 'false',
      MAX_QUERY_ALIASES: '100',
      MAX_QUERY_NODES: '100000000',
      RATE_LIMIT_ANONYMOUS: '100000000',
      SHUTDOWN_TIMEOUT_MS: '4000',
      REQUEST_TIMEOUT_MS: '60000',
    });
    try {
      const endpoint = await run.ready;
      const body = JSON.stringify({ query: print(LargeAnswerDocument) });
      // Two slow clients: one reads after the signal, one never reads.
      const [patient, stalled] = await Promise.all([postWithoutReading(endpoint, body), postWithoutReading(endpoint, body)]);
      expect(patient.status).toBe(200);
      expect(patient.contentLength).toBeGreaterThan(6_000_000);
      // Both answers are written (headers and body in one piece); most of each waits in the
      // socket buffers for its client.
      await new Promise((r) => setTimeout(r, 500));

      run.child.kill('SIGTERM');
      // New connections are refused while the answers drain.
      await until(async () => {
        try {
          await fetch(`${new URL(endpoint).origin}/healthz`);
          return false;
        } catch {
          return true;
        }
      }, 3000);
      // Long enough for any idle-connection sweep to have run.
      await new Promise((r) => setTimeout(r, 1000));
      expect(run.child.exitCode).toBeNull();

      const received = await patient.readAll();
      expect(received.length).toBe(patient.contentLength);
      const answer = JSON.parse(received.toString('utf8')) as { data: Record<string, { types: unknown[] }> };
      expect(Object.keys(answer.data)).toHaveLength(40);
      expect(answer.data.s40.types.length).toBeGreaterThan(50);

      const exit = await run.exited;
      expect(exit.code).toBe(0);
      // The answer nobody read was cut at the shutdown timeout, and the log says so.
      const cut = logLines(run.stdout()).filter((l) => l.msg === 'shutdown timeout: a response was cut off before it was complete');
      expect(cut).toHaveLength(1);
      expect(Number(cut[0].queuedBytes)).toBeGreaterThan(0);
      const stalledBytes = await stalled.readAll();
      expect(stalledBytes.length).toBeLessThan(stalled.contentLength);
      // The access log shows one complete answer (200), not two.
      expect(logLines(run.stdout()).filter((l) => l.msg === 'graphql request' && l.status === 200)).toHaveLength(1);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await database.drop();
    }
  }, 300_000);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/common/config';
import { openDatabase } from '../../src/db/database';
import { runServer, stopServers } from '../helpers/child-server';

const count = async (url: string, field: 'parks' | 'enterprises'): Promise<number> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ ${field}(first: 1) { totalCount } }` }),
  });
  const body = (await res.json()) as { data: Record<string, { totalCount: number }> };
  return body.data[field].totalCount;
};

describe('starting the server (as `npm start` does)', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'directory-start-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await stopServers();
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  it('exits non-zero within 10 s with one line naming host and port when PostgreSQL is unreachable, without the password', async () => {
    const run = runServer({ DATABASE_URL: 'postgres://directory:s3cret-pass@127.0.0.1:1/directory' });
    const { code, ms } = await run.exited;
    expect(code).not.toBe(0);
    expect(ms).toBeLessThan(10000);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('127.0.0.1:1');
    expect(run.stderr() + run.stdout()).not.toContain('s3cret-pass');
    expect(run.stderr()).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  });

  it('exits non-zero with one line naming the path when DATA_DIR is not writable', async () => {
    const blocker = path.join(tmp(), 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const run = runServer({ DATA_DIR: path.join(blocker, 'data') });
    const { code, ms } = await run.exited;
    expect(code).not.toBe(0);
    expect(ms).toBeLessThan(10000);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
    expect(run.stderr()).toContain(path.join(blocker, 'data'));
  });

  it('migrates and seeds an empty embedded database, keeps data on later starts, refuses a second server on the same folder', async () => {
    const dataDir = tmp();
    const first = runServer({ DATA_DIR: dataDir });
    const url = await first.ready;
    expect(await count(url, 'parks')).toBe(6);
    const firms = await count(url, 'enterprises');
    expect(firms).toBeGreaterThanOrEqual(60);

    const second = runServer({ DATA_DIR: dataDir });
    const refused = await second.exited;
    expect(refused.code).not.toBe(0);
    expect(second.stderr()).toMatch(/is in use by process \d+/);

    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);

    // A change made between runs must survive the next start, and seeds must not load twice.
    const db = await openDatabase({ ...loadConfig({ LOG_LEVEL: 'silent' }), databaseUrl: undefined, dataDir });
    await db.em().execute(
      `insert into park (name_zh, district, role, provenance_kind, provenance_source, provenance_verified_at)
       values ('测试园区', '李沧区', 'FEATURED', 'USER_ENTERED', 'startup test', '2026-11-27')`,
    );
    await db.close();

    const third = runServer({ DATA_DIR: dataDir });
    const url3 = await third.ready;
    expect(await count(url3, 'parks')).toBe(7);
    expect(await count(url3, 'enterprises')).toBe(firms);
    third.child.kill('SIGTERM');
    expect((await third.exited).code).toBe(0);
  }, 300_000); // three cold starts of the embedded database: slow on a busy 2-core machine
});

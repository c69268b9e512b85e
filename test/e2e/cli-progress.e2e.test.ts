import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runServer, stopServers } from '../helpers/child-server';
import { firmsCsv } from '../helpers/import-files';
import { adminQuery, withDatabase } from '../helpers/test-databases';

/**
 * Long jobs show their progress: a bar (rate, time left) in a terminal — run here under a
 * pseudo-terminal with `script -qc` — and plain lines without control characters otherwise;
 * a summary line with totals and elapsed time either way. The commands open their own embedded
 * database in a temporary folder (the server's database is not needed).
 */
const run = promisify(execFile);
const ESC = '\u001b';
let dataDir: string;

async function cli(command: string, args: string[], tty: boolean, dir = dataDir, extra: Record<string, string> = {}): Promise<{ out: string; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', DATA_DIR: dir, PROGRESS_INTERVAL_MS: '100' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  Object.assign(env, extra);
  const line = [process.execPath, `dist/src/cli/${command}.cli.js`, ...args];
  const { stdout, stderr } = tty
    ? await run('script', ['-qec', line.map((a) => `'${a}'`).join(' '), '/dev/null'], { env, encoding: 'utf8', timeout: 540000, maxBuffer: 64 * 1024 * 1024 })
    : await run(line[0], line.slice(1), { env, encoding: 'utf8', timeout: 540000, maxBuffer: 64 * 1024 * 1024 });
  return { out: stdout + stderr, stdout };
}

/** The done counts the bar drew with `unit`, e.g. [0, 1200, 3000] for "| 1200/3000 rows |". */
const frames = (out: string, unit: string) => [...out.matchAll(new RegExp(`\\| (\\d+)/(\\d+) ${unit} \\|`, 'g'))].map((m) => [Number(m[1]), Number(m[2])]);
/** Whether the bar was redrawn while the job ran, not only at its start and end. */
const movedWhileRunning = (out: string, unit: string) => frames(out, unit).some(([done, total]) => done > 0 && done < total);

/** The committed migrations, by name, in the order they apply. */
const MIGRATIONS = fs
  .readdirSync(path.join(__dirname, '../../src/db/migrations'))
  .filter((f) => /^Migration\d+_\w+\.ts$/.test(f))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

describe('progress of long commands', () => {
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-progress-'));
  });
  afterAll(async () => {
    await stopServers();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const freshDir = (name: string) => {
    const dir = path.join(dataDir, name);
    fs.mkdirSync(dir);
    return dir;
  };

  it('seed:synthetic prints plain progress lines and a summary when its output is not a terminal', async () => {
    const { out } = await cli('seed-synthetic', ['--enterprises', '2000'], false);
    expect(out).not.toContain(ESC);
    expect(out).toMatch(/^seed:synthetic: \d+\/\d+ records \(\d+ records\/s\)/m);
    expect(out).toMatch(/^seed:synthetic: \d+ records written \(\d+ links\) in \d+\.\d s$/m);
  });

  it('seed:synthetic of 100,000 firms draws a bar in a terminal that keeps moving (rising counts, rate, time left), then the summary', async () => {
    // The issue's own command: `npm run seed:synthetic -- --enterprises 100000`. On the PostgreSQL
    // pass it loads into a database of its own (created empty: the command migrates and seeds it).
    const extra: Record<string, string> = {};
    const url = process.env.DATABASE_URL;
    const database = `cli_progress_${process.pid}_${randomBytes(3).toString('hex')}`;
    if (url) {
      await adminQuery(url, `create database ${database}`);
      extra.DATABASE_URL = withDatabase(url, database);
    }
    try {
      const { out } = await cli('seed-synthetic', ['--enterprises', '100000', '--replace'], true, dataDir, extra);
      expect(out).toContain(`${ESC}[`);
      const drawn = [...out.matchAll(/seed:synthetic \[=+-*\] (\d+)% \| (\d+)\/(\d+) records \| (\d+) records\/s \| (\S+) left/g)].map((m) => ({
        done: Number(m[2]),
        total: Number(m[3]),
        rate: Number(m[4]),
        left: m[5],
      }));
      const total = drawn[drawn.length - 1]?.total;
      expect(total).toBeGreaterThan(100000);
      // Counts only rise, and many frames were drawn part-way, each with its rate and time left.
      for (let i = 1; i < drawn.length; i++) expect(drawn[i].done).toBeGreaterThanOrEqual(drawn[i - 1].done);
      const partWay = drawn.filter((f) => f.done > 0 && f.done < total);
      expect(new Set(partWay.map((f) => f.done)).size).toBeGreaterThanOrEqual(10);
      expect(partWay.filter((f) => f.rate > 0).length).toBeGreaterThanOrEqual(10);
      expect(new Set(partWay.map((f) => f.left)).size).toBeGreaterThanOrEqual(3);
      expect(drawn[drawn.length - 1].done).toBe(total);
      expect(out).toMatch(new RegExp(`^seed:synthetic: ${total} records written \\(\\d+ links\\) in \\d+\\.\\d s\\r?$`, 'm'));
      expect(out).toMatch(/loaded synthetic data \(seed 42\) into .* 100000 firms, /);
    } finally {
      if (url) await adminQuery(url, `drop database if exists ${database} with (force)`);
    }
    // 100,000 firms: about 45 s on PostgreSQL and 60 s embedded on an idle 2-core machine.
  }, 600_000);

  it('import shows plain lines without a terminal and, in one, a bar that moves through a 30,000-row file, each ending with the totals', async () => {
    const plainFile = path.join(dataDir, 'plain.csv');
    const ttyFile = path.join(dataDir, 'tty.csv');
    fs.writeFileSync(plainFile, firmsCsv(3000, { tag: '进度甲', prefix: '913704' }));
    fs.writeFileSync(ttyFile, firmsCsv(30000, { tag: '进度乙', prefix: '913705' }));

    const { out: plain } = await cli('import', [plainFile], false);
    expect(plain).not.toContain(ESC);
    expect(plain).toMatch(/^import: 0\/3000 rows \(\d+ rows\/s\)/m);
    expect(plain).toMatch(/^import: 3000 rows read, 3000 written in \d+\.\d s$/m);

    const { out: tty } = await cli('import', [ttyFile], true);
    expect(tty).toContain(`${ESC}[`);
    expect(tty).toMatch(/import \[=+-*\] \d+% \| \d+\/30000 rows \| \d+ rows\/s/);
    // Drawn part-way, not only at the start and the end: the checking, matching and writing passes show.
    expect(movedWhileRunning(tty, 'rows')).toBe(true);
    expect(tty).toMatch(/^import: 30000 rows read, 30000 written in \d+\.\d s\r?$/m);
  });

  it('export counts what it writes (plain lines off a terminal, a counter on one) and ends with the byte total', async () => {
    const out = path.join(dataDir, 'graph.graphml');
    const { out: plain } = await cli('export', ['--format', 'graphml', '--out', out], false);
    expect(plain).not.toContain(ESC);
    expect(plain).toMatch(new RegExp(`^export: ${fs.statSync(out).size} bytes written in \\d+\\.\\d s$`, 'm'));
    const { out: tty } = await cli('export', ['--format', 'jgf', '--out', path.join(dataDir, 'graph.json')], true);
    // eslint-disable-next-line no-control-regex -- the escape a terminal progress bar writes
    expect(tty).toMatch(/\u001b\[1Gexport \d+ KB \| \d+ KB\/s/);
    expect(tty).toMatch(/^export: \d+ bytes written in \d+\.\d s\r?$/m);
  }, 300_000); // two command runs, each starting Node and opening the database

  it('migrate names each migration as it applies it in plain lines off a terminal, ends with a summary, and is silent when up to date', async () => {
    const dir = freshDir('migrate-plain');
    const { out, stdout } = await cli('migrate', [], false, dir, { PROGRESS_INTERVAL_MS: '60000' });
    expect(out).not.toContain(ESC);
    const total = MIGRATIONS.length;
    expect(out).toMatch(new RegExp(`^migrate: 0/${total} migrations \\(0 migrations/s\\)`, 'm'));
    // Each migration is named once applied: they are few, so each gets its line.
    for (const [i, name] of MIGRATIONS.entries()) {
      expect(out).toMatch(new RegExp(`^migrate: ${i + 1}/${total} migrations \\([\\d.]+ migrations/s\\).* — ${name}$`, 'm'));
    }
    expect(out).toMatch(new RegExp(`^migrate: ${total} migrations applied in \\d+\\.\\d s$`, 'm'));
    expect(stdout).toContain(`applied ${MIGRATIONS.join(', ')}`);

    const again = await cli('migrate', [], false, dir);
    expect(again.out.trim()).toBe('database is up to date');
  }, 300_000);

  it('migrate draws a bar naming the migration being applied in a terminal, then the summary', async () => {
    const { out } = await cli('migrate', [], true, freshDir('migrate-tty'));
    const total = MIGRATIONS.length;
    expect(out).toContain(`${ESC}[`);
    expect(out).toMatch(new RegExp(`migrate \\[=+-*\\] \\d+% \\| \\d+/${total} migrations \\| [\\d.]+ migrations/s \\| \\S+ left \\| Migration\\d+_\\w+`));
    expect(movedWhileRunning(out, 'migrations')).toBe(true);
    expect(out).toMatch(new RegExp(`^migrate: ${total} migrations applied in \\d+\\.\\d s\\r?$`, 'm'));
  }, 300_000);

  it('the first start of the server on an empty database shows its migrations going by, then serves', async () => {
    // At the default log level: the server says it is ready in an info line.
    const run = runServer({ DATA_DIR: freshDir('first-start') });
    await run.ready;
    const total = MIGRATIONS.length;
    expect(run.stderr()).not.toContain(ESC);
    for (const [i, name] of MIGRATIONS.entries()) expect(run.stderr()).toMatch(new RegExp(`^migrate: ${i + 1}/${total} migrations .* — ${name}$`, 'm'));
    expect(run.stderr()).toMatch(new RegExp(`^migrate: ${total} migrations applied in \\d+\\.\\d s$`, 'm'));
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(0);
    // A fresh embedded database: opening, migrating and seeding it takes minutes on a busy machine.
  }, 360_000);
});

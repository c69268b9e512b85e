import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { firmsCsv } from '../helpers/import-files';

/**
 * Long jobs show their progress: a bar (rate, time left) in a terminal — run here under a
 * pseudo-terminal with `script -qc` — and plain lines without control characters otherwise;
 * a summary line with totals and elapsed time either way. The commands open their own embedded
 * database in a temporary folder (the server's database is not needed).
 */
const run = promisify(execFile);
const ESC = '\u001b';
let dataDir: string;

async function cli(command: string, args: string[], tty: boolean): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', DATA_DIR: dataDir, PROGRESS_INTERVAL_MS: '100' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const line = [process.execPath, `dist/src/cli/${command}.cli.js`, ...args];
  const { stdout, stderr } = tty
    ? await run('script', ['-qec', line.map((a) => `'${a}'`).join(' '), '/dev/null'], { env, encoding: 'utf8', timeout: 240000 })
    : await run(line[0], line.slice(1), { env, encoding: 'utf8', timeout: 240000 });
  return stdout + stderr;
}

describe('progress of long commands', () => {
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-progress-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('seed:synthetic prints plain progress lines and a summary when its output is not a terminal', async () => {
    const out = await cli('seed-synthetic', ['--enterprises', '2000'], false);
    expect(out).not.toContain(ESC);
    expect(out).toMatch(/^seed:synthetic: \d+\/\d+ records \(\d+ records\/s\)/m);
    expect(out).toMatch(/^seed:synthetic: \d+ records written \(\d+ links\) in \d+\.\d s$/m);
  });

  it('seed:synthetic draws a bar with rate and time left in a terminal, then the summary', async () => {
    const out = await cli('seed-synthetic', ['--enterprises', '2000', '--replace'], true);
    expect(out).toContain(`${ESC}[`);
    expect(out).toMatch(/seed:synthetic \[=+-*\] \d+% \| \d+\/\d+ records \| \d+ records\/s \| \S+ left/);
    expect(out).toMatch(/^seed:synthetic: \d+ records written \(\d+ links\) in \d+\.\d s\r?$/m);
  });

  it('import shows plain lines without a terminal and a bar with one, each ending with the totals', async () => {
    const plainFile = path.join(dataDir, 'plain.csv');
    const ttyFile = path.join(dataDir, 'tty.csv');
    fs.writeFileSync(plainFile, firmsCsv(3000, { tag: '进度甲', prefix: '913704' }));
    fs.writeFileSync(ttyFile, firmsCsv(3000, { tag: '进度乙', prefix: '913705' }));

    const plain = await cli('import', [plainFile], false);
    expect(plain).not.toContain(ESC);
    expect(plain).toMatch(/^import: 0\/3000 rows \(\d+ rows\/s\)/m);
    expect(plain).toMatch(/^import: 3000 rows read, 3000 written in \d+\.\d s$/m);

    const tty = await cli('import', [ttyFile], true);
    expect(tty).toContain(`${ESC}[`);
    expect(tty).toMatch(/import \[=+-*\] \d+% \| \d+\/3000 rows \| \d+ rows\/s/);
    expect(tty).toMatch(/^import: 3000 rows read, 3000 written in \d+\.\d s\r?$/m);
  });

  it('export counts what it writes (plain lines off a terminal, a counter on one) and ends with the byte total', async () => {
    const out = path.join(dataDir, 'graph.graphml');
    const plain = await cli('export', ['--format', 'graphml', '--out', out], false);
    expect(plain).not.toContain(ESC);
    expect(plain).toMatch(new RegExp(`^export: ${fs.statSync(out).size} bytes written in \\d+\\.\\d s$`, 'm'));
    const tty = await cli('export', ['--format', 'jgf', '--out', path.join(dataDir, 'graph.json')], true);
    // eslint-disable-next-line no-control-regex -- the escape a terminal progress bar writes
    expect(tty).toMatch(/\u001b\[1Gexport \d+ KB \| \d+ KB\/s/);
    expect(tty).toMatch(/^export: \d+ bytes written in \d+\.\d s\r?$/m);
  });
});

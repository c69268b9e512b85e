import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

/**
 * Every command explains itself: `--help` prints its flags and an example; a wrong flag or a
 * missing argument is one line naming it and pointing to --help, with a non-zero exit; and a
 * problem the operator must fix is one line that never shows the database password.
 */
const run = promisify(execFile);
const COMMANDS = ['migrate', 'migration-create', 'seed', 'seed-synthetic', 'export', 'import', 'keys', 'emit-schema'];

async function cli(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    // The compiled commands (the jest global setup builds dist/): what `npm start`'s build ships.
    const { stdout, stderr } = await run(process.execPath, [`dist/src/cli/${command}.cli.js`, ...args], {
      env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
      timeout: 90000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('command line help and wrong use', () => {
  it('lists a *.cli.ts file for every command this test covers', () => {
    const files = fs
      .readdirSync('src/cli')
      .filter((f) => f.endsWith('.cli.ts'))
      .map((f) => f.replace('.cli.ts', ''));
    expect(files.sort()).toEqual([...COMMANDS].sort());
  });

  it.each(COMMANDS)('%s --help prints its flags, --help itself and an example, and exits 0', async (command) => {
    const { code, stdout } = await cli(command, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^npm run [\w:]+ -- /);
    expect(stdout).toMatch(/^Flags:$/m);
    expect(stdout).toContain('-h, --help');
    expect(stdout).toMatch(/^Examples?:\n {2}npm run /m);
  });

  it.each(COMMANDS)('%s --no-such-flag answers one line naming the flag and the hint, and exits 2', async (command) => {
    const { code, stdout, stderr } = await cli(command, ['--no-such-flag']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/unknown flag --no-such-flag; run with --help/);
  });

  it('names a missing argument, a missing flag value and a bad value in one line each', async () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['import', [], /^import: missing argument <file>; run with --help\n$/],
      ['export', ['--format'], /^export: --format needs a value; run with --help\n$/],
      ['export', [], /^export: missing --format; run with --help\n$/],
      ['seed-synthetic', ['--enterprises', 'many'], /^seed:synthetic: --enterprises must be an integer from 1 to \d+, got "many"; run with --help\n$/],
      ['keys', ['create', '--name', 'x'], /^keys: create needs --role; run with --help\n$/],
      ['keys', ['rotate'], /^keys: unknown action "rotate" \(create, list or revoke\); run with --help\n$/],
    ];
    const answers = await Promise.all(cases.map(async ([command, args]) => ({ command, args, ...(await cli(command, args)) })));
    answers.forEach(({ command, args, code, stderr }, i) =>
      expect({ command, args, code, stderr }).toEqual({ command, args, code: 2, stderr: expect.stringMatching(cases[i][2]) }),
    );
  });

  it('shows the defaults of flags that have one', async () => {
    const { stdout } = await cli('seed-synthetic', ['--help']);
    expect(stdout).toMatch(/^ {2}--seed S +random seed \(default: 42\)$/m);
  });

  it('npm start answers --help with the settings it reads and their defaults, and refuses a flag in one line', async () => {
    const help = await run(process.execPath, ['dist/src/main.js', '--help'], { env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8', timeout: 90000 });
    expect(help.stdout).toMatch(/^npm run start -- /);
    expect(help.stdout).toMatch(/^Examples?:\n {2}npm start$/m);
    expect(help.stdout).toMatch(/^ {2}PORT +HTTP port .*\(default: 4000\)$/m);
    expect(help.stdout).toMatch(/^ {2}DATABASE_URL +/m);
    const wrong = await run(process.execPath, ['dist/src/main.js', '--port', '80'], {
      env: { ...process.env, NODE_OPTIONS: '' },
      encoding: 'utf8',
      timeout: 90000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('start: unknown flag --port; run with --help\n');
  });

  describe('the benchmarks (every bench script of package.json)', () => {
    const scripts = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    const benches = Object.entries(scripts)
      .map(([name, line]) => [name, /node dist\/bench\/([\w.-]+)\.js/.exec(line)?.[1]] as const)
      .filter((b): b is readonly [string, string] => b[1] !== undefined);
    // `npm run bench:*` compiles them first (tsconfig.bench.json); the test setup builds only the
    // server, so they are compiled here once, without type checks (tsc checks them in CI's typecheck).
    const out = `dist/cli-help-${process.pid}`;
    beforeAll(async () => {
      await run(
        process.execPath,
        ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.bench.json', '--noCheck', '--outDir', out, '--tsBuildInfoFile', `${out}/.tsbuildinfo`],
        {
          env: { ...process.env, NODE_OPTIONS: '' },
          timeout: 400_000,
        },
      );
    }, 420_000);
    afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
    const bench = (file: string, args: string[]) =>
      run(process.execPath, [`${out}/bench/${file}.js`, ...args], { env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8', timeout: 90000 }).then(
        ({ stdout, stderr }) => ({ code: 0 as number | null, stdout, stderr }),
        (e: { code: number | null; stdout: string; stderr: string }) => e,
      );

    it('each answers --help with its flags, its settings with defaults and an example; a wrong flag is one line, exit 2', async () => {
      expect(benches.length).toBeGreaterThanOrEqual(8);
      // Side by side: each start transpiles the bench and what it imports, seconds on a busy machine.
      const answers = await Promise.all(
        benches.map(async ([name, file]) => ({ name, help: await bench(file, ['--help']), wrong: await bench(file, ['--no-such-flag']) })),
      );
      for (const { name, help, wrong } of answers) {
        expect({ name, code: help.code }).toEqual({ name, code: 0 });
        expect(help.stdout).toMatch(new RegExp(`^npm run ${name} -- `));
        expect(help.stdout).toMatch(/^Flags:$/m);
        expect(help.stdout).toContain('-h, --help');
        expect(help.stdout).toMatch(/^Examples?:\n {2}\S/m);
        expect(help.stdout).toMatch(/^Settings \(environment variables\):\n {2}[A-Z_]+ +.*\(default: [^)]+\)$/m);
        expect({ name, code: wrong.code, stdout: wrong.stdout, stderr: wrong.stderr }).toEqual({
          name,
          code: 2,
          stdout: '',
          stderr: `${name}: unknown flag --no-such-flag; run with --help\n`,
        });
      }
    }, 600_000);
  });

  it('an unreachable database is one line without the password, exit 1', async () => {
    const { code, stderr } = await cli('migrate', [], { DATABASE_URL: 'postgres://dir:s3cret-pass@127.0.0.1:1/none', DB_CONNECT_TIMEOUT_MS: '2000' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^migrate: /);
    expect(stderr).not.toContain('s3cret-pass');
  });
});

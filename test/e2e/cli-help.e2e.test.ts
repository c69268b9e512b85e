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

  it('an unreachable database is one line without the password, exit 1', async () => {
    const { code, stderr } = await cli('migrate', [], { DATABASE_URL: 'postgres://dir:s3cret-pass@127.0.0.1:1/none', DB_CONNECT_TIMEOUT_MS: '2000' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^migrate: /);
    expect(stderr).not.toContain('s3cret-pass');
  });
});

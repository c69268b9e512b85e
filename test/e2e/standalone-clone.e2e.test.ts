import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kind, parse } from 'graphql';
import { projectFiles } from '../helpers/project-files';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '../..');

/**
 * The tests that used to read the contract and the format schemas from a folder beside the
 * repository: every contract operation against the schema and the limits, the graph exports
 * against the published GraphML, GEXF and JGF schemas, the docs' links, and the check that no
 * file points outside.
 */
const SUBSET = ['src/graphql/limits.spec.ts', 'test/unit/self-contained.spec.ts', 'test/unit/readme-examples.spec.ts', 'test/e2e/graph-export.e2e.test.ts'];

/**
 * A clone with nothing beside it: the project's files copied into an empty temporary folder
 * (node_modules linked, as `npm install` would have filled it), then built and tested there.
 */
describe('a clone in an empty folder stands alone', () => {
  let base: string;
  let clone: string;
  let scratch: string;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CONTRACT_DIR;
  delete env.JEST_WORKER_ID;
  // The clone's own Jest run builds and removes its own template database, never this run's.
  for (const name of Object.keys(env)) if (name.startsWith('TEST_TEMPLATE_')) delete env[name];

  beforeAll(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'standalone-'));
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'standalone-jest-'));
    clone = path.join(base, 'qingdao-ai-directory');
    for (const file of projectFiles(ROOT)) {
      fs.mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, file), path.join(clone, file));
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  });
  afterAll(() => {
    for (const dir of [base, scratch]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has nothing beside the clone', () => {
    expect(fs.readdirSync(base)).toEqual(['qingdao-ai-directory']);
    expect(fs.existsSync(path.join(clone, 'schema/operations/directory.graphql'))).toBe(true);
  });

  it('builds, and the explorer offers every contract operation as an example tab', async () => {
    const { stdout, stderr } = await run('npm', ['run', 'build'], { cwd: clone, env, maxBuffer: 16 * 1024 * 1024 });
    expect(stderr).not.toMatch(/no contract folder/);
    const operations = fs
      .readdirSync(path.join(clone, 'schema/operations'))
      .filter((f) => f.endsWith('.graphql'))
      .flatMap((f) => parse(fs.readFileSync(path.join(clone, 'schema/operations', f), 'utf8')).definitions)
      .flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [`${d.operation} ${d.name.value}`] : []));
    expect(operations.length).toBeGreaterThanOrEqual(10);
    expect(stdout).toContain(`web build: ${operations.length} contract examples`);
    const bundle = fs.readFileSync(path.join(clone, 'dist/public/assets/explorer.js'), 'utf8');
    expect(operations.filter((op) => !bundle.includes(op))).toEqual([]);
  }, 600_000);

  it('passes the tests that read the contract and the format schemas', async () => {
    // The build above is what the suite's global setup would do; do not repeat it.
    const noop = path.join(scratch, 'no-build.js');
    fs.writeFileSync(noop, 'module.exports = async () => {};\n');
    const report = path.join(scratch, 'report.json');
    const jest = path.join(clone, 'node_modules/jest/bin/jest.js');
    await run(process.execPath, [jest, '--ci', '--maxWorkers=1', `--globalSetup=${noop}`, '--json', `--outputFile=${report}`, ...SUBSET], {
      cwd: clone,
      env,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((err: Error & { stderr?: string }) => {
      throw new Error(`the tests failed in the clone:\n${(err.stderr ?? '').slice(-6000)}`);
    });
    const result = JSON.parse(fs.readFileSync(report, 'utf8')) as {
      numTotalTestSuites: number;
      numFailedTests: number;
      numPassedTests: number;
      testResults: Array<{ name: string; status: string }>;
    };
    expect(result.testResults.map((r) => [path.relative(clone, r.name), r.status]).sort()).toEqual(SUBSET.map((f) => [f, 'passed']).sort());
    expect(result.numFailedTests).toBe(0);
    expect(result.numPassedTests).toBeGreaterThan(20);
  }, 600_000);
});

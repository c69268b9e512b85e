import { spawn } from 'node:child_process';
import path from 'node:path';
import { needsOf, selectedTestFiles } from './test-needs';
import { buildTemplate, removeTemplate } from './test-databases';

const root = path.join(__dirname, '../..');

/**
 * Prepares what the selected tests need, and nothing more: a unit-only run (`npx jest src/`)
 * starts at once. Tests that start `node dist/src/main.js` or open the pages in a browser need a
 * current build (tsc, then web/build.js into dist/public); tests that start the server need the
 * run's seeded template database (test/helpers/test-databases.ts). The build runs in child
 * processes while the template is seeded here, so the two share the machine's cores.
 */
export default async function globalSetup(): Promise<void> {
  const needs = needsOf(selectedTestFiles(), root);
  const started = Date.now();
  const build = needs.build ? buildDist().then(() => Date.now() - started) : Promise.resolve(undefined);
  const template = needs.database ? buildTemplate() : Promise.resolve(undefined);
  const [built, seeded] = await Promise.allSettled([build, template]);
  if (built.status === 'rejected' || seeded.status === 'rejected') {
    await removeTemplate().catch(() => undefined);
    throw built.status === 'rejected' ? built.reason : (seeded as PromiseRejectedResult).reason;
  }
  const done = [
    built.value !== undefined && `built dist/ in ${(built.value / 1000).toFixed(1)} s`,
    seeded.value && `seeded the ${seeded.value.kind} template in ${(seeded.value.ms / 1000).toFixed(1)} s`,
  ].filter(Boolean);
  if (done.length) process.stderr.write(`test setup: ${done.join('; ')}\n`);
}

async function buildDist(): Promise<void> {
  await run(path.join(root, 'node_modules/typescript/bin/tsc'), ['-p', 'tsconfig.build.json']);
  await run(path.join(root, 'web/build.js'), []);
}

function run(script: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.relative(root, script)} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

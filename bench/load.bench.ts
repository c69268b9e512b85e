import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { parse, print, OperationDefinitionNode, Kind } from 'graphql';
import { CONTRACT_DIR, PROJECT_ROOT } from './paths';

/**
 * npm run bench:load: 50 concurrent clients for 60 s (BENCH_SECONDS, BENCH_CONNECTIONS) on a mix
 * of the public contract's queries, against the built server in a child process (its own
 * embedded database, or DATABASE_URL). Prints throughput, p50/p99 latency, the count of 5xx
 * (target 0) and the server's RSS after a warm-up (BENCH_WARMUP_SECONDS, 15) and at the end (target: growth ≤ 20%).
 * Rate limits are raised for the run: the bench measures the server, not the limiter.
 */

const ROOT = PROJECT_ROOT;
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 15);

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function post(url: string, body: unknown): Promise<{ data: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as { data: Record<string, unknown> };
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-load-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_ANONYMOUS: '1000000000',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // LOG_LEVEL=warn hides the "ready" line; poll the port from a listening socket instead.
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
    const timer = setInterval(() => {
      try {
        const ports = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' })
          .split('\n')
          .filter((l) => l.includes(`pid=${child.pid},`));
        const match = ports.map((l) => /127\.0\.0\.1:(\d+)/.exec(l)).find(Boolean);
        if (match) {
          clearInterval(timer);
          resolve(`http://127.0.0.1:${match[1]}/graphql`);
        }
      } catch {
        /* not yet */
      }
    }, 200);
  });

  try {
    const contract = parse(fs.readFileSync(path.join(CONTRACT_DIR, 'directory.graphql'), 'utf8'));
    const single = (name: string) => print({ ...contract, definitions: contract.definitions.filter((d) => d.kind !== Kind.OPERATION_DEFINITION || (d as OperationDefinitionNode).name?.value === name) });
    // Real IDs for the ID-taking operations.
    const firms = (await post(url, { query: single('EnterprisesFiltered'), variables: { first: 20 } })).data.enterprises as { edges: Array<{ node: { id: string } }> };
    const ids = firms.edges.map((e) => e.node.id);
    const mix = [
      { query: single('Sectors') },
      { query: single('ParksPage'), variables: { first: 6 } },
      { query: single('FirmsInParksBySector'), variables: { sector: 'SMART_OCEAN' } },
      { query: single('EnterpriseDetail'), variables: { id: ids[3] } },
      { query: single('EnterprisesFiltered'), variables: { filter: { sectors: ['INDUSTRIAL_MANUFACTURING'] }, first: 20 } },
      { query: single('PlatformsAndScenarios') },
      { query: single('Nodes'), variables: { ids: ids.slice(0, 10) } },
    ].map((body) => ({ method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

    // Warm-up, then the measured run.
    await autocannon({ url: new URL(url).origin, connections, duration: warmup, requests: mix, timeout: 30 });
    const rssStart = rssMb(child.pid!);
    let fiveXX = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ url: new URL(url).origin, connections, duration: seconds, requests: mix, timeout: 30 }, (error, res) => (error ? reject(error) : resolve(res)));
      instance.on('response', (_client, statusCode) => {
        if (statusCode >= 500) fiveXX++;
      });
    });
    const rssEnd = rssMb(child.pid!);
    const growth = ((rssEnd - rssStart) / rssStart) * 100;
    const lines = [
      `load: ${connections} clients × ${seconds} s on ${mix.length} contract queries (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`,
      `  requests      ${result.requests.total} (${result.non2xx} non-2xx, ${result.errors} socket errors, ${result.timeouts} timeouts)`,
      `  throughput    ${result.requests.average.toFixed(0)} req/s`,
      `  latency       p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
      `  5xx           ${fiveXX} (target 0)`,
      `  RSS           ${rssStart.toFixed(0)} MB after warm-up → ${rssEnd.toFixed(0)} MB at the end (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%, target ≤ 20%)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (fiveXX > 0 || growth > 20) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});

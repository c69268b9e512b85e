import fs from 'node:fs';
import { runBench } from './command';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { parse, print, OperationDefinitionNode, Kind } from 'graphql';
import { CONTRACT_DIR, PROJECT_ROOT } from './paths';
import { timedProgress } from './progress';

/**
 * npm run bench:load: 50 concurrent clients for 60 s (BENCH_SECONDS, BENCH_CONNECTIONS) on a mix
 * of the public contract's queries, against the built server in a child process (its own
 * embedded database, or DATABASE_URL). Prints throughput, p50/p99 latency, the count of 5xx
 * (target 0) and the server's RSS after a warm-up (BENCH_WARMUP_SECONDS, 15) and at the end, and its level (the
 * medians of the first and the last minute of one-second samples; target: growth ≤ 20%).
 * Then a second run (BENCH_UNIQUE_SECONDS, 300) on the same server where 30% of the requests are
 * queries never seen before (a fresh alias makes a new document and a new response-cache key),
 * the mix that made the response cache grow without bound: its RSS growth after its own warm-up
 * is reported the same way (target ≤ 20%). BENCH_UNIQUE_SECONDS=0 skips it.
 * Rate limits are raised for the run: the bench measures the server, not the limiter.
 */

const ROOT = PROJECT_ROOT;
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 15);
const uniqueSeconds = Number(process.env.BENCH_UNIQUE_SECONDS ?? 300);

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;

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
    const single = (name: string) =>
      print({
        ...contract,
        definitions: contract.definitions.filter((d) => d.kind !== Kind.OPERATION_DEFINITION || (d as OperationDefinitionNode).name?.value === name),
      });
    // Real IDs for the ID-taking operations.
    const firms = (await post(url, { query: single('EnterprisesFiltered'), variables: { first: 20 } })).data.enterprises as {
      edges: Array<{ node: { id: string } }>;
    };
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

    const origin = new URL(url).origin;
    /** Warm-up, then the measured run: requests, 5xx and RSS growth after the warm-up. */
    const measure = async (requests: autocannon.Request[], duration: number, label: string) => {
      const warming = timedProgress(`bench:load ${label} warm-up`, warmup);
      await autocannon({ url: origin, connections, duration: warmup, requests, timeout: 30 });
      warming.stop();
      const rssStart = rssMb(child.pid!);
      // RSS of a garbage-collected process is a saw-tooth (V8 lets the old space grow to a few
      // times what is live before a full collection), so two readings say more about where each
      // fell on a tooth than about growth: sample every second and compare the level of the first
      // and the last minute (their medians) too.
      const samples: number[] = [];
      const sampler = setInterval(() => samples.push(rssMb(child.pid!)), 1000);
      const running = timedProgress(`bench:load ${label}`, duration);
      let fiveXX = 0;
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon({ url: origin, connections, duration, requests, timeout: 30 }, (error, res) => (error ? reject(error) : resolve(res)));
        instance.on('response', (_client, statusCode) => {
          if (statusCode >= 500) fiveXX++;
        });
      });
      clearInterval(sampler);
      running.stop(`${result.requests.total} requests, ${fiveXX} 5xx`);
      const rssEnd = rssMb(child.pid!);
      const window = Math.min(60, Math.max(1, Math.floor(samples.length / 3)));
      const levelStart = median(samples.slice(0, window));
      const levelEnd = median(samples.slice(-window));
      return {
        result,
        fiveXX,
        rssStart,
        rssEnd,
        growth: ((rssEnd - rssStart) / rssStart) * 100,
        window,
        levelStart,
        levelEnd,
        levelGrowth: ((levelEnd - levelStart) / levelStart) * 100,
        low: Math.min(...samples),
        high: Math.max(...samples),
      };
    };
    const report = (title: string, m: Awaited<ReturnType<typeof measure>>) => [
      title,
      `  requests      ${m.result.requests.total} (${m.result.non2xx} non-2xx, ${m.result.errors} socket errors, ${m.result.timeouts} timeouts)`,
      `  throughput    ${m.result.requests.average.toFixed(0)} req/s`,
      `  latency       p50 ${m.result.latency.p50} ms, p99 ${m.result.latency.p99} ms`,
      `  5xx           ${m.fiveXX} (target 0)`,
      `  RSS           ${m.rssStart.toFixed(0)} MB after warm-up → ${m.rssEnd.toFixed(0)} MB at the end (${signed(m.growth)}%)`,
      `  RSS level     median of the first ${m.window} s ${m.levelStart.toFixed(0)} MB → of the last ${m.window} s ${m.levelEnd.toFixed(0)} MB (${signed(m.levelGrowth)}%, target ≤ 20%); range ${m.low.toFixed(0)}–${m.high.toFixed(0)} MB`,
    ];
    const where = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';

    const contractRun = await measure(mix, seconds, 'contract mix');
    const lines = report(`load: ${connections} clients × ${seconds} s on ${mix.length} contract queries (${where})`, contractRun);
    let failed = contractRun.fiveXX > 0 || contractRun.levelGrowth > 20;

    if (uniqueSeconds > 0) {
      // Seven repeated queries and three never seen before: 30% unique. Each unique one is the
      // parks page under a fresh alias (a new document, a new cache key, a real answer to store).
      let serial = 0;
      const parksPage = single('ParksPage');
      const unique: autocannon.Request = {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ query: parksPage.replace('parks(', `u${process.pid}x${serial++}: parks(`), variables: { first: 20 } }),
        }),
      };
      const uniqueRun = await measure([...mix, unique, unique, unique], uniqueSeconds, 'unique queries');
      lines.push(
        ...report(
          `load: ${connections} clients × ${uniqueSeconds} s, 30% unique queries (${where}, response cache ${process.env.RESPONSE_CACHE ?? 'on'})`,
          uniqueRun,
        ),
      );
      failed ||= uniqueRun.fiveXX > 0 || uniqueRun.levelGrowth > 20;
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    if (failed) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(
  {
    name: 'bench:load',
    summary:
      "Concurrent clients on a mix of the public contract's queries against the built server: throughput, p50/p99 latency, 5xx\ncount and the server's memory over time; then a run where 30% of the queries are new.",
    settings: [
      { variable: 'DATABASE_URL', default: 'none: the embedded database', description: 'the database the server uses' },
      { variable: 'BENCH_SECONDS', default: '60', description: 'seconds of the first run' },
      { variable: 'BENCH_CONNECTIONS', default: '50', description: 'concurrent clients' },
      { variable: 'BENCH_WARMUP_SECONDS', default: '15', description: 'warm-up before memory is measured' },
      { variable: 'BENCH_UNIQUE_SECONDS', default: '300', description: 'seconds of the run with new queries (0 skips it)' },
      { variable: 'RESPONSE_CACHE', default: 'on', description: "the server's response cache" },
    ],
    examples: ['npm run bench:load', 'BENCH_SECONDS=20 BENCH_UNIQUE_SECONDS=0 npm run bench:load'],
  },
  main,
);

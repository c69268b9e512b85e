import fs from 'node:fs';
import { runBench } from './command';
import os from 'node:os';
import path from 'node:path';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { Kind, OperationDefinitionNode, parse, print } from 'graphql';
import { startReplicatedCluster, PgServer } from '../test/helpers/pg-cluster';
import { PROJECT_ROOT } from './paths';

/**
 * npm run bench:scale: throughput of the built server with 1 and 2 workers (WORKERS), on the
 * primary alone and on the primary plus one streaming replica (DATABASE_REPLICA_URLS), on the
 * benchmark's queries (test/operations/bench.graphql: one park with 100 firms and their
 * relations; the coverage matrix). The primary and the replica are the bench's own, made from
 * the machine's PostgreSQL binaries (as the replica tests do). The response cache is off and the
 * rate limits raised: every request reaches the database. For each run it prints req/s, p50/p99
 * latency, failures, and the CPU used by the API processes, the primary and the replica (from
 * /proc), so the cost per request of each part shows even on a 2-core machine whose cores the
 * server, the databases and the load generator share. BENCH_SECONDS (15), BENCH_CONNECTIONS (16).
 * Results go to bench/results/scale.md.
 */

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds (user + system) a process and its children-by-pid have used so far. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited
    }
  }
  return ticks / TICK;
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** The postmaster and its backends. */
function postgresPids(server: PgServer): number[] {
  const postmaster = Number(fs.readFileSync(path.join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return [postmaster, ...childrenOf(postmaster)];
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist/src/main.js')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      RESPONSE_CACHE: 'false',
      RATE_LIMIT_ANONYMOUS: '1000000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const workers = Number(env.WORKERS ?? 1);
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out.slice(-2000)}`)));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const ready = workers > 1 ? /"url":"([^"]+)"[^\n]*with \d+ workers/.exec(out) : /"url":"([^"]+)"[^\n]*ready at/.exec(out);
      if (ready) resolve({ child, url: ready[1].replace('localhost', '127.0.0.1') });
    });
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

interface Run {
  label: string;
  workers: number;
  replica: boolean;
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  apiCpu: number;
  primaryCpu: number;
  replicaCpu: number;
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  const cluster = await startReplicatedCluster();
  try {
    const doc = parse(fs.readFileSync(path.join(PROJECT_ROOT, 'test/operations/bench.graphql'), 'utf8'));
    const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const text = (name: string) => print({ kind: Kind.DOCUMENT, definitions: [ops.find((o) => o.name?.value === name)!] });

    // First start migrates and seeds the primary; the replica streams it.
    const first = await startServer({ DATABASE_URL: cluster.primary.url() });
    const res = await fetch(first.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ parks(first: 1) { edges { node { id } } } }' }),
    });
    const parkId = ((await res.json()) as { data: { parks: { edges: Array<{ node: { id: string } }> } } }).data.parks.edges[0].node.id;
    await stopServer(first.child);

    const requests = [
      {
        method: 'POST' as const,
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: text('ParkFirmsDeep'), variables: { id: parkId } }),
      },
      { method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text('BenchCoverage') }) },
    ];

    const runs: Run[] = [];
    for (const replica of [false, true]) {
      for (const workers of [1, 2]) {
        const env: Record<string, string> = { DATABASE_URL: cluster.primary.url(), WORKERS: String(workers), SEED_ON_START: 'false' };
        if (replica) env.DATABASE_REPLICA_URLS = cluster.replica.url();
        const { child, url } = await startServer(env);
        const origin = new URL(url).origin;
        await autocannon({ url: origin, connections, duration: 3, requests });
        const apiPids = () => [child.pid!, ...childrenOf(child.pid!)];
        const cpu0 = { api: cpuSeconds(apiPids()), primary: cpuSeconds(postgresPids(cluster.primary)), replica: cpuSeconds(postgresPids(cluster.replica)) };
        const result = await autocannon({ url: origin, connections, duration: seconds, requests, timeout: 30 });
        const cpu1 = { api: cpuSeconds(apiPids()), primary: cpuSeconds(postgresPids(cluster.primary)), replica: cpuSeconds(postgresPids(cluster.replica)) };
        await stopServer(child);
        const elapsed = seconds;
        const run: Run = {
          label: `${workers} worker${workers > 1 ? 's' : ''}, ${replica ? 'primary + replica' : 'primary only'}`,
          workers,
          replica,
          reqPerSec: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          failures: result.non2xx + result.errors + result.timeouts,
          apiCpu: (cpu1.api - cpu0.api) / elapsed,
          primaryCpu: (cpu1.primary - cpu0.primary) / elapsed,
          replicaCpu: (cpu1.replica - cpu0.replica) / elapsed,
        };
        runs.push(run);
        console.log(
          `${run.label.padEnd(34)} ${run.reqPerSec.toFixed(0).padStart(5)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  failures ${run.failures}  CPU: API ${(run.apiCpu * 100).toFixed(0)}%  primary ${(run.primaryCpu * 100).toFixed(0)}%  replica ${(run.replicaCpu * 100).toFixed(0)}%`,
        );
      }
    }
    const loadAfter = os.loadavg();
    const perCore = (r: Run) => (r.apiCpu > 0 ? r.reqPerSec / r.apiCpu : 0);
    const lines = [
      `# bench:scale — ${new Date().toISOString()}`,
      '',
      `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), shared with the load generator, both PostgreSQL servers and other users.`,
      `Load average before: ${loadBefore.map((l) => l.toFixed(2)).join(', ')}; after: ${loadAfter.map((l) => l.toFixed(2)).join(', ')}.`,
      `Load: ${connections} connections × ${seconds} s per run (after 3 s of warm-up), alternating ParkFirmsDeep (one park, 100 firms with sectors, parks, scenarios) and BenchCoverage; response cache off, rate limits raised.`,
      '',
      '| run | req/s | p50 ms | p99 ms | failures | API CPU (cores) | primary CPU | replica CPU | req/s per API core |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...runs.map(
        (r) =>
          `| ${r.label} | ${r.reqPerSec.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.failures} | ${r.apiCpu.toFixed(2)} | ${r.primaryCpu.toFixed(2)} | ${r.replicaCpu.toFixed(2)} | ${perCore(r).toFixed(0)} |`,
      ),
      '',
    ];
    fs.mkdirSync(path.join(PROJECT_ROOT, 'bench/results'), { recursive: true });
    fs.writeFileSync(path.join(PROJECT_ROOT, 'bench/results/scale.md'), lines.join('\n'));
    fs.writeFileSync(
      path.join(PROJECT_ROOT, 'bench/results/scale.json'),
      JSON.stringify({ at: new Date().toISOString(), loadBefore, loadAfter, connections, seconds, runs }, null, 2) + '\n',
    );
    console.log(lines.join('\n'));
    if (runs.some((r) => r.failures > 0)) process.exitCode = 1;
  } finally {
    await cluster.close();
  }
}

runBench(
  {
    name: 'bench:scale',
    summary:
      "Throughput of the built server with 1 and 2 workers, on the primary alone and with a streaming replica (its own, made from\nthe machine's PostgreSQL binaries), with the CPU each part used; results in bench/results/scale.md.",
    settings: [
      { variable: 'BENCH_SECONDS', default: '15', description: 'seconds per run' },
      { variable: 'BENCH_CONNECTIONS', default: '16', description: 'concurrent clients' },
    ],
    examples: ['npm run bench:scale', 'BENCH_SECONDS=5 npm run bench:scale'],
  },
  main,
);

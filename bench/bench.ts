/**
 * npm run bench — the API against a raw-SQL floor on PostgreSQL at 10k and 100k synthetic firms,
 * plus cold start and latency on the embedded database. See docs/contributors.md ("Performance").
 *
 * Knobs (environment): DATABASE_URL (base; default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_SIZES (default 10000,100000), BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 3),
 * BENCH_REPEAT (default 3), BENCH_QUERIES (e.g. a,b,c1,c50,d,e), BENCH_CACHED (default 1),
 * BENCH_EMBEDDED (default 1), BENCH_OUT (default bench/results/latest), BENCH_RESOLVERS (default 1:
 * also measure the resolver path, EXECUTION=resolvers), BENCH_DATABASE (use this database name),
 * BENCH_API_NODE_ARGS (Node flags of the API processes; default: those of `npm start`).
 *
 * The floor: this same script started with `--floor <database url>` is a minimal HTTP server
 * that answers each question with one hand-written SQL statement whose JSON PostgreSQL builds;
 * Node only passes the text through.
 */
import { runBench } from './command';
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { Kind, OperationDefinitionNode, parse, print } from 'graphql';
import { Client, Pool } from 'pg';
import { globalIdSql, toGlobalId } from '../src/common/global-id';
import { CONTRACT_DIR, PROJECT_ROOT } from './paths';
import { ScenarioProgress, scenarioProgress } from './progress';

const ROOT = PROJECT_ROOT;
const CONTRACT = CONTRACT_DIR;
const BASE_URL = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const ONLY = process.env.BENCH_QUERIES?.split(',').map((s) => s.trim());
const CACHED = process.env.BENCH_CACHED !== '0';
const EMBEDDED = process.env.BENCH_EMBEDDED !== '0';
/** Also measure the resolver path (a second API process with EXECUTION=resolvers) beside the compiled one. */
const RESOLVERS = process.env.BENCH_RESOLVERS !== '0';
const OUT = path.resolve(ROOT, process.env.BENCH_OUT ?? 'bench/results/latest');
const SECTOR = 'SMART_OCEAN';
const TICK_MS = 10; // /proc/<pid>/stat counts CPU in clock ticks of 1/100 s on Linux

// ---------------------------------------------------------------------------------------------
// The questions: the GraphQL operation and the floor's single SQL statement for each.

interface Params {
  parkIds: number[];
  deepParkId: number;
  filter: { sectors: string[]; layers: string[] };
  page50After: string | null;
  page50: number;
  nodeIds: string[];
}

interface Case {
  key: string;
  title: string;
  operation: string;
  variables: (p: Params) => Record<string, unknown>;
  /** The floor's SQL, returning one row with one json column `body`; `$n` parameters from the variables. */
  sql: string;
  sqlParams: (variables: Record<string, unknown>) => unknown[];
}

const gid = globalIdSql;
const sectorsJson = (alias: string, withName: boolean) =>
  `(select coalesce(json_agg(json_build_object('code', s.code${withName ? `, 'nameZh', s.name_zh` : ''}) order by s.position), '[]')
      from enterprise_sector es join sector s on s.code = es.sector_code where es.enterprise_id = ${alias}.id)`;

function operation(file: string, name: string): string {
  const doc = parse(fs.readFileSync(file, 'utf8'));
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!op) throw new Error(`${file} has no operation ${name}`);
  return print(op);
}

const ALL_CASES: Case[] = [
  {
    key: 'a',
    title: '(a) FirmsInParksBySector 10 parks × 10 firms',
    operation: operation(path.join(CONTRACT, 'directory.graphql'), 'FirmsInParksBySector'),
    variables: () => ({ sector: SECTOR, parks: 10, firms: 10 }),
    sqlParams: (v) => [v.sector, v.parks, v.firms],
    sql: `select json_build_object('data', json_build_object('parks', json_build_object('edges', coalesce(json_agg(
        json_build_object('node', json_build_object('id', ${gid('Park', 'p.id')}, 'nameZh', p.name_zh, 'enterprises', json_build_object(
          'totalCount', (select count(*)::int from enterprise_park ep where ep.park_id = p.id
                           and exists (select 1 from enterprise_sector x where x.enterprise_id = ep.enterprise_id and x.sector_code = $1)),
          'edges', (select coalesce(json_agg(json_build_object('node', json_build_object('id', ${gid('Enterprise', 'e.id')}, 'nameZh', e.name_zh,
                                   'layer', e.layer, 'sectors', ${sectorsJson('e', true)})) order by e.id), '[]')
                      from (select e.* from enterprise e join enterprise_park ep on ep.enterprise_id = e.id
                             where ep.park_id = p.id and exists (select 1 from enterprise_sector x where x.enterprise_id = e.id and x.sector_code = $1)
                             order by e.id limit $3) e)))) order by p.id), '[]'))))::text as body
      from (select * from park order by id limit $2) p`,
  },
  {
    key: 'b',
    title: '(b) one park → 100 firms → sectors, parks, scenarios',
    operation: operation(path.join(ROOT, 'test/operations/bench.graphql'), 'ParkFirmsDeep'),
    variables: (p) => ({ id: toGlobalId('Park', p.deepParkId), firms: 100 }),
    sqlParams: (v) => [String(v.id), v.firms],
    sql: `select json_build_object('data', json_build_object('node', (select json_build_object('id', ${gid('Park', 'p.id')}, 'nameZh', p.name_zh,
        'enterprises', json_build_object(
          'totalCount', (select count(*)::int from enterprise_park ep where ep.park_id = p.id),
          'edges', (select coalesce(json_agg(json_build_object('node', json_build_object('id', ${gid('Enterprise', 'e.id')}, 'nameZh', e.name_zh, 'layer', e.layer,
              'sectors', ${sectorsJson('e', false)},
              'parks', json_build_object('edges', (select coalesce(json_agg(json_build_object('node', json_build_object('id', ${gid('Park', 'q.id')}, 'nameZh', q.name_zh)) order by q.id), '[]')
                  from (select q.* from park q join enterprise_park x on x.park_id = q.id where x.enterprise_id = e.id order by q.id limit 5) q)),
              'scenarios', json_build_object('edges', (select coalesce(json_agg(json_build_object('node', json_build_object('id', ${gid('Scenario', 's.id')}, 'nameZh', s.name_zh, 'status', s.status)) order by s.id), '[]')
                  from (select s.* from scenario s join scenario_provider sp on sp.scenario_id = s.id where sp.enterprise_id = e.id order by s.id limit 5) s))
            )) order by e.id), '[]')
            from (select e.* from enterprise e join enterprise_park ep on ep.enterprise_id = e.id where ep.park_id = p.id order by e.id limit $2) e)))
        from park p where p.id = split_part(convert_from(decode(rpad(translate($1, '-_', '+/'), (length($1) + 3) / 4 * 4, '='), 'base64'), 'UTF8'), ':', 2)::int)))::text as body`,
  },
  ...(['c1', 'c50'] as const).map((key): Case => ({
    key,
    title: key === 'c1' ? '(c) EnterprisesFiltered sector+layer, page 1' : '(c) EnterprisesFiltered sector+layer, page 50 (cursor)',
    operation: operation(path.join(CONTRACT, 'directory.graphql'), 'EnterprisesFiltered'),
    variables: (p) => ({ filter: p.filter, first: 20, after: key === 'c1' ? null : p.page50After }),
    sqlParams: (v) => {
      const f = v.filter as Params['filter'];
      const after = v.after ? Number(JSON.parse(Buffer.from(String(v.after), 'base64url').toString('utf8'))[1]) : 0;
      return [f.sectors[0], f.layers[0], after, v.first];
    },
    sql: `with f as (select e.* from enterprise e where e.layer = $2
                       and exists (select 1 from enterprise_sector x where x.enterprise_id = e.id and x.sector_code = $1)),
             pg as (select * from f where id > $3 order by id limit $4 + 1),
             pg2 as (select * from pg order by id limit $4)
        select json_build_object('data', json_build_object('enterprises', json_build_object(
          'totalCount', (select count(*)::int from f),
          'pageInfo', json_build_object('hasNextPage', (select count(*) from pg) > $4,
                                        'endCursor', (select translate(rtrim(encode(convert_to('["id",' || max(id) || ']', 'UTF8'), 'base64'), '='), '+/', '-_') from pg2)),
          'edges', (select coalesce(json_agg(json_build_object('node', json_build_object('id', ${gid('Enterprise', 'e.id')}, 'nameZh', e.name_zh, 'layer', e.layer,
                'sectors', ${sectorsJson('e', false)},
                'parks', json_build_object('edges', (select coalesce(json_agg(json_build_object('node', json_build_object('id', ${gid('Park', 'q.id')}, 'nameZh', q.name_zh)) order by q.id), '[]')
                  from (select q.* from park q join enterprise_park x on x.park_id = q.id where x.enterprise_id = e.id order by q.id limit 5) q))
              )) order by e.id), '[]') from pg2 e))))::text as body`,
  })),
  {
    key: 'd',
    title: '(d) Coverage (all parks × 8 sectors)',
    operation: operation(path.join(CONTRACT, 'analysis.graphql'), 'Coverage'),
    variables: () => ({}),
    sqlParams: () => [],
    sql: `with ent as (select ep.park_id, es.sector_code, count(*)::int as n from enterprise_park ep
                         join enterprise_sector es on es.enterprise_id = ep.enterprise_id group by 1, 2),
               sc as (select park_id, sector_code, count(*)::int as n from scenario group by 1, 2),
               pl as (select ip.park_id, ps.sector_code, count(*)::int as n from innovation_platform ip
                        join platform_sector ps on ps.platform_id = ip.id group by 1, 2)
        select json_build_object('data', json_build_object('coverage', json_build_object('cells', json_agg(json_build_object(
                 'park', json_build_object('id', ${gid('Park', 'p.id')}, 'nameZh', p.name_zh), 'sector', json_build_object('code', s.code),
                 'enterpriseCount', coalesce(ent.n, 0), 'scenarioCount', coalesce(sc.n, 0), 'platformCount', coalesce(pl.n, 0))
               order by p.id, s.position))))::text as body
          from park p cross join sector s
          left join ent on ent.park_id = p.id and ent.sector_code = s.code
          left join sc on sc.park_id = p.id and sc.sector_code = s.code
          left join pl on pl.park_id = p.id and pl.sector_code = s.code`,
  },
  {
    key: 'e',
    title: '(e) nodes of 100 ids',
    operation: operation(path.join(CONTRACT, 'directory.graphql'), 'Nodes'),
    variables: (p) => ({ ids: p.nodeIds }),
    sqlParams: (v) => [v.ids],
    sql: `select json_build_object('data', json_build_object('nodes', json_agg(
            case when e.id is null then null else json_build_object('id', ${gid('Enterprise', 'e.id')}, '__typename', 'Enterprise') end order by u.ord)))::text as body
          from unnest($1::text[]) with ordinality as u(gid, ord)
          left join enterprise e on e.id = split_part(convert_from(decode(rpad(translate(u.gid, '-_', '+/'), (length(u.gid) + 3) / 4 * 4, '='), 'base64'), 'UTF8'), ':', 2)::int`,
  },
];
const CASES = ALL_CASES.filter((c) => !ONLY || ONLY.includes(c.key) || ONLY.includes(c.key[0]));

// ---------------------------------------------------------------------------------------------
// The floor server (this script with --floor).

async function runFloor(url: string): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 10 });
  const byKey = new Map(CASES.map((c) => [c.key, c]));
  const server = http.createServer((req, res) => {
    const c = byKey.get((req.url ?? '').replace(/^\//, ''));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (!c) {
        res.writeHead(404).end();
        return;
      }
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: Record<string, unknown> };
      pool.query<{ body: string }>({ text: c.sql, values: c.sqlParams(variables) }).then(
        (result) => {
          const body = result.rows[0].body;
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-sql-statements': '1' }).end(body);
        },
        (error: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
        },
      );
    });
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`FLOOR ${(server.address() as AddressInfo).port}\n`);
  });
}

// ---------------------------------------------------------------------------------------------
// Child processes: the API (dist/src/main.js) and the floor.

interface Child {
  proc: ChildProcess;
  url: string;
  readyMs: number;
  stdout: string[];
}

function startChild(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, toUrl: (m: RegExpMatchArray) => string): Promise<Child> {
  const started = performance.now();
  const proc = spawn(process.execPath, args, { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  return new Promise((resolve, reject) => {
    let buffer = '';
    let done = false;
    const fail = (why: string) => {
      if (done) return;
      done = true;
      proc.kill('SIGKILL');
      reject(new Error(`${args.join(' ')}: ${why}\n${stdout.slice(-20).join('\n')}`));
    };
    const timer = setTimeout(() => fail('not ready after 120 s'), 120000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        stdout.push(line);
        if (stdout.length > 5000) stdout.shift();
        const m = !done ? ready.exec(line) : null;
        if (m) {
          done = true;
          clearTimeout(timer);
          resolve({ proc, url: toUrl(m), readyMs: performance.now() - started, stdout });
        }
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => stdout.push(chunk.toString('utf8')));
    proc.on('exit', (code) => {
      clearTimeout(timer);
      fail(`exited with ${code}`);
    });
  });
}

/**
 * The Node flags `npm start` runs the server with (package.json), so the benchmark measures the
 * process an operator runs; BENCH_API_NODE_ARGS replaces them (e.g. "" for Node's defaults).
 */
function apiNodeArgs(): string[] {
  const override = process.env.BENCH_API_NODE_ARGS;
  if (override !== undefined) return override.split(/\s+/).filter(Boolean);
  const start = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
  const m = /^node\s+(.*?)\s*dist\/src\/main\.js$/.exec(start.trim());
  return m ? m[1].split(/\s+/).filter(Boolean) : [];
}

function startApi(env: NodeJS.ProcessEnv, extraArgs: string[] = []): Promise<Child> {
  return startChild(
    [...apiNodeArgs(), ...extraArgs, path.join(ROOT, 'dist/src/main.js')],
    // The rate limit (5,000 points an hour) would turn most of a run into fast 429s: lift it.
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      SEED_ON_START: 'false',
      RESPONSE_CACHE: 'false',
      RATE_LIMIT_ANONYMOUS: '1000000000',
      ...env,
    },
    /"url":"http:\/\/[^:]+:(\d+)\/graphql"/,
    (m) => `http://127.0.0.1:${m[1]}/graphql`,
  );
}

function startFloor(url: string): Promise<Child> {
  return startChild([__filename, '--floor', url], {}, /^FLOOR (\d+)$/, (m) => `http://127.0.0.1:${m[1]}`);
}

async function stopChild(child: Child): Promise<void> {
  if (child.proc.exitCode !== null) return;
  child.proc.removeAllListeners('exit');
  await new Promise<void>((resolve) => {
    child.proc.once('exit', () => resolve());
    child.proc.kill('SIGTERM');
    setTimeout(() => child.proc.kill('SIGKILL'), 10000).unref();
  });
}

/** User + system CPU of a process so far, in ms, from /proc (the API has no private endpoints). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

// ---------------------------------------------------------------------------------------------
// Measuring.

interface Target {
  name: 'api' | 'floor' | 'cached' | 'resolvers';
  child: Child;
  endpoint: (c: Case) => string;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  errors: number;
}

interface Measured {
  conn1?: Sample;
  conn10?: Sample;
  bytes: number;
  statements: number;
  peakRssMb: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function medianSample(samples: Sample[]): Sample {
  return {
    rps: median(samples.map((s) => s.rps)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    cpuMsPerRequest: median(samples.map((s) => s.cpuMsPerRequest)),
    errors: samples.reduce((n, s) => n + s.errors, 0),
  };
}

async function once(url: string, body: string): Promise<{ text: string; statements: number; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  const parsed = JSON.parse(text) as { errors?: Array<{ message: string }> };
  if (parsed.errors?.length) throw new Error(`${url}: ${parsed.errors[0].message}`);
  return { text, statements: Number(res.headers.get('x-sql-statements')), headers: res.headers };
}

async function cannon(url: string, body: string, connections: number, duration: number): Promise<autocannon.Result> {
  return autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration, pipelining: 1 });
}

/** What one load run gave: autocannon's figures, or the sequential loop's for one connection. */
interface LoadRun {
  ok: number;
  seconds: number;
  p50: number;
  p99: number;
  failed: number;
}

/**
 * One connection, one request after another, for `duration` seconds on a keep-alive socket, each
 * timed with the monotonic clock. autocannon keeps latencies as whole milliseconds, which made a
 * 1.4 ms answer and a 1.6 ms one "1" and "2": too coarse for a ratio of 1.5 against a 1 ms floor.
 */
async function sequential(url: string, body: string, duration: number): Promise<LoadRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const target = new URL(url);
  const payload = Buffer.from(body);
  const times: number[] = [];
  let failed = 0;
  const started = performance.now();
  const until = started + duration * 1000;
  try {
    while (performance.now() < until) {
      const t0 = performance.now();
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': payload.length },
          },
          (res) => {
            res.on('data', () => {});
            res.on('end', () => resolve(res.statusCode ?? 0));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      }).catch(() => 0);
      if (status >= 200 && status < 300) times.push(performance.now() - t0);
      else failed++;
    }
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => (times.length ? times[Math.min(times.length - 1, Math.floor(q * times.length))] : NaN);
  return { ok: times.length, seconds, p50: at(0.5), p99: at(0.99), failed };
}

async function loadRun(url: string, body: string, connections: number, duration: number): Promise<LoadRun> {
  if (connections === 1) return sequential(url, body, duration);
  const r = await cannon(url, body, connections, duration);
  return { ok: r['2xx'], seconds: r.duration, p50: r.latency.p50, p99: r.latency.p99, failed: r.errors + r.non2xx + r.timeouts };
}

/** The scenario being measured (one size, or the embedded run): a step per measured load run. */
let scenario: ScenarioProgress | undefined;

async function measure(target: Target, c: Case, body: string, connections: number[]): Promise<Measured> {
  const url = target.endpoint(c);
  const first = await once(url, body);
  const out: Measured = { bytes: Buffer.byteLength(first.text), statements: first.statements, peakRssMb: 0 };
  for (const n of connections) {
    const samples: Sample[] = [];
    for (let r = 0; r < REPEAT; r++) {
      if (WARMUP > 0) await loadRun(url, body, n, WARMUP);
      const cpuBefore = cpuMs(target.child.proc.pid!);
      const result = await loadRun(url, body, n, DURATION);
      const cpu = cpuMs(target.child.proc.pid!) - cpuBefore;
      scenario?.step(`${c.key} ${target.name} ×${n} run ${r + 1}/${REPEAT}`);
      const done = result.ok;
      samples.push({
        rps: done / result.seconds,
        p50: result.p50,
        p99: result.p99,
        cpuMsPerRequest: done ? cpu / done : NaN,
        errors: result.failed,
      });
    }
    const m = medianSample(samples);
    // Failed requests are not counted as throughput but would flatter the latency: say so.
    if (m.errors > 0) console.warn(`  ${c.key}: ${m.errors} failed requests against ${target.name} at ${n} connection(s); figures are not comparable`);
    if (n === 1) out.conn1 = m;
    else out.conn10 = m;
  }
  out.peakRssMb = peakRssMb(target.child.proc.pid!);
  return out;
}

/** Compares the data and errors of two answers, ignoring key order and `extensions` (the API's cost report). */
function sameData(a: string, b: string): boolean {
  const norm = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(norm)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([k, w]) => [k, norm(w)]),
          )
        : v;
  const answer = (text: string) => {
    const { data, errors } = JSON.parse(text) as { data?: unknown; errors?: unknown };
    return JSON.stringify(norm({ data, errors }));
  };
  return answer(a) === answer(b);
}

// ---------------------------------------------------------------------------------------------
// Data.

function dbUrl(name: string): string {
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

function sizeLabel(n: number): string {
  return n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

async function ensureData(size: number): Promise<string> {
  // BENCH_DATABASE names the database to use (one size only), for a machine shared with others.
  const name = process.env.BENCH_DATABASE?.trim() || `bench_${sizeLabel(size)}`;
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`create database ${name}`);
  await admin.end();
  const url = dbUrl(name);
  const check = new Client({ connectionString: url });
  await check.connect();
  let have: number;
  try {
    have = (await check.query(`select count(*)::int as n from enterprise where provenance_kind = 'SYNTHETIC'`)).rows[0].n;
  } catch {
    have = 0; // not migrated yet
  } finally {
    await check.end();
  }
  if (have === size) {
    console.log(`${name}: ${have} synthetic firms already loaded`);
    return url;
  }
  console.log(`${name}: loading ${size} synthetic firms (once)…`);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const proc = spawn(process.execPath, [path.join(ROOT, 'dist/src/cli/seed-synthetic.cli.js'), '--enterprises', String(size), '--seed', '42', '--replace'], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: 'inherit',
    });
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed:synthetic exited with ${code}`))));
  });
  console.log(`${name}: loaded in ${Math.round((performance.now() - started) / 1000)} s`);
  return url;
}

async function chooseParams(url: string, api: string): Promise<Params> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [deep] = (await client.query(`select park_id as id from enterprise_park group by park_id order by count(*) desc, park_id limit 1`)).rows;
    const [combo] = (
      await client.query(
        `select es.sector_code as sector, e.layer, count(*)::int as n from enterprise e join enterprise_sector es on es.enterprise_id = e.id
          group by 1, 2 order by 3 desc limit 1`,
      )
    ).rows;
    const ids = (await client.query(`select id from enterprise where provenance_kind = 'SYNTHETIC' order by id`)).rows.map((r: { id: number }) => Number(r.id));
    const step = Math.max(1, Math.floor(ids.length / 100));
    const nodeIds = ids
      .filter((_, i) => i % step === 0)
      .slice(0, 100)
      .map((id) => toGlobalId('Enterprise', id));
    const parkIds = (await client.query('select id from park order by id limit 10')).rows.map((r: { id: number }) => r.id);
    const filter = { sectors: [combo.sector as string], layers: [combo.layer as string] };
    // Walk to page 50 once (or the last full page when the filter has fewer firms).
    const page50 = Math.max(1, Math.min(50, Math.floor(combo.n / 20)));
    let after: string | null = null;
    const op = CASES.find((c) => c.key.startsWith('c'))?.operation;
    if (op) {
      for (let page = 1; page < page50; page++) {
        const { text } = await once(api, JSON.stringify({ query: op, variables: { filter, first: 20, after } }));
        after = (JSON.parse(text) as { data: { enterprises: { pageInfo: { endCursor: string } } } }).data.enterprises.pageInfo.endCursor;
      }
    }
    return { parkIds, deepParkId: Number(deep.id), filter, page50After: after, page50, nodeIds };
  } finally {
    await client.end();
  }
}

/** The SQL the API runs for one request, captured from MikroORM's query log, with EXPLAIN ANALYZE of the largest. */
async function explainApi(url: string, cases: Case[], params: Params): Promise<Record<string, string>> {
  const child = await startApi({ DATABASE_URL: url, SQL_DEBUG: 'true', NO_COLOR: '1', FORCE_COLOR: '0' });
  const client = new Client({ connectionString: url });
  await client.connect();
  const out: Record<string, string> = {};
  try {
    for (const c of cases.filter((x) => ['a', 'b', 'c50'].includes(x.key))) {
      const mark = child.stdout.length;
      await once(child.url, JSON.stringify({ query: c.operation, variables: c.variables(params) }));
      await new Promise((r) => setTimeout(r, 200));
      const statements = child.stdout
        .slice(mark)
        // eslint-disable-next-line no-control-regex -- strips the terminal colour codes of the SQL log
        .map((line) => /\[query\] (.*?)(?: \[took [^\]]*\])?$/.exec(line.replace(/\x1b\[[0-9;]*m/g, ''))?.[1])
        .filter((s): s is string => !!s);
      const main = statements.sort((x, y) => y.length - x.length)[0];
      if (!main) {
        out[c.key] = '(no statement captured)';
        continue;
      }
      const plan = (await client.query(`explain (analyze, costs off, timing on) ${main}`)).rows.map((r: Record<string, string>) => r['QUERY PLAN']);
      out[c.key] = `-- ${statements.length} statements; the largest:\n${main}\n\n${plan.join('\n')}`;
    }
  } finally {
    await client.end();
    await stopChild(child);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The run.

/** What the answer says it rests on (extensions.dataNotice): counts per provenance kind. */
function noticeSummary(text: string): string {
  try {
    const notice = (JSON.parse(text) as { extensions?: { dataNotice?: { counts: Record<string, number> } } }).extensions?.dataNotice;
    return notice
      ? Object.entries(notice.counts)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(', ')
      : '–';
  } catch {
    return '?';
  }
}

interface CaseResult {
  key: string;
  title: string;
  sameAnswer: boolean;
  /** The answer's extensions.dataNotice counts (e.g. "SYNTHETIC 100"), or "–" when it carries none. */
  dataNotice: string;
  api: Measured;
  floor: Measured;
  cached?: Measured;
  /** The same API with EXECUTION=resolvers (the path before the read compiler). */
  resolvers?: Measured;
  /** Which path the API's answer came from (its x-execution header). */
  execution: string;
}

interface SizeResult {
  size: number;
  params: Params;
  cases: CaseResult[];
  explain: Record<string, string>;
}

async function benchSize(size: number): Promise<SizeResult> {
  const url = await ensureData(size);
  const api = await startApi({ DATABASE_URL: url });
  const floor = await startFloor(url);
  const resolvers = RESOLVERS ? await startApi({ DATABASE_URL: url, EXECUTION: 'resolvers' }) : undefined;
  let cached: Child | undefined;
  try {
    const params = await chooseParams(url, api.url);
    console.log(
      `\n== ${sizeLabel(size)} firms: deep park ${params.deepParkId}, filter ${JSON.stringify(params.filter)}, page ${params.page50}, ${params.nodeIds.length} node ids`,
    );
    // Per case: api and floor at 1 and 10 connections, then the cached api at 10; REPEAT runs each.
    scenario = scenarioProgress(`bench ${sizeLabel(size)}`, CASES.length * REPEAT * (4 + (CACHED ? 1 : 0)));
    const targets: Target[] = [
      { name: 'api', child: api, endpoint: () => api.url },
      { name: 'floor', child: floor, endpoint: (c) => `${floor.url}/${c.key}` },
    ];
    const results: CaseResult[] = [];
    for (const c of CASES) {
      const body = JSON.stringify({ query: c.operation, variables: c.variables(params) });
      const apiFirst = await once(api.url, body);
      const apiText = apiFirst.text;
      const execution = apiFirst.headers.get('x-execution') ?? '?';
      const floorText = (await once(`${floor.url}/${c.key}`, body)).text;
      const sameAnswer = sameData(apiText, floorText);
      if (!sameAnswer) console.warn(`  ${c.key}: the floor's answer differs from the API's (compare with BENCH_QUERIES=${c.key})`);
      const [apiM, floorM] = [await measure(targets[0], c, body, [1, 10]), await measure(targets[1], c, body, [1, 10])];
      let resolversM: Measured | undefined;
      if (resolvers) {
        const resolverText = (await once(resolvers.url, body)).text;
        if (!sameData(apiText, resolverText)) console.warn(`  ${c.key}: the resolver path's answer differs from the compiled one`);
        resolversM = await measure({ name: 'resolvers', child: resolvers, endpoint: () => resolvers.url }, c, body, [1, 10]);
      }
      results.push({ key: c.key, title: c.title, sameAnswer, dataNotice: noticeSummary(apiText), api: apiM, floor: floorM, resolvers: resolversM, execution });
      console.log(
        `  ${c.key} (${execution}): api ${apiM.conn10!.rps.toFixed(0)} req/s, resolvers ${resolversM?.conn10?.rps.toFixed(0) ?? '–'}, floor ${floorM.conn10!.rps.toFixed(0)} req/s; ` +
          `p50@1 ${apiM.conn1!.p50} vs ${floorM.conn1!.p50} ms; CPU ms/req ${apiM.conn10!.cpuMsPerRequest.toFixed(2)} / ${resolversM?.conn10?.cpuMsPerRequest.toFixed(2) ?? '–'} / ${floorM.conn10!.cpuMsPerRequest.toFixed(2)}; ${apiM.statements} statements`,
      );
    }
    if (CACHED) {
      cached = await startApi({ DATABASE_URL: url, RESPONSE_CACHE: 'true' });
      const target: Target = { name: 'cached', child: cached, endpoint: () => cached!.url };
      for (const r of results) {
        const c = CASES.find((x) => x.key === r.key)!;
        const body = JSON.stringify({ query: c.operation, variables: c.variables(params) });
        await once(cached.url, body);
        r.cached = await measure(target, c, body, [10]);
      }
    }
    scenario.finish();
    const explain = await explainApi(url, CASES, params);
    return { size, params, cases: results, explain };
  } finally {
    scenario = undefined;
    await stopChild(api);
    await stopChild(floor);
    if (resolvers) await stopChild(resolvers);
    if (cached) await stopChild(cached);
  }
}

interface EmbeddedResult {
  coldStartMs: number;
  readyMs: number;
  p50: Record<string, number>;
  nodeIds: number;
}

/** Cold start on a fresh embedded data folder with the shipped seeds, then p50 of each query at 1 connection. */
async function benchEmbedded(): Promise<EmbeddedResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-embedded-'));
  const started = performance.now();
  const child = await startApi({ DATA_DIR: dataDir, SEED_ON_START: 'true', DATABASE_URL: '' });
  try {
    const probe = JSON.stringify({
      query: CASES.find((c) => c.key === 'a')?.operation ?? '{ sectors { code } }',
      variables: { sector: SECTOR, parks: 10, firms: 10 },
    });
    await once(child.url, probe);
    const coldStartMs = performance.now() - started;
    // Parameters on the seeds, read through the API itself (the embedded database has one owner).
    const sql = async <T>(query: string): Promise<T> => JSON.parse((await once(child.url, JSON.stringify({ query }))).text).data as T;
    const parks = await sql<{ parks: { edges: Array<{ node: { id: string; enterprises: { totalCount: number } } }> } }>(
      '{ parks(first: 100) { edges { node { id enterprises(first: 1) { totalCount } } } } }',
    );
    const deep = [...parks.parks.edges].sort((x, y) => y.node.enterprises.totalCount - x.node.enterprises.totalCount)[0].node.id;
    const firms = await sql<{ enterprises: { edges: Array<{ node: { id: string } }> } }>('{ enterprises(first: 100) { edges { node { id } } } }');
    const params: Params = {
      parkIds: [],
      deepParkId: Number(Buffer.from(deep, 'base64url').toString('utf8').split(':')[1]),
      filter: { sectors: [SECTOR], layers: ['APPLICATION'] },
      page50After: null,
      page50: 1,
      nodeIds: firms.enterprises.edges.map((e) => e.node.id),
    };
    const p50: Record<string, number> = {};
    scenario = scenarioProgress('bench embedded', CASES.filter((x) => x.key !== 'c50').length * REPEAT);
    for (const c of CASES.filter((x) => x.key !== 'c50')) {
      const body = JSON.stringify({ query: c.operation, variables: c.variables(params) });
      await once(child.url, body);
      const m = await measure({ name: 'api', child, endpoint: () => child.url }, c, body, [1]);
      p50[c.key] = m.conn1!.p50;
    }
    scenario.finish();
    return { coldStartMs, readyMs: child.readyMs, p50, nodeIds: params.nodeIds.length };
  } finally {
    scenario = undefined;
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Report.

const f0 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(0));
const f1 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(1));
const f2 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(2));

function markdown(sizes: SizeResult[], embedded: EmbeddedResult | undefined, meta: Record<string, unknown>): string {
  const lines: string[] = [];
  lines.push(
    `Run ${meta.when}; ${meta.cpus} CPUs, load average ${meta.loadBefore} before and ${meta.loadAfter} after; ` +
      `${meta.duration} s measured after ${meta.warmup} s warm-up, median of ${meta.repeat}.`,
    '',
  );
  for (const s of sizes) {
    lines.push(`### ${sizeLabel(s.size)} synthetic firms (PostgreSQL)`, '');
    lines.push(
      '| query | API req/s @10 | floor req/s @10 | API/floor | API p50 @1 ms | floor p50 @1 ms | p50 ×floor | API p99 @1 | API p50 @10 | API p99 @10 | floor p99 @10 | bytes | SQL/req | API CPU ms/req | cached req/s @10 | cached/floor | same answer | data notice |',
    );
    lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|---|');
    for (const r of s.cases) {
      const a = r.api;
      const fl = r.floor;
      lines.push(
        `| ${r.title} | ${f0(a.conn10?.rps)} | ${f0(fl.conn10?.rps)} | ${f2(a.conn10!.rps / fl.conn10!.rps)} | ${f2(a.conn1?.p50)} | ${f2(fl.conn1?.p50)} | ${f2(a.conn1!.p50 / fl.conn1!.p50)} | ` +
          `${f2(a.conn1?.p99)} | ${f1(a.conn10?.p50)} | ${f1(a.conn10?.p99)} | ${f1(fl.conn10?.p99)} | ${a.bytes} | ${a.statements} | ${f2(a.conn10?.cpuMsPerRequest)} | ` +
          `${f0(r.cached?.conn10?.rps)} | ${r.cached ? f2(r.cached.conn10!.rps / fl.conn10!.rps) : '–'} | ${r.sameAnswer ? 'yes' : 'no'} | ${r.dataNotice} |`,
      );
    }
    const rss = Math.max(...s.cases.map((r) => r.api.peakRssMb));
    lines.push(
      '',
      `Peak API RSS under load: ${f0(rss)} MB. Floor CPU ms/req (10 conns): ${s.cases.map((r) => `${r.key} ${f2(r.floor.conn10?.cpuMsPerRequest)}`).join(', ')}.`,
      '',
    );
    if (s.cases.some((r) => r.resolvers)) {
      lines.push(`#### Compiled vs resolvers vs floor, ${sizeLabel(s.size)} (10 connections unless marked)`, '');
      lines.push(
        '| query | path | compiled req/s | resolvers req/s | floor req/s | compiled/floor | compiled/resolvers | p50 @1 ms: compiled / resolvers / floor | CPU ms/req: compiled / resolvers / floor |',
      );
      lines.push('|---|---|--:|--:|--:|--:|--:|---|---|');
      for (const r of s.cases) {
        const c = r.api.conn10!;
        const v = r.resolvers?.conn10;
        const fl = r.floor.conn10!;
        lines.push(
          `| ${r.title} | ${r.execution} | ${f0(c.rps)} | ${f0(v?.rps)} | ${f0(fl.rps)} | ${f2(c.rps / fl.rps)} | ${v ? f2(c.rps / v.rps) : '–'} | ` +
            `${f2(r.api.conn1?.p50)} / ${f2(r.resolvers?.conn1?.p50)} / ${f2(r.floor.conn1?.p50)} | ${f2(c.cpuMsPerRequest)} / ${f2(v?.cpuMsPerRequest)} / ${f2(fl.cpuMsPerRequest)} |`,
        );
      }
      const resolverRss = Math.max(...s.cases.map((r) => r.resolvers?.peakRssMb ?? 0));
      lines.push('', `Peak RSS under load: compiled ${f0(rss)} MB, resolvers ${f0(resolverRss)} MB.`, '');
    }
  }
  if (embedded) {
    lines.push('### Embedded database (PGlite), shipped seeds', '');
    lines.push(`Cold start to first answer: ${f0(embedded.coldStartMs)} ms (process ready after ${f0(embedded.readyMs)} ms).`, '');
    lines.push('| query | p50 @1 ms |', '|---|--:|');
    for (const [k, v] of Object.entries(embedded.p50)) lines.push(`| ${CASES.find((c) => c.key === k)?.title ?? k} | ${f1(v)} |`);
    lines.push('', `(e) uses the ${embedded.nodeIds} firm ids the seeds hold; (c) page 1 only.`, '');
  }
  return lines.join('\n');
}

interface Check {
  target: string;
  holds: boolean;
  detail: string;
}

function targets(sizes: SizeResult[]): Check[] {
  const checks: Check[] = [];
  const main = ['a', 'b', 'c1', 'c50', 'e'];
  for (const s of sizes) {
    for (const r of s.cases.filter((x) => main.includes(x.key))) {
      const ratio = r.api.conn10!.rps / r.floor.conn10!.rps;
      checks.push({ target: `${sizeLabel(s.size)} ${r.key}: throughput @10 ≥ 40% of floor`, holds: ratio >= 0.4, detail: `${(ratio * 100).toFixed(0)}%` });
      const lat = r.api.conn1!.p50 / r.floor.conn1!.p50;
      checks.push({ target: `${sizeLabel(s.size)} ${r.key}: p50 @1 ≤ 2.5× floor`, holds: lat <= 2.5, detail: `${lat.toFixed(2)}×` });
    }
    for (const r of s.cases.filter((x) => x.cached)) {
      const ratio = r.cached!.conn10!.rps / r.floor.conn10!.rps;
      checks.push({ target: `${sizeLabel(s.size)} ${r.key}: cached throughput ≥ floor`, holds: ratio >= 1, detail: `${ratio.toFixed(2)}×` });
    }
    const rss = Math.max(...s.cases.map((r) => r.api.peakRssMb));
    checks.push({ target: `${sizeLabel(s.size)}: API RSS under load < 300 MB`, holds: rss < 300, detail: `${rss.toFixed(0)} MB` });
    // Issue 15 (the read compiler): compiled throughput ≥ 70% of the floor, p50 @1 ≤ 1.5× the
    // floor's, CPU per request at 10k, RSS < 200 MB, and the resolver path measured beside it.
    const cpuTargets: Record<string, number> = { a: 3, b: 3, c1: 2, c50: 2, e: 0.8 };
    for (const r of s.cases.filter((x) => main.includes(x.key))) {
      const ratio = r.api.conn10!.rps / r.floor.conn10!.rps;
      checks.push({
        target: `${sizeLabel(s.size)} ${r.key}: compiled throughput @10 ≥ 70% of floor`,
        holds: ratio >= 0.7,
        detail: `${(ratio * 100).toFixed(0)}% (${r.execution})`,
      });
      const lat = r.api.conn1!.p50 / r.floor.conn1!.p50;
      checks.push({ target: `${sizeLabel(s.size)} ${r.key}: compiled p50 @1 ≤ 1.5× floor`, holds: lat <= 1.5, detail: `${lat.toFixed(2)}×` });
      if (s.size === 10000 && cpuTargets[r.key] !== undefined) {
        const cpu = r.api.conn10!.cpuMsPerRequest;
        checks.push({
          target: `10k ${r.key}: compiled CPU ≤ ${cpuTargets[r.key]} ms/request`,
          holds: cpu <= cpuTargets[r.key],
          detail: `${cpu.toFixed(2)} ms`,
        });
      }
    }
    checks.push({ target: `${sizeLabel(s.size)}: API RSS under load < 200 MB`, holds: rss < 200, detail: `${rss.toFixed(0)} MB` });
  }
  if (sizes.length >= 2) {
    const [small, large] = [sizes[0], sizes[sizes.length - 1]];
    for (const r of large.cases) {
      const s = small.cases.find((x) => x.key === r.key);
      if (!s) continue;
      checks.push({
        target: `${r.key}: SQL statements equal at ${sizeLabel(small.size)} and ${sizeLabel(large.size)}`,
        holds: s.api.statements === r.api.statements,
        detail: `${s.api.statements} / ${r.api.statements}`,
      });
      if (main.includes(r.key)) {
        const ratio = r.api.conn1!.p50 / s.api.conn1!.p50;
        checks.push({
          target: `${r.key}: p50 @1 at ${sizeLabel(large.size)} within 1.5× of ${sizeLabel(small.size)}`,
          holds: ratio <= 1.5,
          detail: `${ratio.toFixed(2)}×`,
        });
      }
    }
  }
  return checks;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--floor') return runFloor(process.argv[3]);
  if (!fs.existsSync(path.join(ROOT, 'dist/src/main.js'))) throw new Error('build first: npm run build');
  const loadBefore = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  const started = performance.now();
  const sizes: SizeResult[] = [];
  for (const size of SIZES) sizes.push(await benchSize(size));
  const embedded = EMBEDDED ? await benchEmbedded() : undefined;
  const meta = {
    when: new Date().toISOString(),
    cpus: os.cpus().length,
    loadBefore,
    loadAfter: os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' '),
    duration: DURATION,
    warmup: WARMUP,
    repeat: REPEAT,
    node: process.version,
    totalSeconds: Math.round((performance.now() - started) / 1000),
  };
  const checks = targets(sizes);
  let md = markdown(sizes, embedded, meta);
  md +=
    '\n### Targets\n\n| target | holds | measured |\n|---|:-:|--:|\n' +
    checks.map((c) => `| ${c.target} | ${c.holds ? 'yes' : '**no**'} | ${c.detail} |`).join('\n') +
    '\n';
  if (embedded) md += `| embedded cold start < 5 s | ${embedded.coldStartMs < 5000 ? 'yes' : '**no**'} | ${f0(embedded.coldStartMs)} ms |\n`;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(`${OUT}.json`, JSON.stringify({ meta, sizes, embedded, checks }, null, 2));
  fs.writeFileSync(`${OUT}.md`, md);
  const explains = sizes.flatMap((s) => Object.entries(s.explain).map(([key, text]) => `-- EXPLAIN ANALYZE, ${sizeLabel(s.size)}, query ${key}\n${text}\n`));
  fs.writeFileSync(`${OUT}.explain.txt`, explains.join('\n'));
  for (const text of explains) console.log(`\n${text}`);
  console.log(`\n${md}`);
  console.log(`wrote ${OUT}.json, ${OUT}.md and ${OUT}.explain.txt in ${meta.totalSeconds} s`);
}

runBench(
  {
    name: 'bench',
    summary:
      'Every benchmark: the API against a raw-SQL floor on PostgreSQL at 10k and 100k synthetic firms, plus cold start and latency on\nthe embedded database; a progress bar or lines per scenario, results in BENCH_OUT. See docs/contributors.md ("Performance").',
    flags: { floor: { type: 'string', value: 'URL', description: 'internal: serve as the raw-SQL floor on the database at URL (the bench starts itself so)' } },
    settings: [
      {
        variable: 'DATABASE_URL',
        default: 'postgres://postgres@127.0.0.1:5432/postgres',
        description: 'the PostgreSQL server to create the bench databases on',
      },
      { variable: 'BENCH_SIZES', default: '10000,100000', description: 'synthetic firm counts to measure' },
      { variable: 'BENCH_DURATION', default: '10', description: 'seconds per measurement' },
      { variable: 'BENCH_WARMUP', default: '3', description: 'warm-up seconds' },
      { variable: 'BENCH_REPEAT', default: '3', description: 'repeats per measurement' },
      { variable: 'BENCH_QUERIES', default: 'all', description: 'only these questions, e.g. a,b,c1,c50,d,e' },
      { variable: 'BENCH_CACHED', default: '1', description: 'also measure with the response cache; 0 skips it' },
      { variable: 'BENCH_EMBEDDED', default: '1', description: 'also measure the embedded database; 0 skips it' },
      { variable: 'BENCH_RESOLVERS', default: '1', description: 'also measure the resolver path (EXECUTION=resolvers); 0 skips it' },
      { variable: 'BENCH_OUT', default: 'bench/results/latest', description: 'where the results go' },
      { variable: 'BENCH_DATABASE', default: 'bench_<size>', description: 'use this database name' },
      { variable: 'BENCH_API_NODE_ARGS', default: 'the flags of `npm start`', description: 'Node flags for the API processes' },
    ],
    examples: ['npm run bench', 'BENCH_SIZES=10000 BENCH_DURATION=5 npm run bench'],
  },
  main,
);

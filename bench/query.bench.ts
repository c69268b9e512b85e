/**
 * npm run bench:query — latency of the query-side contract operations on PostgreSQL with 100k
 * synthetic firms, each beside the plain SQL statement that computes the same answer.
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench_query; created when missing),
 * BENCH_ENTERPRISES (default 100000), BENCH_SEED (42), BENCH_RUNS (30).
 */
import { runBench } from './command';
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { Kind, OperationDefinitionNode, parse, print } from 'graphql';
import { Client } from 'pg';
import pino from 'pino';
import { startApp } from '../src/app';
import { loadConfig } from '../src/common/config';
import { toGlobalId } from '../src/common/global-id';
import { bootstrapDatabase } from '../src/db/bootstrap';
import { openDatabase } from '../src/db/database';
import { countSynthetic, loadSynthetic } from '../src/db/synthetic/load';
import { CONTRACT_DIR } from './paths';
import { scenarioProgress } from './progress';

const URL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/bench_query';
const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 100000);
const SEED = Number(process.env.BENCH_SEED ?? 42);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const CONTRACT = CONTRACT_DIR;

interface Case {
  name: string;
  operation: string;
  variables?: Record<string, unknown>;
  /** The plain SQL that computes the same answer, with its parameters. */
  sql: [string, unknown[]];
}

function operation(file: string, name: string): string {
  const doc = parse(fs.readFileSync(path.join(CONTRACT, file), 'utf8'));
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!op) throw new Error(`${file} has no operation ${name}`);
  return print(op);
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`will not create database "${name}": use a plain lower-case name`);
      await client.query(`create database ${name}`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

async function ensureData(url: string): Promise<void> {
  const config = { ...loadConfig(), databaseUrl: url };
  const db = await openDatabase(config);
  try {
    await bootstrapDatabase(db, { seed: true });
    const have = await countSynthetic(db.em());
    if (have.enterprises === ENTERPRISES) {
      console.log(`data: ${have.enterprises} synthetic firms already loaded`);
      return;
    }
    const started = performance.now();
    const report = await loadSynthetic(db.em(), { enterprises: ENTERPRISES, seed: SEED }, { replace: true });
    console.log(
      `data: loaded ${report.enterprises} synthetic firms, ${report.parks} parks, ${report.platforms} platforms, ${report.scenarios} scenarios in ${Math.round(performance.now() - started)} ms`,
    );
  } finally {
    await db.close();
  }
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

async function timeIt(fn: () => Promise<void>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim() || URL_DEFAULT;
  await ensureDatabase(url);
  await ensureData(url);

  const config = {
    ...loadConfig({ ...process.env, NODE_ENV: 'production', RATE_LIMIT_ANONYMOUS: '1000000000', RESPONSE_CACHE: 'false' }),
    databaseUrl: url,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    seedOnStart: false,
  };
  const app = await startApp(config, pino({ level: 'silent' }));
  const endpoint = `http://127.0.0.1:${app.port}/graphql`;
  const sql = new Client({ connectionString: url });
  await sql.connect();
  try {
    const [sizes] = (
      await sql.query(
        `select (select count(*) from enterprise)::int as firms, (select count(*) from park)::int as parks,
                (select count(*) from innovation_platform)::int as platforms, (select count(*) from scenario)::int as scenarios`,
      )
    ).rows;
    console.log(`database: ${JSON.stringify(sizes)}; ${RUNS} runs after ${WARMUP} warm-up runs; NODE_ENV=production semantics\n`);

    const send = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { errors?: Array<{ message: string }> };
      if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors[0].message}`);
      // A cached answer would measure the cache, not the query.
      if (res.headers.get('x-cache') === 'HIT') throw new Error('the response cache answered; run with RESPONSE_CACHE=false');
      return Number(res.headers.get('x-sql-statements'));
    };

    const schemaFields = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { fields { name } } } }' }),
    }).then(async (r) =>
      ((await r.json()) as { data: { __schema: { queryType: { fields: Array<{ name: string }> } } } }).data.__schema.queryType.fields.map((f) => f.name),
    );

    const cases: Case[] = [
      {
        name: 'Coverage (all parks × 8 sectors)',
        operation: operation('analysis.graphql', 'Coverage'),
        sql: [
          `select p.id, p.name_zh, s.code, coalesce(e.n, 0) as firms, coalesce(sc.n, 0) as scenarios, coalesce(pl.n, 0) as platforms
             from park p cross join sector s
             left join (select ep.park_id, es.sector_code, count(*) as n from enterprise_park ep
                          join enterprise_sector es on es.enterprise_id = ep.enterprise_id group by 1, 2) e
                    on e.park_id = p.id and e.sector_code = s.code
             left join (select park_id, sector_code, count(*) as n from scenario group by 1, 2) sc on sc.park_id = p.id and sc.sector_code = s.code
             left join (select ip.park_id, ps.sector_code, count(*) as n from innovation_platform ip
                          join platform_sector ps on ps.platform_id = ip.id group by 1, 2) pl on pl.park_id = p.id and pl.sector_code = s.code
            order by p.id, s.position`,
          [],
        ],
      },
      {
        name: 'EnterpriseFacets (no filter)',
        operation: operation('analysis.graphql', 'EnterpriseFacets'),
        variables: {},
        sql: [facetsSql(''), []],
      },
      {
        name: 'EnterpriseFacets (sector SMART_OCEAN)',
        operation: operation('analysis.graphql', 'EnterpriseFacets'),
        variables: { filter: { sectors: ['SMART_OCEAN'] } },
        sql: [facetsSql(`where exists (select 1 from enterprise_sector x where x.enterprise_id = e.id and x.sector_code = $1)`), ['SMART_OCEAN']],
      },
      {
        name: 'EnterprisesFiltered (sector + layer, first 20)',
        operation: operation('directory.graphql', 'EnterprisesFiltered'),
        variables: { filter: { sectors: ['SMART_OCEAN'], layers: ['FOUNDATION'] } },
        sql: [
          `with f as (select e.id from enterprise e where e.layer = $2
                        and exists (select 1 from enterprise_sector x where x.enterprise_id = e.id and x.sector_code = $1))
           select (select count(*) from f) as total, e.id, e.name_zh, e.layer,
                  array(select es.sector_code from enterprise_sector es join sector s on s.code = es.sector_code where es.enterprise_id = e.id order by s.position) as sectors,
                  array(select p.name_zh from enterprise_park ep join park p on p.id = ep.park_id where ep.enterprise_id = e.id order by p.id limit 5) as parks
             from enterprise e where e.id in (select id from f order by id limit 21) order by e.id limit 21`,
          ['SMART_OCEAN', 'FOUNDATION'],
        ],
      },
    ];
    if (schemaFields.includes('search')) {
      const search = operation('analysis.graphql', 'Search');
      const like = (q: string) => [`select count(*) from enterprise where name_zh like $1`, [`%${q}%`]] as [string, unknown[]];
      cases.push(
        { name: 'Search Chinese substring 澜汐', operation: search, variables: { q: '澜汐' }, sql: like('澜汐') },
        { name: 'Search pinyin "lanxi"', operation: search, variables: { q: 'lanxi' }, sql: like('澜汐') },
        { name: 'Search initials "lx"', operation: search, variables: { q: 'lx' }, sql: like('澜汐') },
      );
    }

    const rows: string[][] = [];
    const progress = scenarioProgress('bench:query', cases.length, 'queries');
    for (const c of cases) {
      let statements = 0;
      const api = await timeIt(async () => {
        statements = await send(c.operation, c.variables);
      });
      const plain = await timeIt(async () => {
        await sql.query(c.sql[0], c.sql[1]);
      });
      rows.push([
        c.name,
        api.median.toFixed(1),
        api.p95.toFixed(1),
        plain.median.toFixed(1),
        plain.p95.toFixed(1),
        (api.median / plain.median).toFixed(2),
        String(statements),
      ]);
      progress.step(c.name);
    }
    progress.finish();
    printTable(['query', 'API median ms', 'API p95 ms', 'SQL median ms', 'SQL p95 ms', 'API/SQL', 'SQL statements'], rows);
    console.log('\nTargets: coverage and facets under 150 ms, each within 2× its plain SQL. Search rows appear when the schema has `search`.');
    console.log(`Park IDs look like ${toGlobalId('Park', 1)}; plain SQL runs on its own connection, the API through HTTP with its own pool.`);
  } finally {
    await sql.end();
    await app.close();
  }
}

/** Plain SQL for the facets: total, sector, layer, park (with name) and district counts. */
function facetsSql(where: string): string {
  return `with f as materialized (select e.id, e.layer from enterprise e ${where})
    select 'total' as dim, null as key, count(*) as n from f
    union all select 'layer', layer, count(*) from f group by layer
    union all select 'sector', es.sector_code, count(*) from f join enterprise_sector es on es.enterprise_id = f.id group by es.sector_code
    union all select 'park', p.name_zh, n from (select ep.park_id, count(*) as n from f join enterprise_park ep on ep.enterprise_id = f.id group by ep.park_id) x join park p on p.id = x.park_id
    union all select 'district', p.district, count(distinct f.id) from f join enterprise_park ep on ep.enterprise_id = f.id join park p on p.id = ep.park_id group by p.district`;
}

function printTable(header: string[], rows: string[][]): void {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c + ' '.repeat(widths[i] - width(c)) : ' '.repeat(widths[i] - width(c)) + c)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

runBench(
  {
    name: 'bench:query',
    summary:
      'Latency of the query-side contract operations on PostgreSQL with 100k synthetic firms, each beside the plain SQL statement\nthat computes the same answer.',
    settings: [
      { variable: 'DATABASE_URL', default: 'postgres://postgres@127.0.0.1:5432/bench_query', description: 'the database (created when missing)' },
      { variable: 'BENCH_ENTERPRISES', default: '100000', description: 'synthetic firms' },
      { variable: 'BENCH_SEED', default: '42', description: 'synthetic data seed' },
      { variable: 'BENCH_RUNS', default: '30', description: 'runs per operation' },
    ],
    examples: ['npm run bench:query', 'BENCH_RUNS=10 npm run bench:query'],
  },
  main,
);

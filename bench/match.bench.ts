import 'reflect-metadata';
import { runBench } from './command';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { startApp } from '../src/app';
import { loadConfig } from '../src/common/config';
import { bootstrapDatabase } from '../src/db/bootstrap';
import { openDatabase } from '../src/db/database';
import { toGlobalId } from '../src/common/global-id';
import { normaliseWeights } from '../src/modules/matching/match-formula';
import { gapCandidatesQuery, scoredPairs, SqlFragment } from '../src/modules/matching/match.sql';
import { PROJECT_ROOT } from './paths';
import { scenarioProgress } from './progress';

/**
 * npm run bench:match: median and p95 latency (30 runs after 3 warm-ups) of matchEnterprisesForPark,
 * matchParksForEnterprise and chainGaps over HTTP on PostgreSQL with 100k synthetic firms, beside
 * the plain SQL statement that computes the same ranking. Target: under 300 ms each.
 *
 * DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/bench_match (created when missing).
 * With fewer SYNTHETIC firms than BENCH_FIRMS (default 100000), it runs
 * `npm run seed:synthetic -- --enterprises N` when the project has that script, and otherwise stops
 * and says what to run.
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const FIRMS = Number(process.env.BENCH_FIRMS ?? 100_000);
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/bench_match';

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.replace(/^\//, '');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await c.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await c.end();
  }
}

async function syntheticFirms(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(`select count(*)::int as n from enterprise where provenance_kind = 'SYNTHETIC'`)).rows[0].n;
  } finally {
    await c.end();
  }
}

async function prepare(url: string): Promise<void> {
  await ensureDatabase(url);
  const db = await openDatabase(loadConfig({ ...process.env, DATABASE_URL: url }));
  try {
    await bootstrapDatabase(db, { seed: true });
  } finally {
    await db.close();
  }
  const have = await syntheticFirms(url);
  if (have >= FIRMS) return;
  const scripts = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  if (!scripts['seed:synthetic']) {
    throw new Error(
      `bench:match needs ${FIRMS} SYNTHETIC firms in ${url} and finds ${have}. This branch has no synthetic generator yet: ` +
        `run \`DATABASE_URL=${url} npm run seed:synthetic -- --enterprises ${FIRMS}\` once it exists (src/db/synthetic), or fill the database yourself, then run this again.`,
    );
  }
  process.stderr.write(`generating ${FIRMS} synthetic firms with npm run seed:synthetic…\n`);
  execFileSync('npm', ['run', 'seed:synthetic', '--', '--enterprises', String(FIRMS)], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } });
  const now = await syntheticFirms(url);
  if (now < FIRMS) throw new Error(`seed:synthetic left ${now} SYNTHETIC firms; ${FIRMS} are needed.`);
}

function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

async function time(fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

/** `?` placeholders (MikroORM) to `$n` (pg). */
function toPg(q: SqlFragment): { text: string; values: unknown[] } {
  let n = 0;
  return { text: q.sql.replace(/\?/g, () => `$${++n}`), values: q.bindings };
}

const MATCH_FIRMS = `query($p: ID!) { matchEnterprisesForPark(parkId: $p, first: 10) { score enterprise { id nameZh } reasons { kind detail contribution } } }`;
const MATCH_PARKS = `query($e: ID!) { matchParksForEnterprise(enterpriseId: $e, first: 6) { score park { id nameZh } reasons { kind detail contribution } } }`;
const CHAIN_GAPS = `query($p: ID!) { chainGaps(parkId: $p) { sector { code } missingLayers candidates(first: 5) { edges { node { id nameZh layer } } } } }`;

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? DEFAULT_URL;
  await prepare(url);
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const app = await startApp(
    loadConfig({
      ...process.env,
      DATABASE_URL: url,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_ANONYMOUS: '1000000000',
      RESPONSE_CACHE: 'false',
    }),
    pino({ level: 'silent' }),
  );
  try {
    const counts = (
      await pg.query(`select (select count(*)::int from enterprise) as firms, (select count(*)::int from park) as parks,
      (select count(*)::int from scenario) as scenarios, (select count(*)::int from innovation_platform) as platforms`)
    ).rows[0];
    // The busiest park, and a synthetic firm of median link count, are the cases measured.
    const park = (await pg.query('select park_id as id from enterprise_park group by park_id order by count(*) desc, park_id limit 1')).rows[0].id as number;
    const firm = (await pg.query(`select id from enterprise where provenance_kind = 'SYNTHETIC' order by id offset $1 limit 1`, [Math.floor(FIRMS / 2)]))
      .rows[0].id as number;
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(`http://127.0.0.1:${app.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body;
    };
    const weights = normaliseWeights(null);
    const firmsSql = scoredPairs({ parkIds: [park], enterpriseIds: null }, weights);
    const parksSql = scoredPairs({ parkIds: null, enterpriseIds: [firm] }, weights);
    const plainFirms = toPg({
      sql: `select enterprise_id, score from (${firmsSql.sql}) sc where score > 0 order by score desc, enterprise_id limit 10`,
      bindings: firmsSql.bindings,
    });
    const plainParks = toPg({
      sql: `select park_id, score from (${parksSql.sql}) sc where score > 0 order by score desc, park_id limit 6`,
      bindings: parksSql.bindings,
    });
    const plainGaps = toPg(gapCandidatesQuery([park], weights, { offset: 0, limit: 5 }));

    const rows: Array<Record<string, string>> = [];
    const cases: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      ['matchEnterprisesForPark (first 10)', () => gql(MATCH_FIRMS, { p: toGlobalId('Park', park) }), () => pg.query(plainFirms.text, plainFirms.values)],
      ['matchParksForEnterprise (first 6)', () => gql(MATCH_PARKS, { e: toGlobalId('Enterprise', firm) }), () => pg.query(plainParks.text, plainParks.values)],
      ['chainGaps (candidates first 5)', () => gql(CHAIN_GAPS, { p: toGlobalId('Park', park) }), () => pg.query(plainGaps.text, plainGaps.values)],
    ];
    const progress = scenarioProgress('bench:match', cases.length, 'queries');
    for (const [name, api, sql] of cases) {
      const a = await time(api);
      const s = await time(sql);
      progress.step(name);
      rows.push({
        query: name,
        'API median ms': a.median.toFixed(1),
        'API p95 ms': a.p95.toFixed(1),
        'SQL median ms': s.median.toFixed(1),
        'SQL p95 ms': s.p95.toFixed(1),
        'target <300 ms': a.p95 < 300 ? 'met' : 'MISSED',
      });
    }
    progress.finish();
    process.stdout.write(
      `${counts.firms} firms, ${counts.parks} parks, ${counts.scenarios} scenarios, ${counts.platforms} platforms; park ${park}, firm ${firm}; ${RUNS} runs each\n`,
    );
    console.table(rows);
  } finally {
    await pg.end();
    await app.close();
  }
}

runBench(
  {
    name: 'bench:match',
    summary:
      'Median and p95 latency of matchEnterprisesForPark, matchParksForEnterprise and chainGaps over HTTP on PostgreSQL with 100k\nsynthetic firms, beside the plain SQL statement that computes the same ranking.',
    settings: [
      { variable: 'DATABASE_URL', default: 'postgres://postgres@127.0.0.1:5432/bench_match', description: 'the database (created when missing)' },
      { variable: 'BENCH_FIRMS', default: '100000', description: 'synthetic firms (loaded when fewer)' },
      { variable: 'BENCH_RUNS', default: '30', description: 'runs per operation' },
    ],
    examples: ['npm run bench:match', 'BENCH_RUNS=10 npm run bench:match'],
  },
  main,
);

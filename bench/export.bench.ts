import 'reflect-metadata';
import { runBench } from './command';
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../src/common/config';
import { bootstrapDatabase } from '../src/db/bootstrap';
import { openDatabase } from '../src/db/database';
import { GRAPH_FORMATS, formatByName } from '../src/modules/graph/formats';
import { exportGraph, snapshotModeFor } from '../src/modules/graph/graph.export';
import { graphReadMetrics } from '../src/modules/graph/graph.service';
import { scenarioProgress } from './progress';

/**
 * npm run bench:export: exports the whole graph of the database at DATABASE_URL in every format
 * and prints elements (nodes + edges) per second and the peak RSS of the process that did it
 * (one child process per format, so each peak is its own). Targets: ≥100k elements/s, <250 MB.
 *
 * The database is expected to hold the synthetic graph already (npm run seed:synthetic). With
 * BENCH_FILL_FIRMS=N and fewer SYNTHETIC firms than N, a minimal filler adds them first (each
 * firm in one park, serving two sectors; provenance SYNTHETIC).
 */

async function fill(target: number): Promise<void> {
  const db = await openDatabase(loadConfig());
  try {
    await bootstrapDatabase(db, { seed: true });
    const em = db.em();
    const [{ n }] = (await em.execute(`select count(*)::int as n from enterprise where provenance_kind = 'SYNTHETIC'`)) as Array<{ n: number }>;
    if (Number(n) >= target) return;
    const add = target - Number(n);
    process.stderr.write(`filling ${add} SYNTHETIC firms…\n`);
    await em.execute(
      `insert into enterprise (name_zh, name_en, layer, provenance_kind, provenance_source, provenance_verified_at)
       select '合成企业' || g, 'Synthetic firm ' || g, (array['FOUNDATION','TECHNOLOGY','APPLICATION'])[1 + g % 3],
              'SYNTHETIC', 'bench/export.bench.ts filler (invented, not real)', current_date
         from generate_series(1, ${add}) g`,
    );
    await em.execute(
      `insert into enterprise_park (enterprise_id, park_id)
       select e.id, a.ids[1 + e.id % array_length(a.ids, 1)]
         from enterprise e, (select array_agg(id order by id) as ids from park) a
        where e.provenance_kind = 'SYNTHETIC' and not exists (select 1 from enterprise_park x where x.enterprise_id = e.id)`,
    );
    await em.execute(
      `insert into enterprise_sector (enterprise_id, sector_code)
       select e.id, s.codes[1 + (e.id + k) % array_length(s.codes, 1)]
         from enterprise e, (select array_agg(code order by position) as codes from sector) s, generate_series(0, 1) k
        where e.provenance_kind = 'SYNTHETIC' and not exists (select 1 from enterprise_sector x where x.enterprise_id = e.id)`,
    );
    await em.execute('analyze');
  } finally {
    await db.close();
  }
}

/** Child: one export into a byte counter; prints one JSON line. */
async function runOne(name: string): Promise<void> {
  const format = formatByName(name)!;
  const db = await openDatabase(loadConfig());
  try {
    const started = performance.now();
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        cb();
      },
    });
    await pipeline(await exportGraph(db.em(), format, {}, { snapshot: snapshotModeFor(db.kind) }), sink);
    const seconds = (performance.now() - started) / 1000;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ format: format.name, elements: graphReadMetrics.elements, seconds, bytes, peakRssMb })}\n`);
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const one = process.argv.indexOf('--one');
  if (one >= 0) return runOne(process.argv[one + 1]);
  if (!process.env.DATABASE_URL) {
    process.stderr.write('bench:export needs DATABASE_URL (a PostgreSQL database holding the synthetic graph; see npm run seed:synthetic).\n');
    process.exit(2);
  }
  if (process.env.BENCH_FILL_FIRMS) await fill(Number(process.env.BENCH_FILL_FIRMS));
  const rows: Array<Record<string, string>> = [];
  const progress = scenarioProgress('bench:export', GRAPH_FORMATS.length, 'formats');
  for (const format of GRAPH_FORMATS) {
    // Children run the compiled script when this is compiled, so ts-node's compiler is not in the RSS.
    const loader = __filename.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : [];
    const out = execFileSync(process.execPath, [...loader, __filename, '--one', format.name], {
      encoding: 'utf8',
      env: process.env,
    });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { format: string; elements: number; seconds: number; bytes: number; peakRssMb: number };
    const rate = r.elements / r.seconds;
    rows.push({
      format: r.format,
      elements: String(r.elements),
      seconds: r.seconds.toFixed(2),
      'elements/s': Math.round(rate).toLocaleString('en'),
      MB: (r.bytes / 1e6).toFixed(1),
      'peak RSS MB': r.peakRssMb.toFixed(0),
      targets: rate >= 100_000 && r.peakRssMb < 250 ? 'met' : 'MISSED',
    });
    progress.step(`${r.format}: ${r.elements} elements in ${r.seconds.toFixed(1)} s`);
  }
  progress.finish();
  console.table(rows);
}

runBench(
  {
    name: 'bench:export',
    summary: 'Exports the whole graph of the database at DATABASE_URL in every format and prints elements per second and the peak RSS\nof each export.',
    flags: { one: { type: 'string', value: 'FORMAT', description: 'internal: export one format in this process (the bench starts itself so)' } },
    settings: [
      { variable: 'DATABASE_URL', default: 'none', description: 'required: the database holding the synthetic graph (npm run seed:synthetic)' },
      { variable: 'BENCH_FILL_FIRMS', default: 'none', description: 'first add a minimal filler up to N synthetic firms' },
    ],
    examples: ['DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_100k npm run bench:export'],
  },
  main,
);

import 'reflect-metadata';
import { runBench } from './command';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig } from '../src/common/config';
import { creditCodeCheckCharacter } from '../src/common/credit-code';
import { readCsv } from '../src/common/import/read-table';
import { bootstrapDatabase } from '../src/db/bootstrap';
import { openDatabase } from '../src/db/database';
import { importEnterprises } from '../src/modules/enterprise/enterprise.import';
import { startProgress } from '../src/cli/progress';

/**
 * Imports N synthetic firms (SYNTHETIC names, valid credit codes) from a generated CSV into a
 * fresh PostgreSQL database through the real importer, then COPYs the same rows into a table of
 * the same shape in the same run, and prints rows/s for both. `npm run bench:import [-- N]`.
 */
const N = Number(process.argv[2] ?? 100_000);
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LAYERS = ['基础层', '技术层', '应用层'];
const LAYER_CODES = ['FOUNDATION', 'TECHNOLOGY', 'APPLICATION'];
const SECTORS = ['智慧海洋', '工业制造', '交通运输', '医养健康'];

function code(i: number): string {
  const body = `9137${String(i).padStart(13, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

async function main(): Promise<void> {
  const dbName = `bench_import_${process.pid}`;
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  try {
    const csvFile = path.join(dir, 'firms.csv');
    const copyFile = path.join(dir, 'firms.copy.csv');
    const csv = fs.createWriteStream(csvFile);
    const copy = fs.createWriteStream(copyFile);
    csv.write('企业名称,统一社会信用代码,所属园区,重点领域,产业链环节,成立年份,网站\n');
    for (let i = 1; i <= N; i++) {
      const name = `合成企业${i}号（基准测试）`;
      csv.write(
        `${name},${code(i)},崂山区人工智能产业园,${SECTORS[i % 4]}、${SECTORS[(i + 1) % 4]},${LAYERS[i % 3]},${2000 + (i % 25)},https://f${i}.example.com/\n`,
      );
      copy.write(`${name},${code(i)},${LAYER_CODES[i % 3]},${2000 + (i % 25)},https://f${i}.example.com/,SYNTHETIC,bench,2026-11-27\n`);
    }
    await Promise.all([new Promise((r) => csv.end(r)), new Promise((r) => copy.end(r))]);
    const mb = (fs.statSync(csvFile).size / 1024 / 1024).toFixed(1);

    const db = await openDatabase({ ...loadConfig(), databaseUrl: url.toString(), logLevel: 'silent' });
    await bootstrapDatabase(db, { seed: true });
    const t0 = performance.now();
    const table = await readCsv(fs.createReadStream(csvFile), { maxBytes: Number.MAX_SAFE_INTEGER });
    // Each of the two imports shows its rows going by, as `npm run import` does.
    const first = startProgress('bench:import import', 'rows');
    const report = await importEnterprises(db.em(), table, {
      dryRun: false,
      actor: { keyId: null, name: 'bench' },
      onProgress: (p) => p.toWrite !== null && first.update(p.written, p.toWrite),
    });
    const importMs = performance.now() - t0;
    first.finish(`${report.totals.created} rows created`);
    if (!report.committed || report.totals.created !== N)
      throw new Error(`import failed: ${JSON.stringify(report.totals)} ${JSON.stringify(report.errors.slice(0, 3))}`);
    const t1 = performance.now();
    const second = startProgress('bench:import re-import', 'rows');
    const again = await importEnterprises(db.em(), await readCsv(fs.createReadStream(csvFile), { maxBytes: Number.MAX_SAFE_INTEGER }), {
      dryRun: false,
      actor: { keyId: null, name: 'bench' },
      onProgress: (p) => p.toWrite !== null && second.update(p.written, p.toWrite),
    });
    const reimportMs = performance.now() - t1;
    second.finish(`${again.totals.unchanged} rows unchanged`);
    await db.close();

    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    await client.query('create table enterprise_copy (like enterprise including all)');
    const t2 = performance.now();
    const stream = client.query(
      copyFrom(
        'copy enterprise_copy (name_zh, credit_code, layer, founded_year, website, provenance_kind, provenance_source, provenance_verified_at) from stdin with (format csv)',
      ),
    );
    await pipeline(fs.createReadStream(copyFile), stream);
    const copyMs = performance.now() - t2;
    await client.end();

    const rate = (ms: number) => Math.round(N / (ms / 1000));
    console.log(`rows: ${N} (${mb} MB CSV, with parks, sectors and audit)`);
    console.log(`import (parse + validate + upsert + links + audit, one transaction): ${(importMs / 1000).toFixed(2)} s = ${rate(importMs)} rows/s`);
    console.log(`re-import of the same file (all ${again.totals.unchanged} unchanged):       ${(reimportMs / 1000).toFixed(2)} s = ${rate(reimportMs)} rows/s`);
    console.log(`plain COPY of the same rows (enterprise columns and indexes only):            ${(copyMs / 1000).toFixed(2)} s = ${rate(copyMs)} rows/s`);
    console.log(`import / COPY time ratio: ${(importMs / copyMs).toFixed(1)}x`);
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runBench(
  {
    name: 'bench:import',
    summary:
      'Imports N synthetic firms from a generated CSV into a fresh PostgreSQL database through the real importer, then COPYs the\nsame rows, and prints rows/s for both.',
    positionals: [{ name: 'N', description: 'how many firms to import (default: 100000)' }],
    settings: [
      {
        variable: 'DATABASE_URL',
        default: 'postgres://postgres@127.0.0.1:5432/postgres',
        description: 'the PostgreSQL server to create the fresh database on',
      },
    ],
    examples: ['npm run bench:import', 'npm run bench:import -- 30000'],
  },
  main,
);

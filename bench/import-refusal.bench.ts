import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { hashKey, KEY_PREFIX } from '../src/modules/api-key/api-key.service';
import { runMain } from '../src/cli/runner';

/**
 * The server's memory while it refuses an oversized import: starts the built server (dist/) as a
 * child on a fresh PostgreSQL database, sends 55 MB of CSV and then 55 MB of JSON chunked (no
 * Content-Length, so the limit can only be found by reading), and prints the child's RSS before and at its peak
 * (sampled from /proc every 20 ms). Run after `npm run build`:
 * `npx tsc -p tsconfig.bench.json && node dist/bench/import-refusal.bench.js`.
 */
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const UPLOAD_MB = 55;

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

async function main(): Promise<void> {
  const name = `bench_refusal_${process.pid}`;
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  const child = spawn(process.execPath, [path.join(__dirname, '../src/main.js')], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: url.toString(), LOG_LEVEL: 'info', RESPONSE_CACHE: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /"url":"(http:\/\/[^"/]+)/.exec(out);
        if (m && out.includes('ready at')) resolve(m[1].replace('localhost', '127.0.0.1'));
      });
      child.once('exit', () => reject(new Error(`server exited: ${out}`)));
    });
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const db = new Client({ connectionString: url.toString() });
    await db.connect();
    await db.query('insert into api_key (name, role, prefix, key_hash) values ($1, $2, $3, $4)', ['bench', 'editor', key.slice(0, 13), hashKey(key)]);
    await db.end();

    // One upload of each kind, one after the other: CSV, then a JSON array.
    const csvLine = '合成基准企业（超大文件）,913702000000000001,应用层\r\n';
    const jsonLine = '{"企业名称":"合成基准企业（超大文件）","统一社会信用代码":"913702000000000001","产业链环节":"应用层"},\n';
    for (const [type, line, opening] of [
      ['text/csv', csvLine, ''],
      ['application/json', jsonLine, '[\n'],
    ] as const) {
      const before = rssMb(child.pid!);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(child.pid!))), 20);
      const chunk = Buffer.from(line.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(line))));
      const started = performance.now();
      const status = await new Promise<number>((resolve) => {
        let answered = 0;
        const req = http.request(
          `${origin}/import/enterprises`,
          { method: 'POST', headers: { 'content-type': type, 'transfer-encoding': 'chunked', authorization: `Bearer ${key}` } },
          (res) => {
            answered = res.statusCode ?? 0;
            res.resume();
            res.on('end', () => resolve(answered));
          },
        );
        req.on('error', () => resolve(answered));
        let sent = 0;
        req.write(opening);
        const pump = () => {
          while (sent < UPLOAD_MB * 1024 * 1024 && !answered && !req.destroyed) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      });
      await new Promise((r) => setTimeout(r, 500));
      clearInterval(sampler);
      console.log(
        `refused ${UPLOAD_MB} MB chunked ${type} upload: HTTP ${status} after ${Math.round(performance.now() - started)} ms; server RSS ${before} MB before, peak ${peak} MB (+${peak - before} MB)`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

runMain(main, { stack: true });

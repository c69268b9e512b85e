import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';

const execFileAsync = promisify(execFile);

/*
 * The seeded template of a test run. Migrating and seeding a fresh embedded database costs
 * 10-40 s on a 2-core machine (most of it PGlite's initdb), copying a seeded data folder about
 * 2 s; on PostgreSQL, CREATE DATABASE … TEMPLATE copies one in a fraction of a second. So the
 * global setup builds one template per run, with the project's own migrations and seeder, and
 * each test file starts on a copy. The template is built anew by every run that needs one, so it
 * always matches the migrations, seeds and entity hooks being tested; test/helpers/seed-template.ts
 * builds it in a child process with the server's own start-up code. Its name carries the pid
 * of the Jest process that made it, so a run that was killed is cleaned up by the next.
 */

/** Where the workers find the template: the seeded data folder, or the PostgreSQL database name. */
const DATA_DIR_ENV = 'TEST_TEMPLATE_DATA_DIR';
const DATABASE_ENV = 'TEST_TEMPLATE_DATABASE';
/** The Jest process that built the template: a nested run (a test that runs Jest) inherits the
 * variables above but must never remove its parent's template. */
const OWNER_ENV = 'TEST_TEMPLATE_OWNER';

const FOLDER_PREFIX = 'directory-template-';

/**
 * `node -r` this to run the project's TypeScript (a CLI, the seeding) in a child process: ts-node's
 * transpile-only output, cached between runs (test/helpers/transpile-cached.js).
 */
export const TRANSPILE_CACHED = path.join(__dirname, 'transpile-cached.js');
const DATABASE_PREFIX = 'directory_template_';

export interface TemplateReport {
  kind: 'pglite' | 'postgresql';
  ms: number;
}

/**
 * Migrates and seeds the run's template on the database the run tests (PostgreSQL when
 * DATABASE_URL is set, otherwise the embedded one), and tells the workers where it is through
 * the environment they inherit.
 */
export async function buildTemplate(): Promise<TemplateReport> {
  const started = Date.now();
  const tag = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    await sweepPostgres(url);
    const name = `${DATABASE_PREFIX}${tag}`;
    await adminQuery(url, `create database ${name}`);
    try {
      await seedTemplate({ DATABASE_URL: withDatabase(url, name) });
    } catch (error) {
      await adminQuery(url, `drop database if exists ${name} with (force)`).catch(() => undefined);
      throw error;
    }
    process.env[DATABASE_ENV] = name;
    process.env[OWNER_ENV] = String(process.pid);
    return { kind: 'postgresql', ms: Date.now() - started };
  }
  sweepFolders();
  const dataDir = path.join(os.tmpdir(), `${FOLDER_PREFIX}${tag}`);
  fs.mkdirSync(dataDir);
  try {
    await seedTemplate({ DATA_DIR: dataDir, TEST_BLANK_DIR: path.join(dataDir, BLANK_FOLDER) });
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  process.env[DATA_DIR_ENV] = dataDir;
  process.env[OWNER_ENV] = String(process.pid);
  return { kind: 'pglite', ms: Date.now() - started };
}

/** Removes the run's template (global teardown). */
export async function removeTemplate(): Promise<void> {
  if (process.env[OWNER_ENV] !== String(process.pid)) return;
  const dataDir = process.env[DATA_DIR_ENV];
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  const name = process.env[DATABASE_ENV];
  const url = process.env.DATABASE_URL;
  if (name && url) await adminQuery(url, `drop database if exists ${name} with (force)`);
  delete process.env[DATA_DIR_ENV];
  delete process.env[DATABASE_ENV];
}

/** The PostgreSQL template to create a test database from, if this run built one. */
export function postgresTemplate(): string | undefined {
  return process.env[DATABASE_ENV] || undefined;
}

/**
 * Copies the run's seeded embedded database into `dataDir` (as the folder's pgdata, where
 * src/db/pglite.ts keeps it). Returns false when this run has no template (the caller then
 * starts from an empty folder, as a first start does).
 */
export async function copyPgliteTemplate(dataDir: string): Promise<boolean> {
  const template = process.env[DATA_DIR_ENV];
  if (!template) return false;
  // cp(1) copies the data folder's thousand-odd files with a quarter of the CPU time Node's
  // fs.promises.cp takes (measured here: 0.5-0.8 s against 1.7-2.0 s), off the worker's event loop.
  await execFileAsync('cp', ['-R', path.join(template, 'pgdata'), path.join(dataDir, 'pgdata')]);
  return true;
}

/**
 * Copies the run's blank embedded cluster (initialised by PGlite's initdb, not yet migrated) into
 * `dataDir`. Returns false when this run has none. For tests that migrate a database step by step
 * from nothing (upgrades from an older schema): initdb is most of a fresh embedded database's cost
 * (half a minute on a loaded 2-core machine against a few seconds to copy and open), and the
 * cluster initdb leaves is the same every time.
 */
export async function copyPgliteBlank(dataDir: string): Promise<boolean> {
  const template = process.env[DATA_DIR_ENV];
  if (!template || !fs.existsSync(path.join(template, BLANK_FOLDER, 'pgdata'))) return false;
  await execFileAsync('cp', ['-R', path.join(template, BLANK_FOLDER, 'pgdata'), path.join(dataDir, 'pgdata')]);
  return true;
}

/** Where, inside the embedded template's folder, the seeding keeps the blank cluster. */
const BLANK_FOLDER = 'blank';

/**
 * Runs test/helpers/seed-template.ts on the database the given variables name, loading the
 * TypeScript through a transpile cache (test/helpers/transpile-cached.js) rather than ts-node.
 */
function seedTemplate(database: { DATABASE_URL: string } | { DATA_DIR: string; TEST_BLANK_DIR: string }): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', ...database };
  if (!('DATABASE_URL' in database)) delete env.DATABASE_URL;
  const root = path.join(__dirname, '../..');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', TRANSPILE_CACHED, path.join(__dirname, 'seed-template.ts')], {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`seeding the test template failed (${signal ?? `exit ${code}`})`))));
  });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Templates left by runs whose Jest process is gone (killed before its teardown). */
function sweepFolders(): void {
  for (const entry of fs.readdirSync(os.tmpdir())) {
    if (entry.startsWith(FOLDER_PREFIX) && isDead(entry.slice(FOLDER_PREFIX.length))) {
      fs.rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
    }
  }
}

async function sweepPostgres(url: string): Promise<void> {
  const rows = await adminQuery<{ datname: string }>(url, `select datname from pg_database where datname like '${DATABASE_PREFIX}%'`);
  for (const { datname } of rows) {
    if (isDead(datname.slice(DATABASE_PREFIX.length))) await adminQuery(url, `drop database if exists ${datname} with (force)`);
  }
}

function isDead(tag: string): boolean {
  const pid = Number(tag.split('_')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

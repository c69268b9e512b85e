import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Client } from 'pg';
import pino, { Logger } from 'pino';
import { startApp } from '../../src/app';
import { AppConfig, loadConfig } from '../../src/common/config';
import { openDatabase, Database } from '../../src/db/database';
import { adminQuery, copyPgliteBlank, copyPgliteTemplate, postgresTemplate, withDatabase } from './test-databases';
import { HttpOptions, startHttpServer } from '../../src/http/server';

/** The PostgreSQL that tests needing a real server process use when DATABASE_URL is not set. */
export const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestServerOptions {
  logger?: Logger;
  http?: HttpOptions;
  /** Run on PostgreSQL even when DATABASE_URL is not set (for behaviour only PostgreSQL has). */
  postgres?: boolean;
  /** Lets the server reach its database another way (through a proxy), given the test database's URL. */
  serverDatabaseUrl?: (url: string) => string;
  /**
   * Serve the database of this running test server instead of a copy of its own: a second
   * configuration of the API (the response cache on, other limits, the resolver path) over the same
   * rows, as two processes of one deployment would be. A copy costs a template copy, an embedded
   * database start and a migration check (about 5 s of CPU); this costs an HTTP server. Only the
   * settings the HTTP layer reads may be given (not those in {@link DATABASE_SETTINGS}, which are
   * the owner's); the owner closes the database, so close this one first.
   */
  sharing?: TestServer;
}

/** Settings read when the database is opened or the app started, which a sharing server cannot change. */
const DATABASE_SETTINGS: ReadonlyArray<keyof AppConfig> = ['databaseUrl', 'dataDir', 'seedOnStart', 'replicas', 'requestTimeoutMs', 'webhooks', 'metricsPort'];

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

export interface TestServer {
  url: string;
  origin: string;
  config: AppConfig;
  /** The server's own database handle, for tests that drive services or loaders directly. */
  db: Database;
  /** Sends a typed operation over HTTP, as a client would. */
  gql<R, V>(doc: TypedDocumentNode<R, V>, variables?: V, headers?: Record<string, string>): Promise<GraphQLResponse<R>>;
  /** Runs SQL on the same database on a separate session, to check answers independently. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The settings of a test server, before its database is chosen. */
function testConfig(postgres?: boolean): AppConfig {
  // The response cache is off unless a test asks for it: most tests change rows with SQL behind
  // the API's back and count the statements of repeated queries. test/e2e/response-cache turns it on.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    RESPONSE_CACHE: process.env.RESPONSE_CACHE ?? 'false',
  };
  if (postgres && !env.DATABASE_URL) env.DATABASE_URL = LOCAL_POSTGRES;
  return loadConfig(env);
}

/**
 * The database a test file owns: its own PostgreSQL database, or its own embedded data folder.
 * With `seeded`, a copy of the run's migrated and seeded template (test/helpers/test-databases.ts);
 * without it, an empty database, as a first start sees it (for tests of migrating and seeding).
 * With `blank`, the empty embedded database is a copy of the run's freshly initialised cluster
 * rather than an empty folder, so its first open skips initdb: for tests of migrations, not of the
 * first start itself (on PostgreSQL a new database is already that).
 */
export async function createTestDatabase(
  options: { postgres?: boolean; seeded?: boolean; blank?: boolean } = {},
): Promise<{ config: AppConfig; drop(): Promise<void> }> {
  const base = testConfig(options.postgres);
  if (base.databaseUrl) {
    const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
    // The template lives on the server DATABASE_URL names; a test that asks for PostgreSQL in
    // the embedded pass starts empty and lets the server migrate and seed.
    const template = options.seeded && process.env.DATABASE_URL ? postgresTemplate() : undefined;
    await adminQuery(base.databaseUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
    return {
      config: { ...base, databaseUrl: withDatabase(base.databaseUrl, name) },
      async drop() {
        await adminQuery(base.databaseUrl!, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'directory-test-'));
  const drop = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  try {
    if (options.seeded) await copyPgliteTemplate(dataDir);
    else if (options.blank) await copyPgliteBlank(dataDir);
  } catch (error) {
    await drop();
    throw error;
  }
  return { config: { ...base, dataDir }, drop };
}

/**
 * Starts the real server (migrated and seeded) on its own database, on a free port. The database
 * is a copy of the run's seeded template unless the overrides turn seeding off.
 */
export async function startTestServer(overrides: Partial<AppConfig> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  if (options.sharing) return startSharingServer(options.sharing, overrides, options);
  const database = await createTestDatabase({ postgres: options.postgres, seeded: overrides.seedOnStart !== false });
  const config = { ...database.config, ...overrides };
  const serverConfig = config.databaseUrl && options.serverDatabaseUrl ? { ...config, databaseUrl: options.serverDatabaseUrl(config.databaseUrl) } : config;
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(serverConfig, options.logger ?? pino({ level: config.logLevel }), options.http);
  } catch (error) {
    await database.drop().catch(() => undefined);
    throw error;
  }
  // The embedded database belongs to the server's process: independent checks go through a
  // second session only on PostgreSQL; on PGlite they use the server's own instance.
  let checker: Database | Client;
  if (config.databaseUrl) {
    checker = new Client({ connectionString: config.databaseUrl });
    await checker.connect();
  } else {
    checker = app.db;
  }
  return testServer(app.port, config, app.db, sqlOn(checker), async () => {
    if (checker instanceof Client) await checker.end();
    await app.close();
    await database.drop();
  });
}

/** A second HTTP server, configured by `overrides`, on the database of a running test server. */
async function startSharingServer(owner: TestServer, overrides: Partial<AppConfig>, options: TestServerOptions): Promise<TestServer> {
  const fixed = DATABASE_SETTINGS.filter((key) => key in overrides);
  if (fixed.length) throw new Error(`a server sharing another's database cannot change ${fixed.join(', ')}`);
  // As startTestServer(overrides) would configure it, on the owner's database.
  const config: AppConfig = { ...testConfig(), ...Object.fromEntries(DATABASE_SETTINGS.map((key) => [key, owner.config[key]])), ...overrides };
  // The owner's database, which this server must not close when it stops.
  const db: Database = { ...owner.db, close: async () => undefined };
  const server = await startHttpServer(config, db, options.logger ?? pino({ level: config.logLevel }), options.http);
  return testServer(server.port, config, owner.db, owner.sql, () => server.close());
}

function testServer(port: number, config: AppConfig, db: Database, sql: TestServer['sql'], close: () => Promise<void>): TestServer {
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    origin: `http://127.0.0.1:${port}`,
    config,
    db,
    async gql(doc, variables, headers = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: print(doc), variables }),
      });
      const body = (await res.json()) as { data?: never; errors?: never; extensions?: Record<string, unknown> };
      return { status: res.status, headers: res.headers, data: body.data, errors: body.errors, extensions: body.extensions };
    },
    sql,
    close,
  };
}

function sqlOn(checker: Database | Client): TestServer['sql'] {
  return async (text, params = []) => {
    if (checker instanceof Client) return (await checker.query(text, params)).rows;
    // MikroORM takes "?" placeholders: rewrite $n, repeating values as often as they are used.
    const ordered: unknown[] = [];
    const sql = text.replace(/\$(\d+)/g, (_m, n: string) => {
      ordered.push(params[Number(n) - 1]);
      return '?';
    });
    return (await checker.em().execute(sql, ordered)) as never[];
  };
}

export { openDatabase };

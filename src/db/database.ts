import { MikroORM, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver, SqlEntityManager } from '@mikro-orm/postgresql';
import type { PGlite } from '@electric-sql/pglite';
import { AppConfig, ConfigError, describeDatabaseUrl, readSetting, SETTINGS } from '../common/config';
import { entities } from './entities';
import { migrationsList } from './migrations';
import { openPglite } from './pglite';
import { ReplicaSet, ReplicatedPostgreSqlDriver } from './replicas';
import { CountingLogger, onMigrationApplied } from './sql-logger';
import { serialiseTransactionStatements } from './transaction-queries';

// mikro-orm-pglite ships ESM type declarations only; under CommonJS its require() works at run
// time but its import does not type-check, so it is loaded here with the one type we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package ships ESM types only, which a CommonJS build cannot import
const { PGliteDriver, PGliteKnexDialect } = require('mikro-orm-pglite') as {
  PGliteDriver: typeof PostgreSqlDriver;
  PGliteKnexDialect: { prototype: { _query: (connection: PGlite, obj: KnexQueryObject) => Promise<KnexQueryObject> } };
};

interface KnexQueryObject {
  sql?: string;
  bindings?: unknown[];
  response?: unknown;
}

// knex-pglite decides that a statement is several statements when its text holds a ";", and then
// runs it without parameters and returns an array of results. MikroORM inlines parameters, so any
// value containing ";" (an English description, say) broke inserts. Run every statement as one;
// only a real multi-statement text (PostgreSQL says so) falls back to exec().
PGliteKnexDialect.prototype._query = async function query(connection, obj) {
  if (!obj.sql) throw new Error('The query is empty');
  try {
    obj.response = await connection.query(obj.sql, obj.bindings ?? []);
  } catch (error) {
    if (obj.bindings?.length || !/cannot insert multiple commands/.test((error as Error).message)) throw error;
    obj.response = await connection.exec(obj.sql);
  }
  return obj;
};

export interface Database {
  orm: MikroORM<PostgreSqlDriver>;
  /** "postgresql" or "pglite", for logs and health output. */
  kind: 'postgresql' | 'pglite';
  em(): SqlEntityManager;
  /** The read replicas (DATABASE_REPLICA_URLS) with their health; undefined without replicas. */
  replicas?: ReplicaSet;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5000;

function baseOptions(): Options<PostgreSqlDriver> {
  return {
    entities,
    discovery: { warnWhenNoEntities: true },
    loggerFactory: (options) => new CountingLogger(options),
    debug: readSetting(SETTINGS.sqlDebug),
    allowGlobalContext: false,
    forceUndefined: false,
    migrations: {
      migrationsList,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      pathTs: 'src/db/migrations',
      path: 'dist/src/db/migrations',
      emit: 'ts',
      // Not silent: the migrator then reports each applied migration to the logger, which passes
      // it to the caller of migrate() and prints nothing (sql-logger.ts).
      silent: false,
    },
    extensions: [Migrator],
  };
}

/**
 * Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, otherwise the
 * embedded PGlite in DATA_DIR. Fails with a ConfigError (one line, no credentials) when it
 * cannot be reached.
 */
export async function openDatabase(config: AppConfig, options: { statementTimeoutMs?: number; replicas?: boolean } = {}): Promise<Database> {
  if (config.databaseUrl) {
    // Replicas serve the API server's reads only; CLIs (imports, exports, seeding) use the primary.
    const replicas = options.replicas ? config.replicas : undefined;
    return openPostgres(config.databaseUrl, options.statementTimeoutMs, replicas);
  }
  // The embedded database has no replicas: DATABASE_REPLICA_URLS means nothing without DATABASE_URL.
  return openEmbedded(config.dataDir);
}

/** How long a request waits for a pooled connection before it is told the database is unavailable. */
const ACQUIRE_TIMEOUT_MS = 5000;

/** How long opening a connection to a replica may take before the read goes to the primary. */
const REPLICA_CONNECT_TIMEOUT_MS = 1000;

async function openPostgres(url: string, statementTimeoutMs = 0, replicas?: AppConfig['replicas']): Promise<Database> {
  const where = describeDatabaseUrl(url);
  const replicaNames = (replicas?.urls ?? []).map((replicaUrl, i) => ({
    name: `replica${i + 1}`,
    where: describeDatabaseUrl(replicaUrl),
    clientUrl: replicaUrl,
  }));
  let orm: MikroORM<PostgreSqlDriver>;
  try {
    orm = await MikroORM.init<PostgreSqlDriver>({
      ...baseOptions(),
      driver: ReplicatedPostgreSqlDriver,
      clientUrl: url,
      // MikroORM's replica support: one pool per replica; reads prefer them (preferReadReplicas),
      // and ReplicatedPostgreSqlDriver picks a healthy one that has replayed what the request must see.
      replicas: replicaNames.map((r) => ({
        name: r.name,
        clientUrl: r.clientUrl,
        driverOptions: {
          connection: {
            connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS,
            ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
            keepAlive: true,
          },
          // knex prints a replica's dropped idle connections to the console; the replica set
          // logs its faults itself, once per outage (src/db/replicas.ts).
          log: { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined },
        },
      })),
      preferReadReplicas: true,
      // A request that cannot get a connection fails fast (SERVICE_UNAVAILABLE) instead of hanging.
      pool: { min: 0, max: 10, acquireTimeoutMillis: ACQUIRE_TIMEOUT_MS, createTimeoutMillis: CONNECT_TIMEOUT_MS },
      driverOptions: {
        connection: {
          connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
          // The request deadline, enforced by PostgreSQL itself: a statement running past it is
          // cancelled on the server (SQLSTATE 57014), not merely abandoned by the client.
          ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
          keepAlive: true,
        },
      },
    });
  } catch (error) {
    throw new ConfigError(`cannot connect to PostgreSQL at ${where}: ${shortReason(error)}`);
  }
  const check = await orm.checkConnection();
  if (!check.ok) {
    await orm.close(true).catch(() => undefined);
    throw new ConfigError(`cannot connect to PostgreSQL at ${where}: ${shortReason(check.error ?? check.reason)}`);
  }
  // node-postgres: one statement at a time on a transaction's connection (transaction-queries.ts).
  serialiseTransactionStatements(orm.em.getDriver().getConnection('write'));
  const replicaSet = replicas ? (orm.em.getDriver() as ReplicatedPostgreSqlDriver).attachReplicas(replicaNames, replicas) : undefined;
  const db = wrap(orm, 'postgresql', async () => undefined);
  if (!replicaSet) return db;
  return {
    ...db,
    replicas: replicaSet,
    async close() {
      replicaSet.stop();
      await db.close();
    },
  };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const { pglite, release } = await openPglite(dataDir);
  let orm: MikroORM<PostgreSqlDriver>;
  try {
    orm = await MikroORM.init<PostgreSqlDriver>({
      ...baseOptions(),
      driver: PGliteDriver,
      dbName: 'postgres',
      driverOptions: { connection: { pglite: (): PGlite => pglite } },
    });
  } catch (error) {
    await pglite.close().catch(() => undefined);
    release();
    throw error;
  }
  return wrap(orm, 'pglite', async () => {
    await pglite.close();
    release();
  });
}

function wrap(orm: MikroORM<PostgreSqlDriver>, kind: Database['kind'], afterClose: () => Promise<void>): Database {
  let closed = false;
  return {
    orm,
    kind,
    em: () => orm.em.fork() as SqlEntityManager,
    async close() {
      if (closed) return;
      closed = true;
      await orm.close(true);
      await afterClose();
    },
  };
}

/** The first line of an error's message, with anything that looks like a URL password masked. */
function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error ?? 'unknown error');
  return message.split('\n')[0].replace(/\/\/([^:/@]+):[^@]*@/g, '//$1:***@');
}

/** What `migrate` reports as it goes: the number pending first, then each migration once applied. */
export interface MigrationProgress {
  pending(total: number): void;
  applied(done: number, name: string): void;
}

/** Applies every committed migration not yet applied, telling `progress` (when given) how far it is. */
export async function migrate(db: Database, progress?: MigrationProgress): Promise<string[]> {
  const migrator = db.orm.getMigrator();
  if (!progress) return (await migrator.up()).map((m) => m.name);
  progress.pending((await migrator.getPendingMigrations()).length);
  let done = 0;
  // The migrator rebuilds its event emitter on every call, so its 'migrated' event reaches us
  // through the ORM logger (see sql-logger.ts); one `up()`, so still all or nothing.
  const applied = await onMigrationApplied(
    (name) => progress.applied(++done, name),
    () => migrator.up(),
  );
  return applied.map((m) => m.name);
}

import 'reflect-metadata';
import cluster from 'node:cluster';
import pino from 'pino';
import { describeDatabaseUrl, loadConfig, Setting, SETTINGS } from './common/config';
import { readCommandLine, runMain } from './cli/runner';
import { preflight } from './db/preflight';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  await preflight(config);
  const logger = pino({ level: config.logLevel });
  if (config.workers > 1 && cluster.isPrimary) {
    // WORKERS=N: this process starts, replaces and stops N servers (src/http/cluster.ts).
    const { runCluster } = await import('./http/cluster');
    await runCluster(config, logger);
    return;
  }
  // Loaded after the preflight: the GraphQL and ORM modules take a while to load.
  const { startApp } = await import('./app');
  const { announceReady } = await import('./http/cluster');
  const where = config.databaseUrl ? `PostgreSQL at ${describeDatabaseUrl(config.databaseUrl)}` : `embedded database in ${config.dataDir}`;
  const app = await startApp(config, logger);
  logger.info(
    { url: app.url, database: where, startupMs: Math.round(performance.now() - started), ...(cluster.isWorker ? { worker: cluster.worker?.id } : {}) },
    `ready at ${app.url}`,
  );
  announceReady(app.url);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** `npm start -- --help`: the server takes no flags; it is set up through the environment. */
function settingsHelp(): string {
  const settings: Array<Setting<unknown>> = Object.values(SETTINGS);
  const width = Math.max(...settings.map((s) => s.variable.length)) + 2;
  return [
    'Settings (environment variables; docs/operators.md explains each):',
    ...settings.map(
      (s) => `  ${s.variable.padEnd(width)}${s.description}${s.default !== undefined ? ` (default: ${s.default === '' ? 'empty' : s.default})` : ''}`,
    ),
  ].join('\n');
}

const commandLine = readCommandLine({
  name: 'start',
  summary:
    'Builds and starts the GraphQL API (and the pages) on the embedded database in DATA_DIR, or on PostgreSQL at DATABASE_URL;\na first start migrates and seeds the database. SIGTERM or Ctrl-C drains the requests in flight, then stops.',
  flags: {},
  examples: ['npm start', 'PORT=8080 DATABASE_URL=postgres://user:password@db.example.org:5432/directory npm start'],
  notes: settingsHelp(),
});
// Start-up problems the operator must fix are one line, without a stack or a password.
if (commandLine) runMain(main, { prefix: 'failed to start' });

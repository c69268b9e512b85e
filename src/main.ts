import 'reflect-metadata';
import cluster from 'node:cluster';
import pino from 'pino';
import { describeDatabaseUrl, loadConfig } from './common/config';
import { runMain } from './cli/runner';
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

// Start-up problems the operator must fix are one line, without a stack or a password.
runMain(main, { prefix: 'failed to start' });

import 'reflect-metadata';
import pino from 'pino';
import { describeDatabaseUrl, loadConfig } from './common/config';
import { runMain } from './cli/runner';
import { preflight } from './db/preflight';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  await preflight(config);
  // Loaded after the preflight: the GraphQL and ORM modules take a while to load.
  const { startApp } = await import('./app');
  const logger = pino({ level: config.logLevel });
  const where = config.databaseUrl ? `PostgreSQL at ${describeDatabaseUrl(config.databaseUrl)}` : `embedded database in ${config.dataDir}`;
  const app = await startApp(config, logger);
  logger.info({ url: app.url, database: where, startupMs: Math.round(performance.now() - started) }, `ready at ${app.url}`);

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

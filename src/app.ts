import 'reflect-metadata';
import pino, { Logger } from 'pino';
import { migrationProgress } from './cli/progress';
import type { AppConfig } from './common/config';
import { bootstrapDatabase } from './db/bootstrap';
import { Database, openDatabase } from './db/database';
import { HttpOptions, RunningServer, startHttpServer } from './http/server';
import { WebhookWorker } from './modules/webhook/webhook.worker';

/**
 * Opens the configured database, migrates it, seeds it when empty, and serves the API. Used by
 * `npm start` (src/main.ts) and by the tests, so both run the same path.
 */
export async function startApp(
  config: AppConfig,
  logger: Logger = pino({ level: config.logLevel }),
  options: HttpOptions = {},
): Promise<RunningServer & { db: Database }> {
  // The server's statements share the request deadline; CLIs (exports, seeding) run without one.
  const db = await openDatabase(config, { statementTimeoutMs: config.requestTimeoutMs });
  try {
    // A first start (or an upgrade by several versions) shows its migrations going by on stderr.
    const progress = migrationProgress('migrate', 2);
    const { migrations, seeded } = await bootstrapDatabase(db, { seed: config.seedOnStart, progress });
    progress.finish();
    if (migrations.length) logger.info({ migrations }, 'applied migrations');
    if (seeded) logger.info({ seeded }, 'loaded seeds into the empty database');
    const server = await startHttpServer(config, db, logger, options);
    // Webhook deliveries go out from every server process; the database arbitrates between them.
    const webhooks = new WebhookWorker(() => db.em(), config.webhooks, logger).start();
    return {
      ...server,
      db,
      async close() {
        await webhooks.stop();
        await server.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

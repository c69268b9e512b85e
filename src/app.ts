import 'reflect-metadata';
import pino, { Logger } from 'pino';
import { migrationProgress } from './cli/progress';
import type { AppConfig } from './common/config';
import { bootstrapDatabase } from './db/bootstrap';
import { Database, openDatabase } from './db/database';
import cluster from 'node:cluster';
import { processMetrics, startMetricsServer } from './http/metrics';
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
): Promise<RunningServer & { db: Database; metricsPort?: number }> {
  // The server's statements share the request deadline; CLIs (exports, seeding) run without one.
  const db = await openDatabase(config, { statementTimeoutMs: config.requestTimeoutMs, replicas: true });
  try {
    // A first start (or an upgrade by several versions) shows its migrations going by on stderr.
    const progress = migrationProgress('migrate', 2);
    const { migrations, seeded } = await bootstrapDatabase(db, { seed: config.seedOnStart, progress });
    progress.finish();
    if (migrations.length) logger.info({ migrations }, 'applied migrations');
    if (seeded) logger.info({ seeded }, 'loaded seeds into the empty database');
    // After migrating: a replica reached at start-up has replayed them or is reported lagging.
    await db.replicas?.start(logger);
    // With METRICS_PORT set, every process counts; a single process serves /metrics itself, the
    // workers of WORKERS=N leave that to the cluster's primary (src/http/cluster.ts).
    const metrics = config.metricsPort !== undefined ? processMetrics(db) : undefined;
    const server = await startHttpServer(config, db, logger, metrics ? { ...options, plugins: [...(options.plugins ?? []), metrics.plugin] } : options);
    const metricsServer =
      metrics && cluster.isPrimary
        ? await startMetricsServer(config.metricsPort!, config.host, logger).catch(async (error) => {
            await server.close();
            throw error;
          })
        : undefined;
    // Webhook deliveries go out from every server process; the database arbitrates between them.
    const webhooks = new WebhookWorker(() => db.em(), config.webhooks, logger).start();
    return {
      ...server,
      db,
      metricsPort: metricsServer?.port,
      async close() {
        await webhooks.stop();
        await metricsServer?.close();
        await server.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

import cluster, { Worker } from 'node:cluster';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import { AppConfig, ConfigError } from '../common/config';
import { bootstrapDatabase } from '../db/bootstrap';
import { openDatabase } from '../db/database';
import { startMetricsServer } from './metrics';

/*
 * WORKERS=N: N API processes on one port (node:cluster hands each new connection to a worker in
 * turn). Each worker is the ordinary server (src/app.ts) with its own pool; what must be one for
 * all of them lives in PostgreSQL (the data) and Redis (rate-limit counters, response-cache
 * generations, persisted queries, a key's recent writes). This process only starts, replaces and
 * stops workers, and serves the workers' metrics together on METRICS_PORT.
 */

/** Message a worker sends when it listens. */
interface ReadyMessage {
  type: 'directory:ready';
  url: string;
}

/** Tells the cluster's primary that this worker serves (a no-op outside a cluster). */
export function announceReady(url: string): void {
  if (cluster.isWorker && process.send) process.send({ type: 'directory:ready', url } satisfies ReadyMessage);
}

/** `x-worker-id` on every response of a cluster worker: which process answered, for operators and tests. */
export function workerIdentity(): RequestHandler {
  const id = cluster.isWorker ? String(cluster.worker?.id) : undefined;
  return (_req, res, next) => {
    if (id) res.setHeader('x-worker-id', id);
    next();
  };
}

/** How often a worker may die before the primary stops replacing it (a crash loop is not healed by restarts). */
const MAX_RESTARTS_PER_MINUTE = 10;

/**
 * Runs the cluster's primary: migrates and seeds once, forks `config.workers` workers, replaces a
 * worker that dies, and on SIGTERM/SIGINT lets every worker drain (their own graceful shutdown)
 * before exiting. Resolves once every worker is ready.
 */
export async function runCluster(config: AppConfig, logger: Logger): Promise<void> {
  if (!config.databaseUrl) {
    throw new ConfigError('WORKERS above 1 needs DATABASE_URL: the embedded database belongs to one process');
  }
  const env: Record<string, string> = {};
  if (!config.redisUrl && config.responseCache) {
    // Per-process caches would serve one worker's stale answer after another worker's write.
    logger.warn('WORKERS above 1 without REDIS_URL: the response cache is off and each worker keeps its own rate-limit counters');
    env.RESPONSE_CACHE = 'false';
  }
  // Migrations and seeds run once, here, not in N workers at the same time.
  const db = await openDatabase(config);
  try {
    const { migrations, seeded } = await bootstrapDatabase(db, { seed: config.seedOnStart });
    if (migrations.length) logger.info({ migrations }, 'applied migrations');
    if (seeded) logger.info({ seeded }, 'loaded seeds into the empty database');
  } finally {
    await db.close();
  }

  const metrics = config.metricsPort !== undefined ? await startMetricsServer(config.metricsPort, config.host, logger, clusterMetrics()) : undefined;

  let stopping = false;
  const restarts: number[] = [];
  const fork = (): Worker => cluster.fork(env);
  let readyCount = 0;
  let url = '';
  const allReady = new Promise<void>((resolve) => {
    cluster.on('message', (_worker, message: ReadyMessage) => {
      if (message?.type !== 'directory:ready') return;
      url = message.url;
      readyCount++;
      if (readyCount === config.workers) resolve();
    });
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
    if (restarts.length >= MAX_RESTARTS_PER_MINUTE) {
      logger.error(
        { worker: worker.id, code, signal },
        `worker ${worker.id} died and ${MAX_RESTARTS_PER_MINUTE} workers died within a minute: not replacing it`,
      );
      return;
    }
    restarts.push(now);
    logger.warn({ worker: worker.id, pid: worker.process.pid, code, signal }, `worker ${worker.id} died; starting a replacement`);
    fork();
  });
  for (let i = 0; i < config.workers; i++) fork();

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'shutting down: every worker drains its requests');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    const exited = workers.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))));
    for (const w of workers) w.process.kill('SIGTERM');
    // Workers cut what is left at SHUTDOWN_TIMEOUT_MS themselves; this is the backstop.
    const backstop = setTimeout(() => {
      logger.error('workers did not exit in time; killing them');
      for (const w of workers) if (!w.isDead()) w.process.kill('SIGKILL');
    }, config.shutdownTimeoutMs + 5000);
    backstop.unref();
    void Promise.all(exited)
      .then(() => metrics?.close())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  await allReady;
  logger.info({ url, workers: config.workers }, `ready at ${url} with ${config.workers} workers`);
}

function clusterMetrics(): () => Promise<string> {
  const aggregator = new AggregatorRegistry();
  return () => aggregator.clusterMetrics();
}

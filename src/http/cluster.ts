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

/*
 * A lost invalidation. A worker whose write could not bump the response cache's generations in
 * Redis (Redis hung or away) must keep every other worker from serving the answers cached before
 * that write, including a worker that had no request while Redis was away and so never saw the
 * outage. Redis cannot carry that news, so the cluster's IPC channels do: the worker tells the
 * primary, the primary tells every other worker, each marks its cache as distrusted (it bumps every
 * generation before it serves from Redis again) and confirms, and only then does the writing
 * worker answer its write.
 */

/** Worker → primary: my invalidation was lost; primary → worker: distrust the shared cache. */
interface DistrustMessage {
  type: 'directory:cache-distrust';
  id: number;
}
/** Worker → primary: done; primary → the writing worker: every other worker has been told. */
interface DistrustDoneMessage {
  type: 'directory:cache-distrust-done';
  id: number;
}
type ClusterMessage = ReadyMessage | DistrustMessage | DistrustDoneMessage;

/** How long a writing worker waits for the others to confirm (a hung worker does not hold writes up longer). */
const DISTRUST_WAIT_MS = 1000;

const distrustListeners = new Set<() => void>();
const distrustWaits = new Map<number, () => void>();
let distrustIds = 0;
let listeningInWorker = false;

function listenInWorker(): void {
  if (listeningInWorker || !cluster.isWorker) return;
  listeningInWorker = true;
  process.on('message', (message: ClusterMessage) => {
    if (message?.type === 'directory:cache-distrust') {
      for (const listener of distrustListeners) listener();
      process.send?.({ type: 'directory:cache-distrust-done', id: message.id } satisfies DistrustDoneMessage);
    } else if (message?.type === 'directory:cache-distrust-done') {
      distrustWaits.get(message.id)?.();
    }
  });
}

/** In a cluster worker: `listener` runs when another worker lost an invalidation. Returns the unsubscribe. */
export function onCacheDistrust(listener: () => void): () => void {
  listenInWorker();
  distrustListeners.add(listener);
  return () => {
    distrustListeners.delete(listener);
  };
}

/**
 * In a cluster worker: tells every other worker to distrust the shared response cache, and
 * resolves once they all confirmed (or after {@link DISTRUST_WAIT_MS}). Resolves at once outside a cluster.
 */
export function tellWorkersCacheDistrust(): Promise<void> {
  if (!cluster.isWorker || !process.send) return Promise.resolve();
  listenInWorker();
  const id = ++distrustIds;
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, DISTRUST_WAIT_MS);
    function done() {
      clearTimeout(timer);
      distrustWaits.delete(id);
      resolve();
    }
    distrustWaits.set(id, done);
    process.send!({ type: 'directory:cache-distrust', id } satisfies DistrustMessage);
  });
}

/** In the primary: relays a worker's lost invalidation to every other worker and confirms once all have answered. */
function relayCacheDistrust(): void {
  let relayIds = 0;
  const relays = new Map<number, { from: Worker; id: number; waiting: Set<number>; timer: NodeJS.Timeout }>();
  const finish = (relayId: number) => {
    const relay = relays.get(relayId);
    if (!relay) return;
    relays.delete(relayId);
    clearTimeout(relay.timer);
    if (!relay.from.isDead()) relay.from.send({ type: 'directory:cache-distrust-done', id: relay.id } satisfies DistrustDoneMessage);
  };
  cluster.on('message', (worker, message: ClusterMessage) => {
    if (message?.type === 'directory:cache-distrust') {
      const others = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && w !== worker && !w.isDead());
      const relayId = ++relayIds;
      relays.set(relayId, {
        from: worker,
        id: message.id,
        waiting: new Set(others.map((w) => w.id)),
        timer: setTimeout(() => finish(relayId), DISTRUST_WAIT_MS),
      });
      for (const other of others) other.send({ type: 'directory:cache-distrust', id: relayId } satisfies DistrustMessage);
      if (!others.length) finish(relayId);
    } else if (message?.type === 'directory:cache-distrust-done') {
      const relay = relays.get(message.id);
      relay?.waiting.delete(worker.id);
      if (relay && !relay.waiting.size) finish(message.id);
    }
  });
  // A worker that dies while others wait for it has nothing left to serve stale.
  cluster.on('exit', (worker) => {
    for (const [relayId, relay] of relays) {
      relay.waiting.delete(worker.id);
      if (!relay.waiting.size) finish(relayId);
    }
  });
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
  relayCacheDistrust();
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

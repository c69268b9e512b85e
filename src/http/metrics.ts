import http from 'node:http';
import { AddressInfo } from 'node:net';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import client from 'prom-client';
import type { Context } from '../common/context';
import { currentReadRoute } from '../common/read-routing';
import type { Database } from '../db/database';

/*
 * Prometheus metrics (prom-client), in the default registry so that under WORKERS=N the cluster's
 * primary process can gather every worker's figures (prom-client's AggregatorRegistry) and serve
 * them on METRICS_PORT. The API port never serves /metrics: a separate listener, off by default,
 * cannot be made public by accident.
 */

/** Operation names are the client's choice: past this many distinct ones, the rest count as "(other)". */
const MAX_OPERATION_NAMES = 200;

interface Pool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

function poolOf(connection: unknown): Pool | undefined {
  try {
    return (connection as { getKnex(): { client: { pool?: Pool } } }).getKnex().client.pool ?? undefined;
  } catch {
    return undefined;
  }
}

let instruments: ReturnType<typeof createInstruments> | undefined;

function createInstruments() {
  const registry = client.register;
  return {
    requests: new client.Counter({
      name: 'directory_graphql_requests_total',
      help: 'GraphQL requests by operation name, outcome (ok, error, refused) and execution path (cache, primary, replica, none: no SQL).',
      labelNames: ['operation', 'outcome', 'path'] as const,
      registers: [registry],
    }),
    duration: new client.Histogram({
      name: 'directory_graphql_request_duration_seconds',
      help: 'Time from the start of a GraphQL request to its answer, by operation name.',
      labelNames: ['operation'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    statements: new client.Histogram({
      name: 'directory_sql_statements_per_request',
      help: 'SQL statements one GraphQL request ran.',
      buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55],
      registers: [registry],
    }),
    cache: new client.Counter({
      name: 'directory_response_cache_lookups_total',
      help: 'Response-cache lookups by result (hit, miss, bypass: not cacheable or cache unavailable).',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    refusals: new client.Counter({
      name: 'directory_rate_limit_refusals_total',
      help: 'Requests refused because the caller had spent its cost points (RATE_LIMITED).',
      registers: [registry],
    }),
    routing: new client.Counter({
      name: 'directory_read_routing_total',
      help: 'Reads routed by target (primary or a replica name) and reason.',
      labelNames: ['target', 'reason'] as const,
      registers: [registry],
    }),
    failovers: new client.Counter({
      name: 'directory_replica_failovers_total',
      help: 'Reads whose replica failed under them and that ran again on the primary.',
      labelNames: ['replica'] as const,
      registers: [registry],
    }),
  };
}

/** Labels an operation name with a bounded number of values. */
function operationLabel(seen: Set<string>, name: string | undefined): string {
  const label = name ? name.slice(0, 100) : '(anonymous)';
  if (seen.has(label)) return label;
  if (seen.size >= MAX_OPERATION_NAMES) return '(other)';
  seen.add(label);
  return label;
}

export interface Metrics {
  plugin: ApolloServerPlugin<Context>;
}

/**
 * The metrics of this process: the Apollo plugin that counts requests, and gauges read from the
 * database's pools and replicas at each scrape. Call once per process (a second call, as tests
 * starting several servers in one process do, reuses the instruments and rebinds the gauges).
 */
export function processMetrics(db: Database): Metrics {
  if (!instruments) {
    instruments = createInstruments();
    client.collectDefaultMetrics();
  }
  const m = instruments;
  for (const name of ['directory_db_pool_connections', 'directory_replica_lag_seconds', 'directory_replica_up']) client.register.removeSingleMetric(name);
  new client.Gauge({
    name: 'directory_db_pool_connections',
    help: 'Connections of each database pool by state (used, free, pending: requests waiting for one).',
    labelNames: ['pool', 'state'] as const,
    collect() {
      this.reset();
      const pools: Array<[string, unknown]> = [['primary', db.orm.em.getDriver().getConnection('write')], ...(db.replicas?.connections() ?? [])];
      for (const [name, connection] of pools) {
        const pool = poolOf(connection);
        if (!pool) continue;
        this.set({ pool: name, state: 'used' }, pool.numUsed());
        this.set({ pool: name, state: 'free' }, pool.numFree());
        this.set({ pool: name, state: 'pending' }, pool.numPendingAcquires());
      }
    },
  });
  new client.Gauge({
    name: 'directory_replica_lag_seconds',
    help: 'Replay lag of each read replica at its last check (absent while unreachable).',
    labelNames: ['replica'] as const,
    collect() {
      this.reset();
      for (const r of db.replicas?.report() ?? []) if (r.lagMs !== null) this.set({ replica: r.name }, r.lagMs / 1000);
    },
  });
  new client.Gauge({
    name: 'directory_replica_up',
    help: 'Whether each read replica gets reads (1) or not (0: unreachable or lagging).',
    labelNames: ['replica'] as const,
    collect() {
      this.reset();
      for (const r of db.replicas?.report() ?? []) this.set({ replica: r.name }, r.state === 'healthy' ? 1 : 0);
    },
  });
  if (db.replicas) {
    db.replicas.events = {
      routed: (target, reason) => m.routing.inc({ target, reason }),
      failedOver: (replica) => m.failovers.inc({ replica }),
    };
  }

  const seen = new Set<string>();
  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, contextValue, errors }) {
          const operation = operationLabel(seen, contextValue.billing?.operationName);
          const codes = (errors ?? []).map((e) => e.extensions?.code);
          const refused = codes.includes('RATE_LIMITED');
          if (refused) m.refusals.inc();
          const cache = response.http.headers.get('x-cache');
          if (cache) m.cache.inc({ result: cache.toLowerCase() });
          const statements = contextValue.sql?.statements ?? 0;
          const reads = currentReadRoute()?.reads;
          const onReplica = reads ? [...reads.keys()].some((k) => k !== 'primary') : false;
          const path = cache === 'HIT' ? 'cache' : statements === 0 ? 'none' : onReplica ? 'replica' : 'primary';
          const outcome = refused ? 'refused' : codes.length ? 'error' : 'ok';
          m.requests.inc({ operation, outcome, path });
          m.duration.observe({ operation }, (performance.now() - started) / 1000);
          m.statements.observe(statements);
        },
      };
    },
  };
  return { plugin };
}

/** Serves `registryText()` at GET /metrics on its own port (METRICS_PORT); resolves with the port. */
export async function startMetricsServer(
  port: number,
  host: string,
  logger: Logger,
  registryText: () => Promise<string> = () => client.register.metrics(),
): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served here.\n');
      return;
    }
    registryText().then(
      (text) => res.writeHead(200, { 'content-type': client.register.contentType }).end(text),
      (error: Error) => {
        logger.error({ err: error }, 'could not gather metrics');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics could not be gathered.\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  logger.info({ metricsPort: bound }, `metrics at http://${host}:${bound}/metrics`);
  return {
    port: bound,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import pino, { Logger } from 'pino';
import type { AppConfig } from '../common/config';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../common/context';
import type { Database } from '../db/database';
import { createApollo } from '../graphql/apollo';
import type { RateLimitStore } from '../graphql/rate-limit';
import { resolveApiKey } from '../modules/api-key/api-key.service';
import { startCaching } from './caching';
import type { ResolveKey } from './caller';
import { coverageRouter } from './coverage.router';
import { exportRouter } from './export.router';
import { healthRouter } from './health.router';
import { leadExportRouter } from './lead-export.router';
import { importRouter } from './import.router';
import { deadline } from './middleware/deadline';
import { GRAPHQL_BODY_LIMIT, graphqlBodyErrors, lastResort, notFound } from './middleware/errors';
import { identify, mountApollo } from './middleware/graphql';
import { requestIds } from './middleware/request-id';
import { requestLog } from './middleware/request-log';
import { corsPolicy, securityHeaders } from './middleware/security';
import { openRateLimitStore } from './rate-limit-store';
import { trackConnections } from './shutdown';
import { webRouter } from './web.router';
import { readRouting } from './replication';
import { workerIdentity } from './cluster';

export { GRAPHQL_BODY_LIMIT };

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface HttpOptions {
  /** Turns a bearer token into a key identity; see src/http/caller.ts (API keys plug in here). */
  resolveKey?: ResolveKey;
  /** Where rate-limit counters live; by default Redis when REDIS_URL is set, else memory. */
  rateLimitStore?: RateLimitStore;
  /** More Apollo plugins (the metrics of src/http/metrics.ts). */
  plugins?: ApolloServerPlugin<Context>[];
}

/** Rate-limit identity from the API key store: a valid key is billed under its id. */
function apiKeyLookup(db: Database): ResolveKey {
  return async (token) => {
    const caller = await resolveApiKey(db.em(), token);
    return caller ? { id: String(caller.keyId), caller } : null;
  };
}

/**
 * Starts the HTTP server: GraphQL at /graphql and the plain routes. The database must be open
 * and migrated. `close()` stops accepting, lets requests in flight finish (up to
 * SHUTDOWN_TIMEOUT_MS) and closes the database.
 *
 * This function is the routing table: what runs, in which order. Each step lives in
 * ./middleware/ (or a router of its own); a new cross-cutting step gets a file there and one line here.
 */
export async function startHttpServer(
  config: AppConfig,
  db: Database,
  logger: Logger = pino({ level: config.logLevel }),
  options: HttpOptions = {},
): Promise<RunningServer> {
  const resolveKey = options.resolveKey ?? apiKeyLookup(db);
  const rateLimitStore = options.rateLimitStore ?? (await openRateLimitStore(config, logger));
  const caching = await startCaching(config, logger);
  const routing = readRouting(config, db, logger);
  const apollo = createApollo({
    production: config.production,
    logger,
    limits: config.limits,
    rateLimit: config.rateLimit,
    rateLimitStore,
    requestTimeoutMs: config.requestTimeoutMs,
    cache: caching.apq,
    plugins: [...caching.plugins, ...routing.plugins, ...(options.plugins ?? [])],
    execution: config.execution,
  });
  await apollo.start();
  const graphql = mountApollo(apollo, db);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  // No ETag on answers: Express would hash every GraphQL answer (a POST never revalidates), about
  // a tenth of a compiled read's CPU on a 40 KB answer. The pages' static files keep theirs.
  app.set('etag', false);

  let drainer: { readonly draining: boolean } = { draining: false };
  app.use(requestIds(() => drainer));
  // Which database a request's reads may use (read replicas; nothing without them).
  app.use(routing.middleware);
  app.use(workerIdentity());
  app.use(...securityHeaders());
  app.use(corsPolicy(config.corsOrigins));
  const graphqlChain = [
    requestLog(logger),
    identify(resolveKey),
    deadline(config.requestTimeoutMs),
    express.json({ limit: GRAPHQL_BODY_LIMIT }),
    graphql.handler,
  ];
  // A POST to /graphql (nearly every request) goes straight to Apollo: the routers below answer
  // only GETs and would just be matched in vain.
  app.post('/graphql', ...graphqlChain);
  app.use(healthRouter(db));
  // Before Apollo: a browser opening /graphql gets the explorer instead of a 400.
  app.use(webRouter());
  app.use('/graphql', ...graphqlChain);
  app.use(graphqlBodyErrors(logger));

  // The file routes spend the same budget as GraphQL queries.
  const metering = { store: rateLimitStore, rateLimit: config.rateLimit, resolveKey, logger };
  app.use(coverageRouter(db, logger, metering));
  app.use(leadExportRouter(db));
  app.use(exportRouter({ db, logger, limits: config.transfers, metering }));
  app.use(importRouter(db, { maxConcurrent: config.transfers.maxConcurrentImports, logger }));
  app.use(notFound);
  app.use(lastResort(logger));

  const server = http.createServer(app);
  const connections = trackConnections(server, logger);
  drainer = connections;
  // Idle keep-alive connections outlive the clients' own idle timeouts (load balancers use 60 s,
  // Node's fetch 4 s), so a client never sends a request on a socket the server is closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    port,
    close() {
      closing ??= (async () => {
        // Stop accepting; requests in flight finish and their whole bodies reach the clients,
        // then their connections close. Whatever is still open at the shutdown timeout is cut
        // (and logged as cut).
        const deadlineAt = Date.now() + config.shutdownTimeoutMs;
        await connections.drain(config.shutdownTimeoutMs);
        // A client that hung up leaves its operation running: let it end before the database
        // closes under it (within the same shutdown timeout).
        while (graphql.running() > 0 && Date.now() < deadlineAt) await new Promise((r) => setTimeout(r, 20));
        await apollo.stop();
        await rateLimitStore.close();
        await caching.close();
        await routing.close();
        await db.close();
      })();
      return closing;
    },
  };
}

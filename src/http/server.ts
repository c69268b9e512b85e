import http from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { ErrorRequestHandler, RequestHandler } from 'express';
import helmet from 'helmet';
import pino, { Logger } from 'pino';
import type { AppConfig } from '../common/config';
import type { Billing } from '../common/context';
import { ErrorCode } from '../common/errors';
import { SqlStats, withSqlStats } from '../common/sql-stats';
import type { Database } from '../db/database';
import { createApollo } from '../graphql/apollo';
import { createContext } from '../graphql/context';
import { MemoryRateLimitStore, RateLimitStore, RedisRateLimitStore } from '../graphql/rate-limit';
import { resolveApiKey } from '../modules/api-key/api-key.service';
import { identifyCaller, ResolveKey } from './caller';
import { exportRouter } from './export.router';
import { webRouter } from './web.router';
import { coverageRouter } from './coverage.router';
import { startCaching } from './caching';
import { importRouter } from './import.router';
import { healthRouter } from './health.router';
import { trackConnections, whenDelivered } from './shutdown';

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
}

declare module 'express-serve-static-core' {
  interface Locals {
    requestId: string;
    sql: SqlStats;
    billing: Billing;
  }
}

export const GRAPHQL_BODY_LIMIT = '1mb';
const EXPOSED_HEADERS = ['x-request-id', 'x-sql-statements', 'x-execution', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-used', 'x-ratelimit-reset', 'retry-after'];

function graphqlError(status: number, code: string, message: string, requestId: string) {
  return { status, body: { errors: [{ message, extensions: { code, requestId } }] } };
}

/**
 * Starts the HTTP server: GraphQL at /graphql and the plain routes. The database must be open
 * and migrated. `close()` stops accepting, lets requests in flight finish (up to
 * SHUTDOWN_TIMEOUT_MS) and closes the database.
 */
/** Rate-limit identity from the API key store: a valid key is billed under its id. */
function apiKeyLookup(db: Database): ResolveKey {
  return async (token) => {
    const caller = await resolveApiKey(db.em(), token);
    return caller ? { id: String(caller.keyId), caller } : null;
  };
}

export async function startHttpServer(
  config: AppConfig,
  db: Database,
  logger: Logger = pino({ level: config.logLevel }),
  options: HttpOptions = {},
): Promise<RunningServer> {
  const resolveKey = options.resolveKey ?? apiKeyLookup(db);
  let rateLimitStore = options.rateLimitStore;
  if (!rateLimitStore) {
    if (config.redisUrl) {
      const redis = new RedisRateLimitStore(config.redisUrl, undefined, { logger, timeoutMs: config.redisTimeoutMs });
      await redis.ready().catch((error: Error) => logger.warn({ err: error }, 'Redis for rate limits is not reachable yet; requests are served uncounted until it is'));
      rateLimitStore = redis;
    } else {
      rateLimitStore = new MemoryRateLimitStore();
    }
  }
  const caching = await startCaching(config, logger);
  const apollo = createApollo({
    production: config.production,
    logger,
    limits: config.limits,
    rateLimit: config.rateLimit,
    rateLimitStore,
    requestTimeoutMs: config.requestTimeoutMs,
    cache: caching.apq,
    plugins: caching.plugins,
    execution: config.execution,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', process.env.TRUST_PROXY === 'true');

  let drainer: { readonly draining: boolean } = { draining: false };
  // Operations still executing, even when their client has gone: the database stays open for them.
  let operationsRunning = 0;
  // Every request gets an id and its own SQL counter, visible to everything it awaits.
  app.use((req, res, next) => {
    const requestId = req.get('x-request-id')?.slice(0, 100) || randomUUID();
    res.locals.requestId = requestId;
    res.locals.sql = { statements: 0 };
    res.setHeader('x-request-id', requestId);
    // Keep-alive connections must not outlive a shutdown: tell clients to reconnect elsewhere.
    if (drainer.draining) res.setHeader('connection', 'close');
    withSqlStats(res.locals.sql, () => next());
  });

  // Security headers. The pages (explorer, /explore/*, their assets) may load only what this
  // server serves; the JSON and file routes get a deny-all content policy; /graphql gets none.
  app.use(helmet({ contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' } }));
  const denyAllContent = helmet.contentSecurityPolicy({ useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } });
  const sameOriginPages = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
  const isPage = (p: string) => p === '/explorer' || p.startsWith('/explore') || p.startsWith('/assets/');
  app.use((req, res, next) => {
    if (req.path === '/graphql') return next(); // JSON for programs; the explorer for browsers
    return isPage(req.path) ? sameOriginPages(req, res, next) : denyAllContent(req, res, next);
  });

  const anyOrigin = config.corsOrigins.includes('*');
  app.use(cors({ origin: anyOrigin ? '*' : config.corsOrigins, exposedHeaders: EXPOSED_HEADERS, maxAge: 600 }));

  app.use(healthRouter(db));

  const graphqlHandler = expressMiddleware(apollo, {
    context: async ({ req, res }) =>
      createContext(db, {
        requestId: res.locals.requestId,
        sql: res.locals.sql,
        billing: res.locals.billing,
        caller: res.locals.caller,
        authorization: req.get('authorization'),
      }),
  });

  // Before Apollo: a browser opening /graphql gets the explorer instead of a 400.
  app.use(webRouter());

  const identify: RequestHandler = async (req, res, next) => {
    const { billing, caller } = await identifyCaller(req, resolveKey);
    res.locals.billing = billing;
    res.locals.caller = caller;
    next();
  };

  // One structured line per GraphQL request, written once the answer has left the process (a
  // body cut off on its way says so); the caller is the counter's name, never a key.
  const logRequest: RequestHandler = (req, res, next) => {
    const started = performance.now();
    const socket = req.socket;
    res.on('finish', () =>
      whenDelivered(socket, (delivered) => {
        const billing = res.locals.billing;
        const fields = {
          requestId: res.locals.requestId,
          method: req.method,
          status: res.statusCode,
          operationName: billing?.operationName,
          durationMs: Math.round(performance.now() - started),
          cost: billing?.cost?.requested,
          nodes: billing?.cost?.nodes,
          sqlStatements: res.locals.sql.statements,
          caller: billing?.callerId,
        };
        if (delivered) logger.info(fields, 'graphql request');
        else logger.warn({ ...fields, delivered: false }, 'graphql request: the connection closed before the whole answer was sent');
      }),
    );
    next();
  };

  // The deadline's backstop: statements are cancelled by PostgreSQL at REQUEST_TIMEOUT_MS and
  // answer TIMEOUT through GraphQL; anything still unanswered a moment later is answered here.
  const deadline: RequestHandler = (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      const { status, body } = graphqlError(504, ErrorCode.TIMEOUT, `The request ran longer than ${config.requestTimeoutMs / 1000} s and was cancelled.`, res.locals.requestId);
      res.status(status).json(body);
    }, config.requestTimeoutMs + 1000);
    res.on('close', () => clearTimeout(timer));
    next();
  };

  app.use(
    '/graphql',
    logRequest,
    identify,
    deadline,
    express.json({ limit: GRAPHQL_BODY_LIMIT }),
    async (req, res, next) => {
      operationsRunning++;
      try {
        await graphqlHandler(req, res, next);
      } catch (error) {
        // After the deadline answered, Apollo's late answer has nowhere to go.
        if (!res.headersSent) next(error);
      } finally {
        operationsRunning--;
      }
    },
  );

  // Body problems on /graphql answer like GraphQL errors, in JSON: too large (413), not JSON (400).
  const bodyErrors: ErrorRequestHandler = (error, req, res, next) => {
    if (res.headersSent || !req.originalUrl.startsWith('/graphql')) return next(error);
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      const { status, body } = graphqlError(413, ErrorCode.PAYLOAD_TOO_LARGE, `The request body is larger than ${GRAPHQL_BODY_LIMIT}; send a smaller query or variables.`, res.locals.requestId);
      return void res.status(status).json(body);
    }
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      const { body } = graphqlError(status, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.', res.locals.requestId);
      return void res.status(status).json(body);
    }
    logger.error({ err: error, requestId: res.locals.requestId }, 'unexpected error');
    const { body } = graphqlError(500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error', res.locals.requestId);
    res.status(500).json(body);
  };
  app.use(bodyErrors);

  // The file routes spend the same budget as GraphQL queries.
  const metering = { store: rateLimitStore, rateLimit: config.rateLimit, resolveKey, logger };
  app.use(coverageRouter(db, logger, metering));

  app.use(exportRouter({ db, logger, limits: config.transfers, metering }));
  app.use(importRouter(db, { maxConcurrent: config.transfers.maxConcurrentImports }));

  app.use((_req, res) => {
    res.status(404).json({ error: 'NOT_FOUND', message: 'No such route. The GraphQL API is at /graphql.' });
  });

  // Whatever a plain route did not answer is answered in JSON with a code, never with Express's
  // HTML error page, and never with a stack or SQL (those go to the log).
  const lastResort: ErrorRequestHandler = (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      return void res.status(status).json({ error: ErrorCode.BAD_REQUEST, message: 'The request is malformed (its URL, headers or body could not be read).', requestId: res.locals.requestId });
    }
    logger.error({ err: error, requestId: res.locals.requestId, url: req.originalUrl.slice(0, 200) }, 'unexpected error');
    res.status(500).json({ error: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error', requestId: res.locals.requestId });
  };
  app.use(lastResort);

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
        while (operationsRunning > 0 && Date.now() < deadlineAt) await new Promise((r) => setTimeout(r, 20));
        await apollo.stop();
        await rateLimitStore.close();
        await caching.close();
        await db.close();
      })();
      return closing;
    },
  };
}

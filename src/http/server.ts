import http from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import pino, { Logger } from 'pino';
import type { AppConfig } from '../common/config';
import { SqlStats, withSqlStats } from '../common/sql-stats';
import type { Database } from '../db/database';
import { createApollo } from '../graphql/apollo';
import { createContext } from '../graphql/context';
import { exportRouter } from './export.router';
import { startCaching } from './caching';
import { bodyErrors } from './body-errors';
import { importRouter } from './import.router';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

declare module 'express-serve-static-core' {
  interface Locals {
    requestId: string;
    sql: SqlStats;
  }
}

export const GRAPHQL_BODY_LIMIT = '1mb';

/**
 * Starts the HTTP server: GraphQL at /graphql and the plain routes. The database must be open
 * and migrated. `close()` stops accepting, lets requests in flight finish and closes the database.
 */
export async function startHttpServer(config: AppConfig, db: Database, logger: Logger = pino({ level: config.logLevel })): Promise<RunningServer> {
  const caching = await startCaching(config, logger);
  const apollo = createApollo({ production: config.production, logger, cache: caching.apq, plugins: caching.plugins });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', process.env.TRUST_PROXY === 'true');

  // Every request gets an id and its own SQL counter, visible to everything it awaits.
  app.use((req, res, next) => {
    const requestId = req.get('x-request-id')?.slice(0, 100) || randomUUID();
    res.locals.requestId = requestId;
    res.locals.sql = { statements: 0 };
    res.setHeader('x-request-id', requestId);
    withSqlStats(res.locals.sql, () => next());
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.use(
    '/graphql',
    express.json({ limit: GRAPHQL_BODY_LIMIT }),
    bodyErrors('1 MB'),
    expressMiddleware(apollo, {
      context: ({ req, res }) =>
        createContext(db, { requestId: res.locals.requestId, sql: res.locals.sql, authorization: req.get('authorization') }),
    }),
  );

  app.use(exportRouter(db, logger));
  app.use(importRouter(db));

  app.use((_req, res) => {
    res.status(404).json({ error: 'NOT_FOUND', message: 'No such route. The GraphQL API is at /graphql.' });
  });

  const server = http.createServer(app);
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
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await apollo.stop();
        await caching.close();
        await db.close();
      })();
      return closing;
    },
  };
}

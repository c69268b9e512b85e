import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { SqlStats, withSqlStats } from '../../common/sql-stats';
import type { Billing } from '../../common/context';

declare module 'express-serve-static-core' {
  interface Locals {
    requestId: string;
    sql: SqlStats;
    billing: Billing;
  }
}

/**
 * Every request gets an id (the client's `x-request-id`, cut to 100 characters, or a new one) and
 * its own SQL counter, visible to everything it awaits. While the server drains, responses tell
 * keep-alive clients to reconnect elsewhere.
 */
export function requestIds(drainer: () => { readonly draining: boolean }): RequestHandler {
  return (req, res, next) => {
    const requestId = req.get('x-request-id')?.slice(0, 100) || randomUUID();
    res.locals.requestId = requestId;
    res.locals.sql = { statements: 0 };
    res.setHeader('x-request-id', requestId);
    if (drainer().draining) res.setHeader('connection', 'close');
    withSqlStats(res.locals.sql, () => next());
  };
}

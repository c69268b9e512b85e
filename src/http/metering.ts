import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { RateLimitConfig } from '../common/config';
import { ErrorCode } from '../common/errors';
import type { BudgetState, RateLimitStore } from '../graphql/rate-limit';
import { identifyCaller, ResolveKey } from './caller';

/** Cost points of the file routes, charged to the same budget as GraphQL queries. */
export const ROUTE_POINTS = {
  /** One graph export (any format, any filter): 100 an hour for an anonymous caller by default. */
  graphExport: 50,
  /** The coverage matrix as SVG: the matrix query of the coverage page. */
  coverageSvg: 10,
} as const;

export interface MeteringOptions {
  store: RateLimitStore;
  rateLimit: RateLimitConfig;
  resolveKey: ResolveKey;
  logger: Logger;
}

/**
 * Charges a plain route's points to its caller's rate-limit budget (the key's, or the IP's), sets
 * the same x-ratelimit-* headers GraphQL answers carry, and refuses with 429 RATE_LIMITED and
 * Retry-After when the budget is spent. A limiter outage serves the request uncounted, as GraphQL does.
 */
export function meter(points: number, options: MeteringOptions): RequestHandler {
  return async (req, res, next) => {
    if (await chargeRoute(req, res, points, options)) next();
  };
}

/** {@link meter} as a step inside a handler: true to go on, false when it answered 429. */
export async function chargeRoute(req: Request, res: Response, points: number, options: MeteringOptions): Promise<boolean> {
  const { store, rateLimit, resolveKey, logger } = options;
  const { billing } = await identifyCaller(req, resolveKey);
  res.locals.billing = billing;
  const limit = billing.keyed ? rateLimit.keyedPoints : rateLimit.anonymousPoints;
  let budget: BudgetState;
  try {
    budget = await store.charge(billing.callerId, points, limit, rateLimit.windowMs);
  } catch (error) {
    logger.warn({ err: error, requestId: res.locals.requestId }, 'rate-limit store unavailable; request not counted');
    return true;
  }
  res.setHeader('x-ratelimit-limit', String(budget.limit));
  res.setHeader('x-ratelimit-remaining', String(budget.remaining));
  res.setHeader('x-ratelimit-used', String(budget.used));
  res.setHeader('x-ratelimit-reset', String(Math.ceil(budget.resetAt.getTime() / 1000)));
  if (!budget.allowed) {
    const retryAfter = Math.max(1, Math.ceil((budget.resetAt.getTime() - Date.now()) / 1000));
    res.setHeader('retry-after', String(retryAfter));
    res.status(429).json({
      error: ErrorCode.RATE_LIMITED,
      message: `Rate limit exceeded: this file costs ${points} points and ${budget.remaining} remain in this window. Retry after ${retryAfter} seconds.`,
    });
    return false;
  }
  return true;
}

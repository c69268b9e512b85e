import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { CONSISTENCY_HEADER } from '../replication';

/** Headers a browser may read from a cross-origin answer. */
const EXPOSED_HEADERS = [
  'x-request-id',
  'x-sql-statements',
  'x-execution',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-used',
  'x-ratelimit-reset',
  'retry-after',
  CONSISTENCY_HEADER,
];

const isPage = (p: string) => p === '/explorer' || p.startsWith('/explore') || p.startsWith('/assets/');

/**
 * Security headers. The pages (explorer, /explore/*, their assets) may load only what this server
 * serves; the JSON and file routes get a deny-all content policy; /graphql gets none (JSON for
 * programs, the explorer for browsers).
 */
export function securityHeaders(): RequestHandler[] {
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
  return [
    helmet({ contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' } }),
    (req, res, next) => {
      if (req.path === '/graphql') return next();
      return isPage(req.path) ? sameOriginPages(req, res, next) : denyAllContent(req, res, next);
    },
  ];
}

/** CORS for the origins of CORS_ORIGINS (`*`: any), exposing the headers clients read. */
export function corsPolicy(origins: string[]): RequestHandler {
  const anyOrigin = origins.includes('*');
  return cors({ origin: anyOrigin ? '*' : origins, exposedHeaders: EXPOSED_HEADERS, maxAge: 600 });
}

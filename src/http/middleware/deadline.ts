import type { RequestHandler } from 'express';
import { ErrorCode } from '../../common/errors';
import { graphqlError } from './errors';

/**
 * The deadline's backstop: statements are cancelled by PostgreSQL at REQUEST_TIMEOUT_MS and answer
 * TIMEOUT through GraphQL; anything still unanswered a second later is answered here (504).
 */
export function deadline(requestTimeoutMs: number): RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      const message = `The request ran longer than ${requestTimeoutMs / 1000} s and was cancelled.`;
      const { status, body } = graphqlError(504, ErrorCode.TIMEOUT, message, res.locals.requestId);
      res.status(status).json(body);
    }, requestTimeoutMs + 1000);
    res.on('close', () => clearTimeout(timer));
    next();
  };
}

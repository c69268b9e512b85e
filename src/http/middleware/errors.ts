import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ErrorCode } from '../../common/errors';

/** Largest request body /graphql reads. */
export const GRAPHQL_BODY_LIMIT = '1mb';

/** An error answer shaped like GraphQL's own, with its code and the request id. */
export function graphqlError(status: number, code: string, message: string, requestId: string) {
  return { status, body: { errors: [{ message, extensions: { code, requestId } }] } };
}

/** Body problems on /graphql answer like GraphQL errors, in JSON: too large (413), not JSON (400). */
export function graphqlBodyErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent || !req.originalUrl.startsWith('/graphql')) return next(error);
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      const message = `The request body is larger than ${GRAPHQL_BODY_LIMIT}; send a smaller query or variables.`;
      const { status, body } = graphqlError(413, ErrorCode.PAYLOAD_TOO_LARGE, message, res.locals.requestId);
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
}

/** A route nobody serves. */
export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'NOT_FOUND', message: 'No such route. The GraphQL API is at /graphql.' });
};

/**
 * Whatever a plain route did not answer is answered in JSON with a code, never with Express's
 * HTML error page, and never with a stack or SQL (those go to the log).
 */
export function lastResort(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      const message = 'The request is malformed (its URL, headers or body could not be read).';
      return void res.status(status).json({ error: ErrorCode.BAD_REQUEST, message, requestId: res.locals.requestId });
    }
    logger.error({ err: error, requestId: res.locals.requestId, url: req.originalUrl.slice(0, 200) }, 'unexpected error');
    res.status(500).json({ error: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error', requestId: res.locals.requestId });
  };
}

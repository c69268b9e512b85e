import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { whenDelivered } from '../shutdown';

/**
 * One structured line per GraphQL request, written once the answer has left the process (a body
 * cut off on its way says so); the caller is the counter's name, never a key.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
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
}

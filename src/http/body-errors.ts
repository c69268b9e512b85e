import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '../common/errors';

/**
 * Turns body-parser failures into GraphQL-shaped JSON errors instead of Express's HTML page:
 * a body over the route's limit is 413 PAYLOAD_TOO_LARGE naming the limit; unparseable JSON is 400.
 */
export function bodyErrors(limitText: string): ErrorRequestHandler {
  return (error, _req, res, next) => {
    const type = (error as { type?: string }).type;
    if (res.headersSent) return next(error);
    if (type === 'entity.too.large') {
      res.status(413).json({
        errors: [{ message: `The request body is larger than this route accepts (${limitText}).`, extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } }],
      });
      return;
    }
    if (type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
      return;
    }
    next(error);
  };
}

/**
 * What a database failure means for the client: the statement ran past the request deadline and
 * was cancelled, the database cannot be reached, or something else (a bug: masked and logged).
 */
export type DatabaseFailure = 'timeout' | 'unavailable' | 'other';

// SQLSTATE classes: 57014 query_canceled (statement_timeout); 08 connection exceptions (but not
// 08P01 protocol_violation: that is a statement the server could not read, a bug, not an outage);
// 57P01-03 the server is shutting down or starting; 53300 too many connections.
const UNAVAILABLE_SQLSTATE = /^(08(?!P01)...|57P0[123]|53300)$/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ENETUNREACH']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|Timeout acquiring a connection|connection timeout|Client has encountered a connection error|Connection ended unexpectedly|not queryable|read ECONNRESET/i;

export function classifyDatabaseError(error: unknown): DatabaseFailure {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (code === '57014') return 'timeout';
    if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code)) return 'unavailable';
    if (e.name === 'KnexTimeoutError') return 'unavailable';
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return 'unavailable';
  }
  return 'other';
}

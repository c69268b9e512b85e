import { GraphQLError } from 'graphql';

/**
 * Every error code the API can return, in one place. Expected failures of a mutation are
 * `userErrors` in its payload; everything else reaches the client as a GraphQL error whose
 * `extensions.code` is one of these.
 */
export const ErrorCode = {
  /** The request is malformed: a bad ID, an out-of-range argument, a filter too deep. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The document does not parse. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /**
   * The document does not validate against the schema, or breaks a shape limit (depth, aliases,
   * directives); the message names the limit.
   */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** The HTTP request is not a GraphQL request: malformed JSON, no query, a batch. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** `operationName` names no operation in the document, or several operations and no name. */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  /** A persisted-query hash the server does not know (yet): send the full query with its hash once. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** An automatic persisted query whose `sha256Hash` is not the SHA-256 of the query sent with it (HTTP 400). */
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  /** An automatic persisted query of a protocol version other than 1 (HTTP 400). */
  PERSISTED_QUERY_UNSUPPORTED_VERSION: 'PERSISTED_QUERY_UNSUPPORTED_VERSION',
  /** The query's worst-case node count exceeds the limit; the message names both numbers. */
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  /** The caller spent its cost points for this window (HTTP 429, see Retry-After). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The request ran past its deadline; its database statements were cancelled. */
  TIMEOUT: 'TIMEOUT',
  /** The answer would be larger than MAX_RESPONSE_BYTES; ask for smaller pages or fewer fields. */
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  /** A referenced record does not exist where one is required. */
  NOT_FOUND: 'NOT_FOUND',
  /** Too many requests of a limited kind (graph exports, imports) are running; retry later (HTTP 429, Retry-After). */
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  /** The request carries an API key that is unknown, revoked or malformed, or a write came without one. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The API key is valid but its role does not allow this operation. */
  FORBIDDEN: 'FORBIDDEN',
  /** userError: the record changed since the client read it (expectedVersion is stale); nothing was written. */
  CONFLICT: 'CONFLICT',
  /** userError: another record already holds a value that must be unique (e.g. a credit code). */
  DUPLICATE: 'DUPLICATE',
  /** userError: other records depend on the one to delete; pass detach: true to unlink them. */
  HAS_DEPENDANTS: 'HAS_DEPENDANTS',
  /** The request body is larger than the route accepts (HTTP 413): 1 MB on /graphql, 50 MB on the import route. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The database is unreachable (HTTP 503); retry shortly. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Anything unexpected; details are logged, not returned. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A client mistake the client can fix by changing the request. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extra } });
  }
}

/** A required record does not exist. */
export class NotFoundError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND, ...extra } });
  }
}

/** No API key, or one that is unknown, revoked or malformed (HTTP 401 when raised before execution). */
export class UnauthenticatedError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  }
}

/** A valid API key whose role does not allow the operation. */
export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

/** The query would fetch more nodes than one request may; the client should ask for smaller pages. */
export class QueryTooCostlyError extends GraphQLError {
  constructor(cost: number, limit: number) {
    super(`This query could return up to ${cost} nodes; the limit is ${limit}. Ask for smaller pages (first/last) or fewer nested lists.`, {
      extensions: { code: ErrorCode.QUERY_TOO_COSTLY, cost, limit, http: { status: 400 } },
    });
  }
}

/** The caller has no cost points left in this window. */
export class RateLimitedError extends GraphQLError {
  constructor(requested: number, remaining: number, retryAfterSeconds: number) {
    const headers = new Map([['retry-after', String(retryAfterSeconds)]]);
    super(`Rate limit exceeded: this query costs ${requested} points and ${remaining} remain in this window. Retry after ${retryAfterSeconds} seconds.`, {
      extensions: { code: ErrorCode.RATE_LIMITED, requested, remaining, retryAfter: retryAfterSeconds, http: { status: 429, headers } },
    });
  }
}

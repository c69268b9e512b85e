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
  /** The document does not validate against the schema. */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** A referenced record does not exist where one is required. */
  NOT_FOUND: 'NOT_FOUND',
  /** Too many requests of a limited kind (graph exports) are running; retry later. */
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  /** The database is unreachable. */
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

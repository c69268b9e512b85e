import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { DocumentNode, GraphQLError, GraphQLFormattedError } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { QueryLimits, RateLimitConfig } from '../common/config';
import type { Context, CostReport } from '../common/context';
import { ErrorCode, QueryTooCostlyError, RateLimitedError } from '../common/errors';
import { classifyDatabaseError } from '../db/database-errors';
import { computeCost, QueryCost } from './cost';
import { variablesKey } from './variables-key';
import { dataNoticePlugin } from './data-notice';
import { dropTokens } from './document-tokens';
import { inputLimitsPlugin } from './input-limits';
import { shapeLimitRules } from './limits';
import { RedisUnavailableError } from './redis-breaker';
import { isPublicAnswer } from './response-cache';
import { meterFields, workMeterPlugin } from './work-meter';
import { textInputPlugin } from './text-input';
import type { BudgetState, RateLimitStore } from './rate-limit';
import { buildAppSchema } from './schema';
import { compiledExecutionPlugin } from './compiler/compiled-execution';
import { stringifyResult } from './compiler/raw-json';

export interface ApolloOptions {
  production: boolean;
  logger: Logger;
  limits: QueryLimits;
  rateLimit: RateLimitConfig;
  rateLimitStore: RateLimitStore;
  requestTimeoutMs: number;
  /** Where persisted queries (APQ) are kept; Apollo's in-memory LRU when absent. */
  cache?: KeyValueCache<string>;
  /** Extra plugins, such as the response cache. */
  plugins?: ApolloServerPlugin<Context>[];
  /** `resolvers` turns the read compiler off (EXECUTION=resolvers); compiled by default. */
  execution?: 'compiled' | 'resolvers';
}

/** Prices kept per document, operation and variables. */
const PRICED_REQUESTS = 500;

/** Reports how many SQL statements the request ran, for tests, benchmarks and operators. */
const sqlStatementsHeader: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        response.http.headers.set('x-sql-statements', String(contextValue.sql.statements));
      },
    };
  },
};

/**
 * Prices the operation before it runs (worst-case node count; points per GitHub's rule), refuses
 * it when too costly or when the caller's budget is spent, and reports the budget on every
 * response: `extensions.cost` and the x-ratelimit-* headers.
 */
function costPlugin(options: ApolloOptions): ApolloServerPlugin<Context> {
  const { limits, rateLimit, rateLimitStore, logger } = options;
  const charge = async (context: Context, points: number): Promise<BudgetState> => {
    const limit = context.billing.keyed ? rateLimit.keyedPoints : rateLimit.anonymousPoints;
    try {
      return await rateLimitStore.charge(context.billing.callerId, points, limit, rateLimit.windowMs);
    } catch (error) {
      // A limiter outage (Redis away) must not take the API down: serve, count nothing. The
      // breaker logs the outage once; each uncounted request only at debug level.
      if (error instanceof RedisUnavailableError) logger.debug({ requestId: context.requestId }, 'rate-limit store unavailable; request not counted');
      else logger.warn({ err: error, requestId: context.requestId }, 'rate-limit store unavailable; request not counted');
      return { allowed: true, limit, used: 0, remaining: limit, resetAt: new Date(Date.now() + rateLimit.windowMs) };
    }
  };
  // The price is a pure function of the document, the operation and the variables (the schema
  // and the limits are fixed for the process): a repeated request is priced from this cache.
  const prices = new LRUCache<string, QueryCost>({ max: PRICED_REQUESTS });
  const priced = (queryHash: string, operationName: string | undefined, variables: Record<string, unknown> | undefined, price: () => QueryCost) => {
    const vars = variablesKey(variables);
    if (vars === null) return price();
    const key = `${queryHash}\u0000${operationName ?? ''}\u0000${vars}`;
    let cost = prices.get(key);
    if (!cost) prices.set(key, (cost = price()));
    return cost;
  };
  const report = (requested: number, nodes: number, budget: BudgetState): CostReport => ({
    requested,
    nodes,
    limit: budget.limit,
    remaining: budget.remaining,
    used: budget.used,
    resetAt: budget.resetAt.toISOString(),
  });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue, queryHash }) {
          if (!operation) return;
          contextValue.billing.operationName = operation.name?.value;
          const cost = priced(queryHash, request.operationName, request.variables, () =>
            computeCost(schema, document, operation, request.variables, limits.defaultPageSize),
          );
          if (cost.nodes > limits.maxNodes) {
            contextValue.billing.cost = report(0, cost.nodes, await charge(contextValue, 0));
            throw new QueryTooCostlyError(cost.nodes, limits.maxNodes);
          }
          const budget = await charge(contextValue, cost.points);
          if (!budget.allowed) {
            contextValue.billing.cost = report(0, cost.nodes, budget);
            const retryAfter = Math.max(1, Math.ceil((budget.resetAt.getTime() - Date.now()) / 1000));
            throw new RateLimitedError(cost.points, budget.remaining, retryAfter);
          }
          contextValue.billing.cost = report(cost.points, cost.nodes, budget);
        },
        async willSendResponse(requestContext) {
          const { response, contextValue } = requestContext;
          // Requests refused before pricing (parse or validation errors) cost nothing but still
          // show the caller's budget.
          contextValue.billing.cost ??= report(0, 0, await charge(contextValue, 0));
          // A publicly cacheable answer goes to every caller a CDN serves it to: nothing of this
          // caller's budget may ride on it.
          if (isPublicAnswer(requestContext)) return;
          const cost = contextValue.billing.cost;
          const headers = response.http.headers;
          headers.set('x-ratelimit-limit', String(cost.limit));
          headers.set('x-ratelimit-remaining', String(cost.remaining));
          headers.set('x-ratelimit-used', String(cost.used));
          headers.set('x-ratelimit-reset', String(Math.ceil(Date.parse(cost.resetAt) / 1000)));
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost };
          }
        },
      };
    },
  };
}

/**
 * Unexpected errors: logged in full with the request id; in production the client sees only
 * INTERNAL_SERVER_ERROR and that id. Timeouts and an unreachable database get their own codes
 * and HTTP statuses (504, 503) so clients and load balancers can tell them apart.
 */
function errorPlugin(options: ApolloOptions): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (error.extensions?.code && error.extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR) continue;
            const original = unwrapResolverError(error);
            const failure = classifyDatabaseError(original);
            const level = failure === 'other' ? 'error' : 'warn';
            options.logger[level](
              { err: original, requestId: contextValue?.requestId, operationName, path: error.path },
              failure === 'other' ? 'unexpected error' : `database ${failure}`,
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.length) return;
          const codes = new Set(errors.map((e) => e.extensions?.code));
          if (codes.has(ErrorCode.SERVICE_UNAVAILABLE)) response.http.status = 503;
          else if (codes.has(ErrorCode.TIMEOUT)) response.http.status = 504;
          response.body.singleResult.errors = errors.map((e) =>
            e.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR ? { ...e, extensions: { ...e.extensions, requestId: contextValue.requestId } } : e,
          );
        },
      };
    },
  };
}

/**
 * Apollo refuses a persisted query with a wrong hash or an unknown protocol version (HTTP 400)
 * through errors that carry no code, which would read as INTERNAL_SERVER_ERROR: name them.
 */
function persistedQueryProblem(error: unknown): { code: string; message: string } | null {
  if (!(error instanceof GraphQLError) || error.extensions?.code) return null;
  if (error.message === 'provided sha does not match query') {
    return {
      code: ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
      message: 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it (hex, lower case).',
    };
  }
  if (error.message === 'Unsupported persisted query version') {
    return {
      code: ErrorCode.PERSISTED_QUERY_UNSUPPORTED_VERSION,
      message: 'Only version 1 of automatic persisted queries is supported: send extensions.persistedQuery.version = 1.',
    };
  }
  return null;
}

/** The Apollo server over the app schema; mounted on HTTP by src/http. */
/** Parsed, validated documents kept for reuse: enough for every operation real clients send. */
const PARSED_DOCUMENTS = 500;

/**
 * Apollo's default document store bounds its entries by the JSON size of each DocumentNode, but a
 * parsed document also keeps every token of its source (its `loc` chain), which JSON leaves out:
 * under a stream of unique queries its 30 MB bound let the heap grow by hundreds of MB. This store
 * bounds the count instead, and keeps each document without its tokens (issue 18: V8 lets RSS
 * grow to a few times what is live, so every MB kept here shows several times in RSS).
 */
function documentStore(max: number): KeyValueCache<DocumentNode> {
  const entries = new LRUCache<string, DocumentNode>({ max });
  return {
    async get(key) {
      return entries.get(key);
    },
    async set(key, value) {
      entries.set(key, dropTokens(value));
    },
    async delete(key) {
      return entries.delete(key);
    },
  };
}

export function createApollo(options: ApolloOptions): ApolloServer<Context> {
  const timeoutSeconds = Math.round(options.requestTimeoutMs / 100) / 10;
  return new ApolloServer<Context>({
    schema: meterFields(buildAppSchema()),
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: !options.production,
    // "Did you mean …?" suggestions map the schema for an attacker; the schema is published anyway,
    // but production answers stay terse.
    hideSchemaDetailsFromClientErrors: options.production,
    // No CSRF prevention, on purpose: CSRF abuses credentials a browser attaches by itself
    // (cookies, HTTP auth, client certificates), and this API has none: it authenticates only by
    // "Authorization: Bearer <key>", which a cross-site page cannot make a browser send. A forged
    // request therefore runs as an anonymous caller, who may read the public directory anyway.
    // Mutations never run over GET (Apollo answers 405) and a POST must be application/json, so
    // nothing writes without a key. Apollo's check would only refuse plain GET queries, such as
    // the ones urql sends by default (docs/third-party-developers.md, "Clients").
    csrfPrevention: false,
    // Over the token limit the parser stops early and Apollo answers 400 GRAPHQL_PARSE_FAILED.
    parseOptions: { maxTokens: options.limits.maxTokens },
    validationRules: shapeLimitRules(options.limits),
    // The HTTP layer owns shutdown (stop accepting, drain, close the database), not Apollo.
    stopOnTerminationSignals: false,
    // The schema is public and published (schema/schema.graphql); introspection stays on.
    introspection: true,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // The API sets no cache hints; Apollo's default cache-control plugin would still hook every
      // resolved field, which costs a third of the time of large answers (8,000 coverage cells).
      ApolloServerPluginCacheControlDisabled(),
      // First: refuses oversized variables before any other plugin walks them.
      inputLimitsPlugin(options.limits),
      // Before the plugins that read the answer: a stopped request's answer is replaced first.
      workMeterPlugin({ requestTimeoutMs: options.requestTimeoutMs, maxResponseBytes: options.limits.maxResponseBytes }),
      sqlStatementsHeader,
      textInputPlugin,
      // Before the response cache (in options.plugins), which stores the notice with the data.
      dataNoticePlugin,
      costPlugin(options),
      errorPlugin(options),
      ...(options.plugins ?? []),
      // Last: its responseForOperation runs after the response cache's, so a cached answer wins.
      compiledExecutionPlugin({
        mode: options.execution ?? 'compiled',
        maxResponseBytes: options.limits.maxResponseBytes,
        requestTimeoutMs: options.requestTimeoutMs,
      }),
    ],
    // Writes a compiled answer's JSON text as it came from PostgreSQL, without parsing it.
    stringifyResult,
    // Automatic persisted queries: a client may send the SHA-256 of a query it sent before
    // (over GET, so CDNs can cache it); kept in Redis when several processes serve the API.
    ...(options.cache ? { cache: options.cache } : {}),
    documentStore: documentStore(PARSED_DOCUMENTS),
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const apq = persistedQueryProblem(error);
      if (apq) return { message: apq.message, extensions: { code: apq.code } };
      const code = formatted.extensions?.code;
      if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
        // A coded error is the client's to fix: its message says what; a server stack says nothing more.
        if (!formatted.extensions?.stacktrace) return formatted;
        const { stacktrace: _stack, ...extensions } = formatted.extensions;
        return { ...formatted, extensions };
      }
      const failure = classifyDatabaseError(unwrapResolverError(error));
      if (failure === 'timeout') {
        return { message: `The request ran longer than ${timeoutSeconds} s and was cancelled.`, path: formatted.path, extensions: { code: ErrorCode.TIMEOUT } };
      }
      if (failure === 'unavailable') {
        return { message: 'The database is unavailable; retry shortly.', path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
      }
      if (!options.production) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
      return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    },
  });
}

import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from '../common/context';
import { ErrorCode } from '../common/errors';
import { buildAppSchema } from './schema';

export interface ApolloOptions {
  production: boolean;
  logger: Logger;
  /** Where persisted queries (APQ) are kept; Apollo's in-memory LRU when absent. */
  cache?: KeyValueCache<string>;
  /** Extra plugins, such as the response cache. */
  plugins?: ApolloServerPlugin<Context>[];
}

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

/** The Apollo server over the app schema; mounted on HTTP by src/http. */
export function createApollo(options: ApolloOptions): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: buildAppSchema(),
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: !options.production,
    csrfPrevention: true,
    // The HTTP layer owns shutdown (stop accepting, drain, close the database), not Apollo.
    stopOnTerminationSignals: false,
    introspection: true,
    // The API sets no cache hints; Apollo's default cache-control plugin would still hook every
    // resolved field, which costs a third of the time of large answers (8,000 coverage cells).
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), sqlStatementsHeader, ...(options.plugins ?? [])],
    // Automatic persisted queries: a client may send the SHA-256 of a query it sent before
    // (over GET, so CDNs can cache it); kept in Redis when several processes serve the API.
    ...(options.cache ? { cache: options.cache } : {}),
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const code = formatted.extensions?.code;
      if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
      const original = unwrapResolverError(error);
      options.logger.error({ err: original, path: formatted.path }, 'unexpected error');
      if (!options.production) return formatted;
      return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    },
  });
}

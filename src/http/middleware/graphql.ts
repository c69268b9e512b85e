import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { RequestHandler } from 'express';
import type { Context } from '../../common/context';
import type { Database } from '../../db/database';
import { createContext } from '../../graphql/context';
import { identifyCaller, ResolveKey } from '../caller';

/** Bills the request to its caller (a valid key, or the client address) before Apollo runs it. */
export function identify(resolveKey: ResolveKey): RequestHandler {
  return async (req, res, next) => {
    const { billing, caller } = await identifyCaller(req, resolveKey);
    res.locals.billing = billing;
    res.locals.caller = caller;
    next();
  };
}

/** Apollo mounted on Express, counting the operations still executing (see {@link ApolloMount.running}). */
export interface ApolloMount {
  handler: RequestHandler;
  /** Operations still executing, even when their client has gone: the database stays open for them. */
  running(): number;
}

/** Runs GraphQL operations with a context built for each request (its own EntityManager fork and loaders). */
export function mountApollo(apollo: ApolloServer<Context>, db: Database): ApolloMount {
  let running = 0;
  const apolloHandler = expressMiddleware(apollo, {
    context: async ({ req, res }) =>
      createContext(db, {
        requestId: res.locals.requestId,
        sql: res.locals.sql,
        billing: res.locals.billing,
        caller: res.locals.caller,
        authorization: req.get('authorization'),
      }),
  });
  return {
    running: () => running,
    async handler(req, res, next) {
      running++;
      try {
        await apolloHandler(req, res, next);
      } catch (error) {
        // After the deadline answered, Apollo's late answer has nowhere to go.
        if (!res.headersSent) next(error);
      } finally {
        running--;
      }
    },
  };
}

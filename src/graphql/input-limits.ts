import type { ApolloServerPlugin } from '@apollo/server';
import type { QueryLimits } from '../common/config';
import type { Context } from '../common/context';
import { BadUserInputError } from '../common/errors';

/**
 * How many values the variables hold and how deeply they nest, walked without recursion and
 * stopped as soon as either passes its limit, so a variable nested 100,000 deep or a filter of
 * 50,000 values costs a few microseconds per value up to the limit and no stack.
 * Returns the broken limit, or null.
 */
export function measureInput(
  variables: unknown,
  limits: Pick<QueryLimits, 'maxInputValues' | 'maxInputDepth'>,
): { what: 'values' | 'depth'; limit: number } | null {
  let values = 0;
  const pending: Array<[unknown, number]> = [[variables, 0]];
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (value !== null && typeof value === 'object') {
      // The variables object itself is level 0; a variable's own object or list is level 1.
      if (depth > limits.maxInputDepth) return { what: 'depth', limit: limits.maxInputDepth };
      for (const item of Array.isArray(value) ? value : Object.values(value)) pending.push([item, depth + 1]);
    } else if (++values > limits.maxInputValues) {
      return { what: 'values', limit: limits.maxInputValues };
    }
  }
  return null;
}

/**
 * Refuses variables too large or too deep before anything walks them (BAD_USER_INPUT, HTTP 400).
 * The check runs when the request starts; the refused variables are dropped at once, so no later
 * step (NUL check, cost, cache key) walks them, and the error is raised once the operation is known.
 */
export function inputLimitsPlugin(limits: Pick<QueryLimits, 'maxInputValues' | 'maxInputDepth'>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const broken = measureInput(request.variables ?? {}, limits);
      if (!broken) return undefined;
      request.variables = {};
      const message =
        broken.what === 'values'
          ? `The variables hold more than ${broken.limit} values; send smaller lists (for example split a long filter into several requests).`
          : `A variable nests objects or lists more than ${broken.limit} levels deep.`;
      const error = new BadUserInputError(message, { limit: broken.limit, http: { status: 400 } });
      return {
        async didResolveOperation() {
          throw error;
        },
      };
    },
  };
}

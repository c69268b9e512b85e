import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, Kind, visit, BREAK } from 'graphql';
import type { Context } from '../common/context';
import { BadUserInputError } from '../common/errors';

/**
 * Where a request carries the NUL character (U+0000), which PostgreSQL text cannot hold: the
 * variable path (`$filter.districts[2]`) or `a string literal in the query`; null when none does.
 */
export function findNulCharacter(document: DocumentNode, variables: Record<string, unknown> | undefined): string | null {
  const inVariables = findInValue(variables ?? {}, '$');
  if (inVariables) return inVariables;
  let found: string | null = null;
  visit(document, {
    [Kind.STRING](node) {
      if (!node.value.includes('\u0000')) return undefined;
      found = 'a string literal in the query';
      return BREAK;
    },
  });
  return found;
}

function findInValue(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInValue(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findInValue(item, path === '$' ? `$${key}` : `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses a request whose text carries U+0000 before anything runs (BAD_USER_INPUT naming where),
 * instead of letting the database reject the statement half-way through a request.
 */
export const textInputPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request }) {
        const where = findNulCharacter(document, request.variables);
        if (where) {
          throw new BadUserInputError(`Text may not contain the NUL character (U+0000), found in ${where}; PostgreSQL cannot store it.`, {
            http: { status: 400 },
          });
        }
      },
    };
  },
};

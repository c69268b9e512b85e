import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, Kind, visit, BREAK } from 'graphql';
import type { Context } from '../common/context';
import { BadUserInputError } from '../common/errors';
import { unstorableCharacter } from '../common/text';

/** Where a request carries text PostgreSQL cannot store, and what is wrong with it. */
export interface UnstorableText {
  /** The variable path (`$filter.districts[2]`) or `a string literal in the query`. */
  where: string;
  /** What the text holds, as a sentence fragment for the error message. */
  problem: string;
}

/**
 * The first text of a request PostgreSQL cannot store: U+0000, or half of a UTF-16 surrogate pair
 * (a lone surrogate has no UTF-8 form; jsonb and text columns refuse it). Null when none.
 */
export function findUnstorableText(document: DocumentNode, variables: Record<string, unknown> | undefined): UnstorableText | null {
  const inVariables = findInValue(variables ?? {}, '$');
  if (inVariables) return inVariables;
  let found = literalsChecked.get(document);
  if (found === undefined) {
    found = null;
    visit(document, {
      [Kind.STRING](node) {
        const problem = unstorableCharacter(node.value);
        if (!problem) return undefined;
        found = { where: 'a string literal in the query', problem };
        return BREAK;
      },
    });
    literalsChecked.set(document, found);
  }
  return found;
}

/**
 * What the literals of a parsed document hold, per document: Apollo keeps one parsed document
 * per query text, so a repeated query is walked once, not on every request (the walk was about
 * 5% of a compiled read's CPU).
 */
const literalsChecked = new WeakMap<DocumentNode, UnstorableText | null>();

/** Where a request carries U+0000 (kept for callers that only ask about NUL), or null. */
export function findNulCharacter(document: DocumentNode, variables: Record<string, unknown> | undefined): string | null {
  const found = findUnstorableText(document, variables);
  return found && found.problem.includes('U+0000') ? found.where : null;
}

function findInValue(value: unknown, path: string): UnstorableText | null {
  if (typeof value === 'string') {
    const problem = unstorableCharacter(value);
    return problem ? { where: path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInValue(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const where = path === '$' ? `$${key}` : `${path}.${key}`;
      const inKey = unstorableCharacter(key);
      if (inKey) return { where: `a field name in ${where}`, problem: inKey };
      const found = findInValue(item, where);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses a request whose text PostgreSQL cannot store (U+0000, a lone surrogate) before
 * anything runs: BAD_USER_INPUT naming where, instead of a database error half-way through.
 */
export const textInputPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request }) {
        const found = findUnstorableText(document, request.variables);
        if (found) {
          throw new BadUserInputError(`Text may not contain ${found.problem}, found in ${found.where}; PostgreSQL cannot store it.`, {
            http: { status: 400 },
          });
        }
      },
    };
  },
};

import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { QueryLimits } from '../common/config';
import { ErrorCode } from '../common/errors';

/**
 * Validation rules that reject a document by its shape before anything runs: depth (fragment
 * spreads and inline fragments each count as a level, so they cannot hide depth), aliases and
 * directives. graphql-armor counts; we report, so the error is an ordinary validation error (HTTP
 * 400, GRAPHQL_VALIDATION_FAILED) with our wording instead of armor's thrown "Syntax Error".
 */
export function shapeLimitRules(limits: Pick<QueryLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives'>): ValidationRule[] {
  const report = (what: string, limit: number) => (context: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+)/.exec(error.message)?.[1];
    context?.reportError(
      new GraphQLError(`Query ${what} ${found ?? ''} exceeds the limit of ${limit}.`.replace('  ', ' '), {
        extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, limit, found: found === undefined ? undefined : Number(found) },
      }),
    );
  };
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxDepthRule({ ...common, n: limits.maxDepth, flattenFragments: false, ignoreIntrospection: true, onReject: [report('depth', limits.maxDepth)] }),
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: [report('alias count', limits.maxAliases)] }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: [report('directive count', limits.maxDirectives)] }),
  ] as ValidationRule[];
}

import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { ASTVisitor, GraphQLError, Kind, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import type { QueryLimits } from '../common/config';
import { ErrorCode } from '../common/errors';

function limitError(what: string, found: number, limit: number): GraphQLError {
  return new GraphQLError(`Query ${what} ${found} exceeds the limit of ${limit}.`, {
    extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, limit, found },
  });
}

/**
 * Depth of each operation: a root field is level 1, each nested selection one more, and each
 * inline fragment or fragment spread also counts as a level, so fragments cannot hide depth.
 * (graphql-armor's depth rule counts a spread as two levels, which would surprise clients; this is
 * the one limit we count ourselves.) Introspection (`__schema`, `__type`) is not counted.
 */
export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const depthOf = (selectionSet: SelectionSetNode, level: number, spreading: Set<string>): number => {
      let deepest = level;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value === '__schema' || selection.name.value === '__type') continue;
          deepest = Math.max(deepest, selection.selectionSet ? depthOf(selection.selectionSet, level + 1, spreading) : level + 1);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, level + 1, spreading));
        } else {
          const name = selection.name.value;
          const fragment = context.getFragment(name);
          // A cycle is reported by the standard NoFragmentCycles rule; stop following it here.
          if (!fragment || spreading.has(name)) continue;
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, level + 1, new Set(spreading).add(name)));
          if (deepest > maxDepth) return deepest;
        }
        if (deepest > maxDepth) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, 0, new Set());
        if (depth > maxDepth) context.reportError(limitError('depth', depth, maxDepth));
        return false;
      },
    };
  };
}

/**
 * Validation rules that reject a document by its shape before anything runs: depth, aliases and
 * directives (each counted through fragments). graphql-armor counts aliases and directives; we
 * report, so the error is an ordinary validation error (HTTP 400, GRAPHQL_VALIDATION_FAILED) with
 * our wording instead of armor's thrown "Syntax Error".
 */
export function shapeLimitRules(limits: Pick<QueryLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives'>): ValidationRule[] {
  const report = (what: string, limit: number) => (context: ValidationContext | null, error: GraphQLError) => {
    const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);
    context?.reportError(limitError(what, found, limit));
  };
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxDepthRule(limits.maxDepth),
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: [report('alias count', limits.maxAliases)] }) as ValidationRule,
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: [report('directive count', limits.maxDirectives)] }) as ValidationRule,
  ];
}

import { ASTVisitor, DirectiveNode, FragmentDefinitionNode, GraphQLError, Kind, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import type { QueryLimits } from '../common/config';
import { ErrorCode } from '../common/errors';

function limitError(what: string, found: number, limit: number): GraphQLError {
  return new GraphQLError(`Query ${what} ${found} exceeds the limit of ${limit}.`, {
    extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, limit, found },
  });
}

/** What one selection set holds as executed: fragments expanded at every spread. */
interface Shape {
  /** Levels below (a field, an inline fragment and a spread each count one). */
  depth: number;
  aliases: number;
  directives: number;
}

const EMPTY: Shape = { depth: 0, aliases: 0, directives: 0 };
// Counts past this are all "over the limit"; keeps documents that expand exponentially finite.
const capped = (n: number) => Math.min(n, Number.MAX_SAFE_INTEGER);
const count = (directives: readonly DirectiveNode[] | undefined) => directives?.length ?? 0;

/**
 * Measures the operations of a document as they execute: each fragment is measured once and its
 * measure reused at every spread, so the work is linear in the size of the document, while the
 * counts are those of the expanded query (a fragment spread ten times counts its aliases and
 * directives ten times).
 */
class ShapeMeter {
  private readonly memo = new Map<string, Shape>();

  constructor(private readonly fragmentOf: (name: string) => FragmentDefinitionNode | null | undefined) {}

  measure(selectionSet: SelectionSetNode): Shape {
    let depth = 0;
    let aliases = 0;
    let directives = 0;
    for (const selection of selectionSet.selections) {
      directives += count(selection.directives);
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        // Introspection does not count towards depth (its own shape is fixed by the spec).
        const introspection = selection.name.value === '__schema' || selection.name.value === '__type';
        inner = selection.selectionSet ? this.measure(selection.selectionSet) : EMPTY;
        if (!introspection) depth = Math.max(depth, 1 + inner.depth);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.measure(selection.selectionSet);
        depth = Math.max(depth, 1 + inner.depth);
      } else {
        inner = this.fragment(selection.name.value);
        depth = Math.max(depth, 1 + inner.depth);
      }
      aliases += inner.aliases;
      directives += inner.directives;
    }
    return { depth, aliases: capped(aliases), directives: capped(directives) };
  }

  private fragment(name: string): Shape {
    const known = this.memo.get(name);
    if (known) return known;
    // A cycle is reported by the standard NoFragmentCycles rule; its back edge counts nothing here.
    this.memo.set(name, EMPTY);
    const fragment = this.fragmentOf(name);
    if (!fragment) return EMPTY;
    const inner = this.measure(fragment.selectionSet);
    const shape = { ...inner, directives: capped(inner.directives + count(fragment.directives)) };
    this.memo.set(name, shape);
    return shape;
  }
}

/**
 * Depth, aliases and directives of each operation, counted as executed (through fragments), in
 * one pass linear in the document. Depth: a root field is level 1, each nested selection one
 * more, and each inline fragment or fragment spread also counts as a level, so fragments cannot
 * hide depth; introspection (`__schema`, `__type`) is not counted. Errors are ordinary validation
 * errors (HTTP 400, GRAPHQL_VALIDATION_FAILED) naming the limit.
 */
export function shapeLimitsRule(limits: Pick<QueryLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives'>): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const meter = new ShapeMeter((name) => context.getFragment(name));
    return {
      OperationDefinition(operation) {
        const shape = meter.measure(operation.selectionSet);
        const directives = shape.directives + count(operation.directives);
        if (shape.depth > limits.maxDepth) context.reportError(limitError('depth', shape.depth, limits.maxDepth));
        if (shape.aliases > limits.maxAliases) context.reportError(limitError('alias count', shape.aliases, limits.maxAliases));
        if (directives > limits.maxDirectives) context.reportError(limitError('directive count', directives, limits.maxDirectives));
        return false;
      },
    };
  };
}

/** Validation rules that reject a document by its shape before anything runs. */
export function shapeLimitRules(limits: Pick<QueryLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives'>): ValidationRule[] {
  return [shapeLimitsRule(limits)];
}

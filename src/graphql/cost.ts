import {
  DocumentNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLCompositeType,
  GraphQLSchema,
  isCompositeType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  typeFromAST,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';

export interface QueryCost {
  /** Worst-case number of nodes the query can return: each connection multiplies its children. */
  nodes: number;
  /** Rate-limit points charged: one per hundred connection fetches, at least one (GitHub's rule). */
  points: number;
}

/**
 * Sized fields that are not connections, with the size they have when `first` is absent: their
 * declared default (the relation graph answers up to 500 nodes).
 */
const DEFAULT_SIZES: Record<string, number> = { 'Query.relationGraph': 500 };

/** A connection type is any object type with `edges` and `pageInfo`, as connectionType() builds them. */
function isConnection(type: unknown): boolean {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return 'edges' in fields && 'pageInfo' in fields;
}

/**
 * The cost of one operation of a validated document, computed from the document, the variables
 * and the schema before anything runs. A connection asked for `first`/`last` N (the default page
 * size when absent) adds parent-multiplier × N nodes, and its children are multiplied by N; a
 * connection fetched M times (M = product of its ancestors' page sizes) costs M fetches. Lists by
 * ID (`nodes(ids:)`) count their IDs; the relation graph counts its `first` (default 500).
 */
export function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  defaultPageSize: number,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let nodes = 0;
  let fetches = 0;

  const visit = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, spreading: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.selectionSet || !('getFields' in parent)) continue;
        const field = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
        if (!field) continue; // __schema, __type: introspection is free
        const type = getNamedType(field.type);
        if (!isCompositeType(type)) continue;
        let childMultiplier = multiplier;
        const sizedByDefault = DEFAULT_SIZES[`${parent.name}.${field.name}`];
        const byIds = field.args.some((a) => a.name === 'ids');
        if (isConnection(type) || sizedByDefault !== undefined || byIds) {
          let size = sizedByDefault ?? defaultPageSize;
          try {
            const args = getArgumentValues(field, selection, variables ?? {});
            const asked = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : Array.isArray(args.ids) ? args.ids.length : undefined;
            if (asked !== undefined) size = Math.max(0, asked);
          } catch {
            // Bad arguments fail at execution with BAD_USER_INPUT; cost them at the default here.
          }
          nodes += multiplier * size;
          fetches += multiplier;
          childMultiplier = multiplier * Math.max(size, 1);
        }
        visit(selection.selectionSet, type, childMultiplier, spreading);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parent;
        if (type && isCompositeType(type)) visit(selection.selectionSet, type, multiplier, spreading);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || spreading.has(name)) continue;
        const type = typeFromAST(schema, fragment.typeCondition);
        if (type && isCompositeType(type)) visit(fragment.selectionSet, type, multiplier, new Set(spreading).add(name));
      }
    }
  };

  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (root) visit(operation.selectionSet, root, 1, new Set());
  return { nodes, points: Math.max(1, Math.round(fetches / 100)) };
}

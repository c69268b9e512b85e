import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  typeFromAST,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';

export interface QueryCost {
  /** Worst-case number of nodes the query can return: each list multiplies its children. */
  nodes: number;
  /** Rate-limit points charged: one per hundred list fetches, at least one (GitHub's rule). */
  points: number;
}

/**
 * Sized fields that are not connections, with the size they have when `first` is absent: their
 * declared default (the relation graph answers up to 500 nodes).
 */
const DEFAULT_SIZES: Record<string, number> = {
  'Query.relationGraph': 500,
  // The list forms of matching: each item is a ranked record fetched by its `first`, like a connection's.
  'Query.matchEnterprisesForPark': 10,
  'Query.matchParksForEnterprise': 6,
};

/**
 * Plain lists (not connections) whose largest size the schema does not say. Lists of sectors are
 * as long as the SectorCode enum (counted from the schema); the relation graph's lists are
 * already priced by the graph's own `first`. Any other plain list of objects counts
 * {@link PLAIN_LIST_SIZE} items.
 */
const PLAIN_LIST_SIZES: Record<string, number> = {
  'RelationGraph.nodes': 0,
  'RelationGraph.edges': 0,
  // A firm holds each kind of recognition at each level at most once (a unique constraint): 6 × 3.
  'Enterprise.designations': 18,
  'EnterpriseFacets.byDesignation': 18,
  // The chain map holds at most MAX_CHAIN_NODES (src/modules/chain-node/chain-node.service.ts).
  'ChainMap.nodes': 500,
};
const PLAIN_LIST_SIZE = 100;

/** A connection type is any object type with `edges` and `pageInfo`, as connectionType() builds them. */
function isConnection(type: unknown): boolean {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return 'edges' in fields && 'pageInfo' in fields;
}

/** Numbers past this are all "too costly"; keeps exponential documents finite. */
const CEILING = Number.MAX_SAFE_INTEGER;
const capped = (n: number) => Math.min(n, CEILING);

interface Tally {
  nodes: number;
  fetches: number;
}

interface SchemaFacts {
  /** Items a full `__schema` answer holds: types, fields, arguments, input fields, enum values, directives. */
  schemaSize: number;
  /** Items of the largest single type (what `__type(name:)` can answer). */
  largestType: number;
  typeCount: number;
  sectorCount: number;
}

const factsMemo = new WeakMap<GraphQLSchema, SchemaFacts>();

function schemaFacts(schema: GraphQLSchema): SchemaFacts {
  let facts = factsMemo.get(schema);
  if (facts) return facts;
  let schemaSize = 0;
  let largestType = 0;
  const types = Object.values(schema.getTypeMap());
  for (const type of types) {
    let size = 1;
    if (isObjectType(type) || isInterfaceType(type)) for (const field of Object.values(type.getFields())) size += 1 + field.args.length;
    else if (isInputObjectType(type)) size += Object.keys(type.getFields()).length;
    else if (isEnumType(type)) size += type.getValues().length;
    schemaSize += size;
    largestType = Math.max(largestType, size);
  }
  for (const directive of schema.getDirectives()) schemaSize += 1 + directive.args.length;
  const sectorCode = schema.getType('SectorCode');
  const sectorCount = isEnumType(sectorCode) ? sectorCode.getValues().length : PLAIN_LIST_SIZE;
  facts = { schemaSize, largestType, typeCount: types.length, sectorCount };
  factsMemo.set(schema, facts);
  return facts;
}

/**
 * The cost of one operation of a validated document, computed from the document, the variables
 * (coerced as execution will coerce them: a variable's default counts) and the schema, before
 * anything runs.
 *
 * - A connection asked for `first`/`last` N (the default page size when absent) adds
 *   parent-multiplier × N nodes and multiplies its children by N; it is fetched once per parent.
 * - A plain list of objects multiplies its children by as many items as it can hold: its `first`
 *   when it takes one, the number of sectors for lists of sectors, else {@link PLAIN_LIST_SIZE}.
 *   (Its own items are loaded with their parent and add no nodes.)
 * - Lists by ID (`nodes(ids:)`) count their IDs; the relation graph counts its `first` (default 500).
 * - Introspection is priced by the size of the schema: `__schema` as every type, field and
 *   argument it can list, `__type` as the largest type; each is one fetch per type.
 *
 * Each fragment is priced once and its price reused at every spread, so the work is linear in the
 * size of the document even when fragments spread each other many times over.
 */
export function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  defaultPageSize: number,
): QueryCost {
  const facts = schemaFacts(schema);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // Coerce as execution will: a declared default stands in for an absent variable. When coercion
  // fails the request fails before executing (HTTP 400), so the raw values are good enough here.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  const values = coerced.coerced ?? variables ?? {};

  const sizeOf = (field: GraphQLField<unknown, unknown>, node: FieldNode, fallback: number): number => {
    try {
      const args = getArgumentValues(field, node, values);
      if (typeof args.first === 'number') return Math.max(0, args.first);
      if (typeof args.last === 'number') return Math.max(0, args.last);
      if (Array.isArray(args.ids)) return args.ids.length;
    } catch {
      // Bad arguments fail at execution with BAD_USER_INPUT; price them at the fallback here.
    }
    return fallback;
  };

  const fragmentCosts = new Map<string, Tally>();
  const fragmentCost = (name: string): Tally => {
    const known = fragmentCosts.get(name);
    if (known) return known;
    // Cycles are refused by validation (NoFragmentCycles); count a cycle's back edge as nothing.
    fragmentCosts.set(name, { nodes: 0, fetches: 0 });
    const fragment = fragments.get(name);
    const type = fragment && typeFromAST(schema, fragment.typeCondition);
    const tally = fragment && type && isCompositeType(type) ? visit(fragment.selectionSet, type) : { nodes: 0, fetches: 0 };
    fragmentCosts.set(name, tally);
    return tally;
  };

  /** The cost of a selection set under one parent object (multiplier 1). */
  function visit(selectionSet: SelectionSetNode, parent: GraphQLCompositeType): Tally {
    let nodes = 0;
    let fetches = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__schema' || name === '__type') {
          nodes += name === '__schema' ? facts.schemaSize : facts.largestType;
          fetches += facts.typeCount;
          continue;
        }
        if (!selection.selectionSet || !('getFields' in parent)) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        const type = getNamedType(field.type);
        if (!isCompositeType(type)) continue;
        const child = visit(selection.selectionSet, type);
        const key = `${parent.name}.${field.name}`;
        let size: number | undefined;
        let plain = false;
        if (isConnection(type) || DEFAULT_SIZES[key] !== undefined || field.args.some((a) => a.name === 'ids')) {
          size = sizeOf(field, selection, DEFAULT_SIZES[key] ?? defaultPageSize);
        } else if (isListType(getNullableType(field.type)) && !isConnection(parent)) {
          // (A connection's own edges and nodes are the page its `first` already priced.)
          const declared = PLAIN_LIST_SIZES[key] ?? (type.name === 'Sector' ? facts.sectorCount : PLAIN_LIST_SIZE);
          size = sizeOf(field, selection, declared);
          plain = true;
        }
        if (size === undefined) {
          nodes += child.nodes;
          fetches += child.fetches;
        } else if (plain) {
          // A short closed list (a firm's sectors) is loaded in one batch with its parents; what
          // it multiplies is the work below it.
          nodes += size * child.nodes;
          fetches += size * child.fetches;
        } else {
          const each = Math.max(size, 1);
          nodes += size + each * child.nodes;
          fetches += 1 + each * child.fetches;
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parent;
        if (!type || !isCompositeType(type)) continue;
        const child = visit(selection.selectionSet, type);
        nodes += child.nodes;
        fetches += child.fetches;
      } else {
        const child = fragmentCost(selection.name.value);
        nodes += child.nodes;
        fetches += child.fetches;
      }
    }
    return { nodes: capped(nodes), fetches: capped(fetches) };
  }

  const root =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  const total = root ? visit(operation.selectionSet, root) : { nodes: 0, fetches: 0 };
  return { nodes: total.nodes, points: Math.max(1, Math.round(total.fetches / 100)) };
}

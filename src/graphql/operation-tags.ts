import {
  DocumentNode,
  getNamedType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/**
 * The entity types (object types implementing `Node`) whose records an operation's answer can
 * depend on, derived from its selection set alone. These are the tags of a cached response: a
 * write to any of them makes it stale.
 *
 * - a field of an entity type tags that type; an interface or union expands to its members;
 * - a connection or edge stands for its node type (so `totalCount` alone still depends on it);
 * - a value object inside an entity (provenance) adds nothing beyond its entity;
 * - anything computed from the whole directory (an aggregate reached from the root, a scalar
 *   root field) tags every entity type, because it may count records it does not show.
 */
export function operationTags(schema: GraphQLSchema, document: DocumentNode): string[] {
  const perSchema = memo.get(schema) ?? new WeakMap<DocumentNode, string[]>();
  memo.set(schema, perSchema);
  const cached = perSchema.get(document);
  if (cached) return cached;

  const entities = entityTypes(schema);
  const all = [...entities].sort();
  const tags = new Set<string>();
  let everything = false;

  const addType = (type: GraphQLNamedType): void => {
    if (isAbstractType(type)) {
      for (const member of schema.getPossibleTypes(type)) addType(member);
    } else if (entities.has(type.name)) {
      tags.add(type.name);
    }
  };

  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(field) {
        if (field.name.value.startsWith('__')) return;
        const parent = typeInfo.getParentType();
        const fieldType = typeInfo.getType();
        if (!parent || !fieldType) return;
        const named = getNamedType(fieldType);
        const parentIsEntity = entities.has(parent.name);
        if (parentIsEntity) tags.add(parent.name);
        if (isAbstractType(named)) {
          if (schema.getPossibleTypes(named).every((t) => entities.has(t.name))) addType(named);
          else everything = true;
          return;
        }
        if (!isObjectType(named)) {
          // A scalar straight off the root (a count, a statistic) may read any table.
          if (parent === schema.getQueryType()) everything = true;
          return;
        }
        if (entities.has(named.name)) {
          tags.add(named.name);
          return;
        }
        const listed = listedNodeType(named);
        if (listed) {
          addType(listed);
          return;
        }
        if (named.name === 'PageInfo' || parentIsEntity || isListedBy(parent)) return;
        // An aggregate or a wrapper reached from the root or from another aggregate.
        everything = true;
      },
    }),
  );
  const result = everything ? all : [...tags].sort();
  perSchema.set(document, result);
  return result;
}

const memo = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, string[]>>();
const entityMemo = new WeakMap<GraphQLSchema, Set<string>>();

/** Object types implementing `Node`: the records writes change. */
export function entityTypes(schema: GraphQLSchema): Set<string> {
  let set = entityMemo.get(schema);
  if (!set) {
    const node = schema.getType('Node');
    set = new Set(isInterfaceType(node) ? schema.getPossibleTypes(node).map((t) => t.name) : []);
    entityMemo.set(schema, set);
  }
  return set;
}

/** The node type of a Relay connection (`edges { node }`) or edge (`node`, `cursor`). */
function listedNodeType(type: GraphQLObjectType): GraphQLNamedType | null {
  const fields = type.getFields();
  if (fields.node && fields.cursor) return getNamedType(fields.node.type);
  if (fields.edges) {
    const edge = getNamedType(fields.edges.type);
    if (isObjectType(edge) && edge.getFields().node) return getNamedType(edge.getFields().node.type);
  }
  return null;
}

/** Connections and edges: their own fields (edges, pageInfo) add nothing beyond the node type. */
function isListedBy(type: GraphQLNamedType): boolean {
  return isObjectType(type) && listedNodeType(type) !== null;
}

const selectionMemo = new WeakMap<DocumentNode, Map<string, boolean>>();

/**
 * Whether the document selects a field of, or returning, any of `typeNames` (through fragments
 * and interfaces too: `node(id) { ... on Lead { id } }` selects Lead's `id`).
 */
export function selectsAnyType(schema: GraphQLSchema, document: DocumentNode, typeNames: readonly string[]): boolean {
  const key = typeNames.join(',');
  const perDocument = selectionMemo.get(document) ?? new Map<string, boolean>();
  selectionMemo.set(document, perDocument);
  const known = perDocument.get(key);
  if (known !== undefined) return known;
  const names = new Set(typeNames);
  let found = false;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const fieldType = typeInfo.getType();
        if ((parent && names.has(parent.name)) || (fieldType && names.has(getNamedType(fieldType).name))) found = true;
      },
    }),
  );
  perDocument.set(key, found);
  return found;
}

import { EntityClass, MetadataStorage, ReferenceKind, UnderscoreNamingStrategy } from '@mikro-orm/core';
import type { Context } from './context';
import type { EditingRules, EditingSpec } from './editing/editable-table';
import type { Knex } from '@mikro-orm/postgresql';
import { KeptCount, ListSource, loadById, Via } from './relay/entity-list';
import { sql, SqlFragment } from './sql';

// The naming strategy MikroORM applies to this project's entities (its PostgreSQL default).
const naming = new UnderscoreNamingStrategy();

/** The table an entity is mapped to, as its `@Entity` decorator declares it. */
export function tableOf(entity: EntityClass<unknown>): string {
  const meta = MetadataStorage.getMetadataFromDecorator(entity);
  return meta.tableName ?? meta.collection ?? naming.classToTableName(entity.name);
}

/**
 * The decorator metadata of a property, declared on the entity or on one of its base classes
 * (src/common/base-entity.ts); undefined when no class of the chain maps it.
 */
function declaredProperty(entity: EntityClass<unknown>, property: string): unknown {
  for (let cls: unknown = entity; typeof cls === 'function' && cls !== Function.prototype; cls = Object.getPrototypeOf(cls)) {
    const prop = (MetadataStorage.getMetadataFromDecorator(cls as EntityClass<unknown>).properties as Record<string, unknown>)[property];
    if (prop) return prop;
  }
  return undefined;
}

/** The column a mapped property is stored in: `nameZh` → `name_zh`, a many-to-one `park` → `park_id`. */
export function columnOf<T>(entity: EntityClass<T>, property: keyof T & string): string {
  const prop = declaredProperty(entity, property) as { fieldNames?: string[]; kind?: ReferenceKind; fieldName?: string } | undefined;
  if (!prop) throw new Error(`${entity.name} maps no property "${property}".`);
  if (prop.fieldNames?.length) return prop.fieldNames[0];
  if (prop.fieldName) return prop.fieldName;
  if (prop.kind === ReferenceKind.MANY_TO_ONE) return naming.joinKeyColumnName(property, 'id');
  return naming.propertyToColumnName(property);
}

/** The pivot table of a many-to-many property, as its decorator declares it. */
export function pivotOf<T>(entity: EntityClass<T>, property: keyof T & string): string {
  const prop = declaredProperty(entity, property) as { pivotTable?: string } | undefined;
  if (!prop?.pivotTable) throw new Error(`${entity.name}.${property} has no pivot table.`);
  return prop.pivotTable;
}

/** Fetches the record a global ID's local part names, or null (no such record, or no valid id). */
export type NodeFetch = (ctx: Context, localId: string) => Promise<object | null> | null;

/**
 * Everything the shared machinery needs to know about one entity type, declared once in the
 * type's own module (`<type>.descriptor.ts`) and listed in `src/modules/entity-types.ts`; the
 * list sources, editing specs, search, relation graph, `node(id)` and the schema derive from it.
 */
export interface EntityDescriptor<T extends object = object, C = never, U = never> {
  /** GraphQL type name, also the type inside its global IDs. */
  typeName: string;
  entity: EntityClass<T>;
  /** From MikroORM's metadata. */
  table: string;
  /** Alias of the table in hand-written SQL (`park as p`). */
  alias: string;
  /** Primary-key column and its SQL type. */
  key: { column: string; type: 'int' | 'text' };
  /** `"alias"."column"` of a mapped property, for hand-written SQL. */
  col(property: keyof T & string): SqlFragment;
  /** The table as an SQL identifier with its alias: `"park" "p"`. */
  from: SqlFragment;
  /** Searched by name (`search`): the SearchType value, its place among equal ranks, and whether it has aliases. */
  search?: { type: string; order: number; aliases: boolean };
  /** A vertex of the relation graph: its GraphNodeKind value and the GraphNode attributes read from its columns. */
  graph?: { kind: string; attributes: Record<string, string> };
  /** What mutations may write, and how inputs are checked; absent for read-only types. */
  editing?: EditingSpec<T, C, U>;
  /** Fetches one record for `node(id)`/`nodes(ids)`; absent for types that are not Nodes. */
  fetch?: NodeFetch;
}

export interface DescriptorOptions<T extends object, C, U> {
  /** GraphQL type name; by default the entity's class name, which its ObjectType is named after. */
  typeName?: string;
  alias: string;
  /** Primary-key property: `id` (integer, the default) or a text code. */
  key?: { property: keyof T & string; type: 'int' | 'text' };
  search?: { type: string; order: number };
  graph?: { kind: string; attributes?: Partial<Record<string, keyof T & string>> };
  editing?: EditingRules<T, C, U>;
  /** Whether `node(id)` fetches it (default: true); `fetch` replaces the default batched load by id. */
  node?: boolean | NodeFetch;
}

/** Builds a type's descriptor, reading its table and columns from MikroORM's metadata. */
export function defineEntityType<T extends object, C = never, U = never>(
  entity: EntityClass<T>,
  options: DescriptorOptions<T, C, U>,
): EntityDescriptor<T, C, U> {
  const table = tableOf(entity);
  const typeName = options.typeName ?? entity.name;
  const key = options.key ?? { property: 'id' as keyof T & string, type: 'int' as const };
  const descriptor: EntityDescriptor<T, C, U> = {
    typeName,
    entity,
    table,
    alias: options.alias,
    key: { column: columnOf(entity, key.property), type: key.type },
    col: (property) => sql.ident(options.alias, columnOf(entity, property)),
    from: sql`${sql.ident(table)} ${sql.ident(options.alias)}`,
  };
  if (options.search) descriptor.search = { ...options.search, aliases: declaredProperty(entity, 'aliases') !== undefined };
  if (options.graph) {
    const attributes = Object.fromEntries(
      Object.entries(options.graph.attributes ?? {}).map(([name, prop]) => [name, columnOf(entity, prop as keyof T & string)]),
    );
    descriptor.graph = { kind: options.graph.kind, attributes };
  }
  if (options.editing) {
    descriptor.editing = { type: typeName, table, entity, ...options.editing };
    if (descriptor.search) descriptor.editing.searchable = { aliases: descriptor.search.aliases };
  }
  if (typeof options.node === 'function') descriptor.fetch = options.node;
  else if (options.node !== false) {
    descriptor.fetch = (ctx, localId) => {
      const id = Number(localId);
      return Number.isSafeInteger(id) && id > 0 ? loadById(ctx, { name: descriptor.typeName, entity, table }, id) : null;
    };
  }
  return descriptor;
}

/** How the type is listed (`listEntities`): its table and alias, id order by default, its filter and any kept counts. */
export function listSourceOf<T extends object, F>(
  type: EntityDescriptor<T, unknown, unknown>,
  applyFilter?: (qb: Knex.QueryBuilder, knex: Knex, filter: F) => void,
  keptCount?: (filter: F | null | undefined, via: Via | null) => KeptCount | null,
): ListSource<T, F> {
  const { alias } = type;
  return {
    name: type.typeName,
    entity: type.entity,
    table: type.table,
    alias,
    ordering: { name: 'id', terms: [{ expr: `${alias}.id`, dir: 'asc' }] },
    applyFilter,
    keptCount,
  };
}

/** The editing spec of a type that mutations write (a programming error when it has none). */
export function editingOf<T extends object, C, U>(type: EntityDescriptor<T, C, U>): EditingSpec<T, C, U> {
  if (!type.editing) throw new Error(`${type.typeName} declares no editing rules.`);
  return type.editing;
}

/** A class type-graphql builds the schema from. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own resolver list is typed as Function
export type ResolverClass = Function;

/** One entity type's module as the assembly sees it: its descriptor and the resolvers that serve it. */
export interface EntityModule {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of every type's descriptor, each with its own entity and inputs
  type: EntityDescriptor<any, any, any>;
  resolvers: readonly ResolverClass[];
}

export function defineModule<T extends object, C, U>(type: EntityDescriptor<T, C, U>, resolvers: readonly ResolverClass[]): EntityModule {
  return { type, resolvers };
}

/** The types `node(id)` can fetch, by GraphQL type name, in the order of `types`. */
export function nodeFetchersOf(types: readonly EntityDescriptor[]): Map<string, NodeFetch> {
  return new Map(types.flatMap((t) => (t.fetch ? [[t.typeName, t.fetch] as const] : [])));
}

/** The types `search` covers, in their result order. */
export function searchablesOf(types: readonly EntityDescriptor[]): Array<EntityDescriptor & { search: NonNullable<EntityDescriptor['search']> }> {
  return types
    .filter((t): t is EntityDescriptor & { search: NonNullable<EntityDescriptor['search']> } => !!t.search)
    .sort((a, b) => a.search.order - b.search.order);
}

import { EntityClass, EntityMetadata, EntityProperty, ReferenceKind } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { SEARCH_COLUMN_NAMES } from '../search-columns';

type Row = Record<string, unknown>;
type Mapper = (row: Row) => object;

const mappers = new WeakMap<EntityMetadata, Mapper>();

/**
 * Turns a database row into a read-only instance of `entity` (its prototype, so getters such as
 * `globalId` and `instanceof` work) without registering it in the EntityManager.
 *
 * Why not `em.map()`: it merges every row into the identity map, validates and snapshots it, and
 * builds collections and references, which was the largest single cost of list queries (a third
 * of the server's CPU on 100 firms with their parks and scenarios). Reads never flush, so none
 * of that is needed. Write paths do not use the EntityManager's entities either: they read, lock
 * and change rows with SQL (src/common/editing/record-writer.ts).
 *
 * Scalars go through the property's custom type like MikroORM would; embeddables
 * (provenance) become instances of their class; a many-to-one becomes a reference that holds
 * only the primary key (what resolvers read); collections are left out (resolvers list them
 * through loaders).
 */
export function hydrate<T extends object>(em: SqlEntityManager, entity: EntityClass<T>, row: Row): T {
  const meta = em.getMetadata().get(entity.name);
  let mapper = mappers.get(meta);
  if (!mapper) {
    mapper = compile(em, meta);
    mappers.set(meta, mapper);
  }
  return mapper(row) as T;
}

function compile(em: SqlEntityManager, meta: EntityMetadata): Mapper {
  const platform = em.getPlatform();
  const steps: Array<(target: Record<string, unknown>, row: Row) => void> = [];
  const embeddables: Array<{ name: string; proto: object; nullable: boolean }> = [];
  // The same conversions MikroORM's hydrator applies: custom types, booleans, and dates (the pg
  // driver returns timestamptz as text here; PGlite returns Date objects).
  const convert = (prop: EntityProperty): ((value: unknown) => unknown) => {
    const type = prop.customType;
    if (type) return (value) => (value === null || value === undefined ? value : type.convertToJSValue(value, platform));
    if (prop.runtimeType === 'boolean') return (value) => (value === null || value === undefined ? value : !!value);
    if (prop.runtimeType === 'Date' && !platform.isNumericProperty(prop)) {
      return (value) => (value === null || value === undefined || value instanceof Date ? value : new Date(value as string));
    }
    return (value) => value;
  };
  for (const prop of meta.props) {
    if (prop.persist === false || prop.formula || (!prop.fieldNames?.length && prop.kind !== ReferenceKind.EMBEDDED)) continue;
    if (prop.embedded) {
      const [owner, name] = prop.embedded;
      const column = prop.fieldNames[0];
      const to = convert(prop);
      steps.push((target, row) => {
        if (column in row) (target[owner] as Record<string, unknown>)[name] = to(row[column]);
      });
      continue;
    }
    switch (prop.kind) {
      case ReferenceKind.SCALAR: {
        const column = prop.fieldNames[0];
        const to = convert(prop);
        const name = prop.name;
        steps.push((target, row) => {
          if (column in row) target[name] = to(row[column]);
        });
        break;
      }
      case ReferenceKind.EMBEDDED:
        if (prop.object) throw new Error(`hydrate: ${meta.className}.${prop.name} is a JSON embeddable; map it with em.map()`);
        embeddables.push({
          name: prop.name,
          proto: plainPrototype((prop.embeddable as { prototype: object }).prototype, embeddedNames(meta, prop.name)),
          nullable: !!prop.nullable,
        });
        break;
      case ReferenceKind.MANY_TO_ONE:
      case ReferenceKind.ONE_TO_ONE: {
        if (!prop.owner && prop.kind === ReferenceKind.ONE_TO_ONE) break;
        const column = prop.fieldNames[0];
        const target = prop.targetMeta!;
        const pk = target.primaryKeys[0];
        const proto = plainPrototype((target.class as { prototype: object }).prototype, [pk]);
        const name = prop.name;
        steps.push((out, row) => {
          if (!(column in row)) return;
          const id = row[column];
          out[name] = id === null || id === undefined ? null : Object.assign(Object.create(proto), { [pk]: id });
        });
        break;
      }
      default:
        break; // collections: listed through loaders, never read from the row
    }
  }
  const proto = plainPrototype(
    (meta.class as { prototype: object }).prototype,
    meta.props.map((p) => p.name),
  );
  return (row) => {
    const out = Object.create(proto) as Record<string, unknown>;
    for (const e of embeddables) out[e.name] = Object.create(e.proto);
    for (const step of steps) step(out, row);
    return out;
  };
}

/**
 * A prototype between the entity's and the instances that shadows MikroORM's property accessors
 * (installed on entity prototypes to track changes of managed entities) with plain writable
 * slots, so assigning a column is a plain property write. Getters the class defines (`globalId`)
 * and `instanceof` still work through the chain.
 */
function plainPrototype(proto: object, names: readonly string[]): object {
  const shadow = Object.create(proto) as object;
  for (const name of names) {
    if (classGetter(proto, name)) continue;
    Object.defineProperty(shadow, name, { value: undefined, writable: true, enumerable: false, configurable: true });
  }
  return shadow;
}

function embeddedNames(meta: EntityMetadata, owner: string): string[] {
  return meta.props.filter((p) => p.embedded?.[0] === owner).map((p) => p.embedded![1]);
}

/** Whether the class itself defines a getter for `name` (MikroORM's accessors are set-only). */
function classGetter(proto: object | null, name: string): boolean {
  for (let p = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return typeof d.get === 'function';
  }
  return false;
}

/**
 * Never shown, so never read: the search columns (a quarter of a firm row's bytes). The SQL that
 * searches or orders by them names them itself.
 */
const UNREAD_COLUMNS = new Set(SEARCH_COLUMN_NAMES);

const readColumnLists = new WeakMap<EntityMetadata, string[]>();

/** The columns a read of `entity` selects: every persisted column except {@link UNREAD_COLUMNS}. */
export function readColumns(em: SqlEntityManager, entity: EntityClass<object>): readonly string[] {
  const meta = em.getMetadata().get(entity.name);
  let columns = readColumnLists.get(meta);
  if (!columns) {
    const stored = meta.props.filter(
      (p) =>
        p.persist !== false &&
        !p.formula &&
        (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)),
    );
    columns = [...new Set(stored.flatMap((p) => p.fieldNames ?? []))].filter((c) => !UNREAD_COLUMNS.has(c));
    readColumnLists.set(meta, columns);
  }
  return columns;
}

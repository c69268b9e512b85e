import type { EntityClass } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import type { Connection } from './connection.types';
import type { Ordering } from './connection-query';
import { hydrate, readColumns } from './hydrate';
import { loadConnection } from './load-connection';
import type { PaginationArgs } from './pagination';

/** How a module's entity is listed: its table, alias, default order and filter. */
export interface ListSource<T, F> {
  /** Type name, used to key loaders. */
  name: string;
  entity: EntityClass<T>;
  table: string;
  alias: string;
  ordering: Ordering;
  applyFilter?: (qb: Knex.QueryBuilder, knex: Knex, filter: F) => void;
  /**
   * A kept count for this filter and relation, when the source keeps one for its shape (see
   * {@link KeptCount}); null or absent: `totalCount` counts every match.
   */
  keptCount?: (filter: F | null | undefined, via: Via | null) => KeptCount | null;
}

/**
 * `totalCount` read from counts the database keeps up to date, instead of counting the matches:
 * a query selecting `__total` (an int), given the SQL expression of the parent's key (null at the root).
 */
export type KeptCount = (knex: Knex, parentKey: string | null) => Knex.QueryBuilder;

/** A to-many relation through a pivot or a foreign key: `parentColumn` of `table` names the parent. */
export interface Via {
  table: string;
  /** Column of `table` that holds the listed entity's id (omit when `table` is the entity's own). */
  nodeColumn?: string;
  parentColumn: string;
  parentType?: 'int' | 'text';
}

export interface ListOptions<F> {
  filter?: F | null;
  args: PaginationArgs;
  info: GraphQLResolveInfo;
  /** Orders other than the source's default. */
  ordering?: Ordering;
}

/**
 * One page of `source` entities: the root list when `parent` is null, otherwise the entities
 * linked to `parent` through `via`. Batched across parents by {@link loadConnection}.
 */
export function listEntities<T extends object, F>(
  ctx: Context,
  source: ListSource<T, F>,
  options: ListOptions<F>,
  parent: { id: number | string; via: Via } | null = null,
): Promise<Connection<T>> {
  const { alias } = source;
  const via = parent?.via;
  const ordering = options.ordering ?? source.ordering;
  const columns = readColumns(ctx.em, source.entity).map((c) => `${alias}.${c}`);
  const base = (knex: Knex): Knex.QueryBuilder => {
    const qb = knex(`${source.table} as ${alias}`).select(columns);
    if (via?.nodeColumn) qb.join(`${via.table} as rel`, `rel.${via.nodeColumn}`, `${alias}.id`);
    if (options.filter && source.applyFilter) source.applyFilter(qb, knex, options.filter);
    return qb;
  };
  const parentExpr = via ? (via.nodeColumn ? `rel.${via.parentColumn}` : `${alias}.${via.parentColumn}`) : undefined;
  const key = `${source.name}:${via ? `${via.table}.${via.parentColumn}` : 'root'}:${ordering.name}:${JSON.stringify(options.filter ?? null)}`;
  const kept = source.keptCount?.(options.filter, via ?? null) ?? undefined;
  return loadConnection(ctx, parent ? parent.id : null, {
    key,
    spec: { base, ordering, parentExpr, parentType: via?.parentType, count: kept },
    args: options.args,
    info: options.info,
    map: (row) => hydrate(ctx.em, source.entity, row),
  });
}

/** Loads one entity by primary key, batched with every other load of the same type in the request. */
export function loadById<T extends object>(
  ctx: Context,
  source: { name: string; entity: EntityClass<T>; table: string },
  id: number | string,
  pk = 'id',
): Promise<T | null> {
  return ctx.loaders
    .get<number | string, T | null>(`${source.name}:by-id`, async (ids) => {
      const knex = ctx.em.getKnex();
      const rows = (await ctx.em.execute(
        knex(source.table)
          .select(readColumns(ctx.em, source.entity))
          .whereIn(pk, ids as Array<number | string>),
      )) as Record<string, unknown>[];
      const byId = new Map(rows.map((r) => [r[pk] as number | string, hydrate(ctx.em, source.entity, r)]));
      return ids.map((i) => byId.get(i) ?? null);
    })
    .load(id);
}

import type { EntityClass } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import { sql, SqlFragment, toQuery } from '../sql';
import type { Connection } from './connection.types';
import type { Ordering } from './connection-query';
import { hydrate } from './hydrate';
import { loadConnection } from './load-connection';
import type { PaginationArgs } from './pagination';

/** One member type of a union list and the pivot that links it to the parent. */
export interface UnionArm {
  /** Position of this type in the list (members of a lower arm come first), unique per list. */
  order: number;
  entity: EntityClass<object>;
  table: string;
  pivot: string;
  /** Pivot column naming the parent (e.g. the platform). */
  parentColumn: string;
  /** Pivot column naming the member (e.g. the firm). */
  memberColumn: string;
}

/**
 * One page of the records of several types linked to a parent through one pivot each (a
 * platform's hosts: firms and institutions), in arm order then id. Batched across parents like
 * every other list: one SQL statement per nesting level, whatever the number of parents.
 */
export function listUnion<T extends object>(
  ctx: Context,
  list: { name: string; arms: readonly UnionArm[] },
  parentId: number,
  { args, info }: { args: PaginationArgs; info: GraphQLResolveInfo },
): Promise<Connection<T>> {
  const { name, arms } = list;
  const members = sql.join(
    arms.map(
      (a) =>
        sql`select ${a.order} as __type_order, ${sql.ident(a.memberColumn)} as __id, ${sql.ident(a.parentColumn)} as __parent_key from ${sql.ident(a.pivot)}`,
    ),
    ' union all ',
  );
  const records = sql.join(
    arms.map((a) => sql`when ${a.order} then (select to_jsonb(m) from ${sql.ident(a.table)} m where m.id = u.__id)`),
    ' ',
  );
  const raw = (knex: Knex, fragment: SqlFragment) => knex.raw(...(toQuery(fragment) as [string, Knex.RawBinding[]]));
  const ordering: Ordering = {
    name: `${name}-members`,
    terms: [
      { expr: 'u.__type_order', dir: 'asc' },
      { expr: 'u.__id', dir: 'asc' },
    ],
  };
  const byOrder = new Map(arms.map((a) => [a.order, a.entity]));
  return loadConnection(ctx, parentId, {
    key: `union:${name}`,
    spec: {
      base: (knex) =>
        knex.from(raw(knex, sql`(${members}) as u`)).select('u.__type_order', 'u.__id', raw(knex, sql`case u.__type_order ${records} end as __row`)),
      ordering,
      parentExpr: 'u.__parent_key',
      parentType: 'int',
    },
    args,
    info,
    map: (row) => {
      const record = typeof row.__row === 'string' ? JSON.parse(row.__row) : row.__row;
      return hydrate(ctx.em, byOrder.get(Number(row.__type_order))!, record as Record<string, unknown>) as T;
    },
  });
}

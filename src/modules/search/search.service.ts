import type { EntityClass } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../common/context';
import { filterValues } from '../../common/filters';
import type { Ordering } from '../../common/relay/connection-query';
import type { Connection } from '../../common/relay/connection.types';
import { loadConnection } from '../../common/relay/load-connection';
import type { PaginationArgs } from '../../common/relay/pagination';
import { parseSearchQuery, searchCondition, searchRank, SearchQuery } from '../../common/search-query';
import { EntityDescriptor, searchablesOf } from '../../common/entity-type';
import { ENTITY_TYPES } from '../entity-types';
import { SearchResultNode, SearchType } from './search.types';

export interface Searchable {
  type: SearchType;
  /** Position of the type among equal ranks: parks, enterprises, platforms, scenarios. */
  order: number;
  table: string;
  alias: string;
  entity: EntityClass<SearchResultNode>;
}

/** The searched types, from the descriptors that declare `search`, in result order. */
export function searchableTables(types: readonly EntityDescriptor[]): Searchable[] {
  return searchablesOf(types).map((t) => ({
    type: t.search.type as SearchType,
    order: t.search.order,
    table: t.table,
    alias: t.alias,
    entity: t.entity as EntityClass<SearchResultNode>,
  }));
}

export const SEARCHABLE: readonly Searchable[] = searchableTables(ENTITY_TYPES);

/**
 * Types searched only when `types` names them: a search without `types` answers exactly as it
 * did before they joined, so clients written against the earlier union see no new kinds of hit.
 */
const OPT_IN: readonly SearchType[] = [SearchType.CHAIN_NODE];

/** Rank, then type (parks, enterprises, platforms, scenarios), then id: every hit has one place. */
const SEARCH_ORDERING: Ordering = {
  name: 'search',
  terms: [
    { expr: 'h.__rank', dir: 'asc' },
    { expr: 'h.__type_order', dir: 'asc' },
    { expr: 'h.__id', dir: 'asc' },
  ],
};

/**
 * The hits: one SELECT per searched table, glued with UNION ALL, each row its type, id and rank.
 * Computed once per statement (a materialized CTE) for the count and the page.
 */
function hits(knex: Knex, q: SearchQuery, types: readonly Searchable[]): Knex.Raw {
  const parts: string[] = [];
  const bindings: unknown[] = [];
  for (const t of types) {
    const [rank, rankBindings] = searchRank(t.alias, q);
    const [cond, condBindings] = searchCondition(t.alias, q);
    parts.push(`select ${t.order} as __type_order, ${t.alias}.id as __id, ${rank} as __rank from ${t.table} ${t.alias} where ${cond}`);
    bindings.push(...rankBindings, ...condBindings);
  }
  return knex.raw(parts.join(' union all '), bindings as Knex.RawBinding[]);
}

/** The whole record of a hit as JSON, read only for the rows of the page (after the limit). */
function hitRecord(types: readonly Searchable[]): string {
  const arms = types.map((t) => `when ${t.order} then (select to_jsonb(${t.alias}) from ${t.table} ${t.alias} where ${t.alias}.id = h.__id)`);
  return `case h.__type_order ${arms.join(' ')} end as __row`;
}

/**
 * Searches parks, enterprises, platforms and scenarios by name and alias (Chinese, pinyin,
 * initials, traditional, English) and returns one page of hits, best first: exact name, then
 * prefix, then substring, then pinyin; ties by type then id. One SQL statement per page.
 */
export function search(
  ctx: Context,
  query: string,
  types: readonly SearchType[] | null | undefined,
  args: PaginationArgs,
  info: GraphQLResolveInfo,
): Promise<Connection<SearchResultNode>> {
  const q = parseSearchQuery(query, 'query')!;
  // An empty or missing list searches every type.
  const wanted = filterValues(types, 'types');
  const searched = wanted ? SEARCHABLE.filter((t) => wanted.includes(t.type)) : SEARCHABLE.filter((t) => !OPT_IN.includes(t.type));
  const byOrder = new Map(SEARCHABLE.map((t) => [t.order, t]));
  return loadConnection(ctx, null, {
    key: `search:${JSON.stringify([q, searched.map((t) => t.type)])}`,
    spec: {
      with: { name: 'h', query: (knex) => hits(knex, q, searched) },
      base: (knex) => knex.from('h').select('h.*', knex.raw(hitRecord(searched))),
      ordering: SEARCH_ORDERING,
    },
    args,
    info,
    map: (row) => {
      const t = byOrder.get(Number(row.__type_order))!;
      const record = typeof row.__row === 'string' ? JSON.parse(row.__row) : row.__row;
      return ctx.em.map(t.entity, record as never) as SearchResultNode;
    },
  });
}

import type { Knex } from '@mikro-orm/postgresql';
import { SqlEntityManager } from '@mikro-orm/postgresql';
import { CursorKeyType, decodeCursor, encodeCursor, Page } from './pagination';
import type { Connection } from './connection.types';

/** One term of a list's order. The last term of every ordering must be unique (an id). */
export interface OrderTerm {
  /** A non-null SQL expression over the base query's aliases, e.g. `e.id`. */
  expr: string;
  dir: 'asc' | 'desc';
  /**
   * What the key holds, so a cursor's value is checked before it reaches SQL. By default a key
   * sorted with a collation is text and any other key an integer (ids, years, counts, ranks).
   */
  type?: CursorKeyType;
}

function keyType(term: OrderTerm): CursorKeyType {
  return term.type ?? (/\bcollate\b/i.test(term.expr) ? 'text' : 'int');
}

export interface Ordering {
  /** Name written into cursors, so a cursor of one ordering is refused by another. */
  name: string;
  terms: OrderTerm[];
}

/** Describes the rows of one list, for one parent or for the root. */
export interface ConnectionSpec {
  /** Builds the base query: FROM, joins and filters, selecting the node's columns; no order, no limit. */
  base: (knex: Knex) => Knex.QueryBuilder;
  ordering: Ordering;
  /** SQL expression of the parent key inside `base` when the list hangs off a parent. */
  parentExpr?: string;
  /** SQL type of the parent key. */
  parentType?: 'int' | 'text';
  /**
   * A common table expression `base` reads from, computed once for the count and the page
   * (`with <name> as materialized (...)`): for a costly source such as the search's union.
   */
  with?: { name: string; query: (knex: Knex) => Knex.Raw };
  /** The total from a kept count (selecting `__total`) instead of counting `base`; given the parent key's SQL. */
  count?: (knex: Knex, parentKey: string | null) => Knex.QueryBuilder;
}

export interface RawConnection<Row> {
  rows: Row[];
  cursors: string[];
  total: number | null;
  hasMore: boolean;
}

type Key = number | string;

/**
 * Runs one SQL statement that returns a page of a list for every parent at once: each parent's
 * rows come from a LATERAL keyset query (so a page costs the same whatever the page number)
 * and, when asked, its total from a LATERAL count. The statement count depends on the shape of
 * the GraphQL query, never on how many parents or rows there are.
 */
export async function fetchConnections<Row extends Record<string, unknown>>(
  em: SqlEntityManager,
  spec: ConnectionSpec,
  parents: readonly Key[] | null,
  { page, withTotal, argument }: { page: Page; withTotal: boolean; argument: { cursor: string } },
): Promise<Map<Key | null, RawConnection<Row>>> {
  const knex = em.getKnex();
  const { terms, name } = spec.ordering;
  const walk = page.direction === 'forward' ? terms : terms.map((t) => ({ ...t, dir: t.dir === 'asc' ? 'desc' : 'asc' }) as OrderTerm);
  const orderSql = walk.map((t) => `${t.expr} ${t.dir}`).join(', ');

  const rows = spec.base(knex);
  if (spec.parentExpr && parents) rows.whereRaw(`${spec.parentExpr} = __p.parent_id`);
  if (page.cursor) {
    const values = decodeCursor(page.cursor, name, terms.map(keyType), argument.cursor);
    const [sql, bindings] = keysetCondition(walk, values);
    rows.whereRaw(sql, bindings as Knex.RawBinding[]);
  }
  rows.select(terms.map((t, i) => knex.raw(`${t.expr} as __k${i}`)));
  rows.select(knex.raw(`row_number() over (order by ${orderSql}) as __pos`));
  rows.orderByRaw(orderSql).limit(page.limit + 1);
  if (page.offset > 0) rows.offset(page.offset);

  const parentSource = parents
    ? knex.raw(`unnest(array[${parents.map(() => '?').join(', ')}]::${spec.parentType ?? 'int'}[]) with ordinality as __p(parent_id, __ord)`, parents as Key[])
    : knex.raw('(select null::int as parent_id, 1 as __ord) as __p');

  let statement: Knex.Raw;
  if (withTotal) {
    let count: Knex.QueryBuilder;
    if (spec.count) {
      count = spec.count(knex, spec.parentExpr && parents ? '__p.parent_id' : null);
    } else {
      count = spec.base(knex).clearSelect().clearOrder();
      if (spec.parentExpr && parents) count.whereRaw(`${spec.parentExpr} = __p.parent_id`);
      count.select(knex.raw('count(*)::int as __total'));
    }
    statement = knex.raw(
      'select __p.parent_id as __parent, __c.__total, __r.* from ? cross join lateral ? as __c left join lateral ? as __r on true order by __p.__ord, __r.__pos',
      [parentSource, count, rows],
    );
  } else {
    statement = knex.raw(
      'select __p.parent_id as __parent, null::int as __total, __r.* from ? left join lateral ? as __r on true order by __p.__ord, __r.__pos',
      [parentSource, rows],
    );
  }

  if (spec.with) statement = knex.raw(`with ${spec.with.name} as materialized (?) ?`, [spec.with.query(knex), statement]);

  const result = (await em.execute(statement)) as Array<Row & { __parent: Key | null; __total: number | null; __pos: unknown }>;
  const out = new Map<Key | null, RawConnection<Row>>();
  for (const parent of parents ?? [null]) out.set(parent, { rows: [], cursors: [], total: null, hasMore: false });
  for (const record of result) {
    const entry = out.get(record.__parent)!;
    entry.total = record.__total;
    if (record.__pos === null || record.__pos === undefined) continue;
    if (entry.rows.length === page.limit) {
      entry.hasMore = true;
      continue;
    }
    entry.rows.push(record);
    entry.cursors.push(
      encodeCursor(
        name,
        terms.map((_, i) => record[`__k${i}`]),
      ),
    );
  }
  if (page.direction === 'backward') {
    for (const entry of out.values()) {
      entry.rows.reverse();
      entry.cursors.reverse();
    }
  }
  return out;
}

/** `(a, b, id) > (x, y, z)` spelled out for mixed directions. */
function keysetCondition(terms: OrderTerm[], values: unknown[]): [string, unknown[]] {
  const ors: string[] = [];
  const bindings: unknown[] = [];
  for (let i = 0; i < terms.length; i++) {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) {
      ands.push(`${terms[j].expr} = ?`);
      bindings.push(values[j]);
    }
    ands.push(`${terms[i].expr} ${terms[i].dir === 'asc' ? '>' : '<'} ?`);
    bindings.push(values[i]);
    ors.push(`(${ands.join(' and ')})`);
  }
  return [`(${ors.join(' or ')})`, bindings];
}

/** Turns a raw page into a Relay connection of mapped nodes. */
export function toConnection<Row, T>(raw: RawConnection<Row>, page: Page, map: (row: Row) => T): Connection<T> {
  const edges = raw.rows.map((row, i) => ({ cursor: raw.cursors[i], node: map(row) }));
  const forward = page.direction === 'forward';
  return {
    edges,
    totalCount: raw.total,
    pageInfo: {
      hasNextPage: forward ? raw.hasMore : page.cursor !== null,
      hasPreviousPage: forward ? page.cursor !== null || page.offset > 0 : raw.hasMore,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
  };
}

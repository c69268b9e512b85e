import type { Ordering, OrderTerm } from './connection-query';

/** One sort key of an ordering: an SQL expression, which may be null for some rows. */
export interface SortKey {
  expr: string;
  /** The expression can be null: nulls are placed last whatever the direction. */
  nullable?: 'int';
}

const NULL_LAST = {
  int: { asc: '2147483647', desc: '-2147483648' },
} as const;

/**
 * An {@link Ordering} over `keys` in `direction`, closed by `idExpr` (unique) in the same
 * direction so every row has one place. Nullable keys are coalesced to a sentinel so keyset
 * comparisons stay valid and unknown values come last. The ordering's name (written into
 * cursors) includes the direction, so a cursor from the other direction is refused.
 */
export function buildOrdering(name: string, keys: SortKey[], direction: 'asc' | 'desc', idExpr: string): Ordering {
  const terms: OrderTerm[] = keys.map((k) => ({
    expr: k.nullable ? `coalesce(${k.expr}, ${NULL_LAST[k.nullable][direction]})` : k.expr,
    dir: direction,
  }));
  terms.push({ expr: idExpr, dir: direction });
  return { name: `${name}:${direction}`, terms };
}

/** An `orderBy` value: one of the list's order fields and a direction (see orderInput). */
export interface OrderValue<F extends string> {
  field: F;
  direction: 'ASC' | 'DESC';
}

/**
 * The ordering function of a list: each order field names its cursor name and sort keys; the ID
 * field, a field without keys and no `orderBy` at all order by id, ascending by the source's own
 * default ordering. Ties are broken by the source's id in the same direction.
 */
export function orderingBy<F extends string>(
  source: { alias: string; ordering: Ordering },
  fields: Partial<Record<F, readonly [name: string, keys: SortKey[]]>>,
): (order: OrderValue<F> | null | undefined) => Ordering {
  const idExpr = `${source.alias}.id`;
  return (order) => {
    const dir = order?.direction === 'DESC' ? 'desc' : 'asc';
    const field = order ? fields[order.field] : undefined;
    if (field) return buildOrdering(field[0], field[1], dir, idExpr);
    return dir === 'asc' ? source.ordering : buildOrdering('id', [], dir, idExpr);
  };
}

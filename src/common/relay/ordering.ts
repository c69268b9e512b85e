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

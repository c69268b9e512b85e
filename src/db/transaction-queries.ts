import type { Connection } from '@mikro-orm/core';

type Execute = (query: unknown, params?: unknown, method?: unknown, ctx?: unknown, ...rest: unknown[]) => Promise<unknown>;

/** The knex client a statement runs on when it belongs to a transaction (one per transaction). */
function transactionOf(query: unknown, ctx: unknown): object | null {
  const holder = (ctx ?? query) as { client?: { transacting?: boolean } } | null;
  if (!holder || (typeof holder !== 'object' && typeof holder !== 'function')) return null;
  return holder.client?.transacting ? holder.client : null;
}

/**
 * A transaction owns one connection, and node-postgres runs one statement at a time on it:
 * statements of the same transaction issued together (`Promise.all` over `tx.execute`) were
 * queued inside the client, which pg 8.x reports as deprecated ("Calling client.query() when the
 * client is already executing a query") and pg 9 will refuse. This makes the statements of each
 * transaction wait for one another, in the order they were issued; statements outside a
 * transaction each take their own pooled connection and are left alone.
 */
export function serialiseTransactionStatements(connection: Connection): void {
  const target = connection as unknown as { execute: Execute };
  const execute = target.execute.bind(target);
  const tails = new WeakMap<object, Promise<unknown>>();
  target.execute = (query, params, method, ctx, ...rest) => {
    const transaction = transactionOf(query, ctx);
    if (!transaction) return execute(query, params, method, ctx, ...rest);
    const run = (tails.get(transaction) ?? Promise.resolve()).then(() => execute(query, params, method, ctx, ...rest));
    tails.set(
      transaction,
      run.catch(() => undefined),
    );
    return run;
  };
}

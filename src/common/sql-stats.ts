import { AsyncLocalStorage } from 'node:async_hooks';

/** Statistics of the SQL one request ran; read by logs, tests and benchmarks. */
export interface SqlStats {
  statements: number;
}

const storage = new AsyncLocalStorage<SqlStats>();

/** Runs `fn` with a fresh statement counter that every query issued inside it increments. */
export function withSqlStats<T>(stats: SqlStats, fn: () => T): T {
  return storage.run(stats, fn);
}

/** Called by the ORM logger for every statement sent to the database. */
export function countSqlStatement(): void {
  const stats = storage.getStore();
  if (stats) stats.statements++;
}

export function currentSqlStats(): SqlStats | undefined {
  return storage.getStore();
}

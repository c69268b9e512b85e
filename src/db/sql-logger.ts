import { AsyncLocalStorage } from 'node:async_hooks';
import { DefaultLogger, LogContext, LoggerNamespace } from '@mikro-orm/core';
import { noteStatement } from '../common/cache-invalidation';
import { countSqlStatement } from '../common/sql-stats';

const migrationListener = new AsyncLocalStorage<(name: string) => void>();

/** Runs `task` (a migrator call) with `listener` told the name of each migration it applies. */
export function onMigrationApplied<T>(listener: (name: string) => void, task: () => Promise<T>): Promise<T> {
  return migrationListener.run(listener, task);
}

/**
 * The ORM logger: counts every statement for the request that issued it (so logs, tests and
 * benchmarks can report SQL per request), tells the response cache which tables a write changed,
 * passes the migrator's "Applied 'X'" to the listener of onMigrationApplied (printing nothing of
 * the migrator's), and otherwise behaves like MikroORM's default logger.
 */
export class CountingLogger extends DefaultLogger {
  override logQuery(context: { query: string } & LogContext): void {
    countSqlStatement();
    noteStatement(context.query);
    super.logQuery(context);
  }

  override log(namespace: LoggerNamespace, message: string, context?: LogContext): void {
    // The migrator logs under a namespace LoggerNamespace does not list.
    if ((namespace as string) !== 'migrator') return super.log(namespace, message, context);
    const applied = /^Applied '(.+)'$/.exec(message);
    if (applied) migrationListener.getStore()?.(applied[1]);
  }
}

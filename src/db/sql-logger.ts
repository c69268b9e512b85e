import { DefaultLogger, LogContext } from '@mikro-orm/core';
import { noteStatement } from '../common/cache-invalidation';
import { countSqlStatement } from '../common/sql-stats';

/**
 * The ORM logger: counts every statement for the request that issued it (so logs, tests and
 * benchmarks can report SQL per request), tells the response cache which tables a write changed,
 * and otherwise behaves like MikroORM's default logger.
 */
export class CountingLogger extends DefaultLogger {
  override logQuery(context: { query: string } & LogContext): void {
    countSqlStatement();
    noteStatement(context.query);
    super.logQuery(context);
  }
}

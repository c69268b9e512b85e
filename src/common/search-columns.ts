import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { searchColumns } from './search-text';
import { runSql, sql, SqlRunner } from './sql';

/** A table whose rows carry search columns, and whether it has an `aliases` column. */
export interface SearchableTable {
  table: string;
  aliases: boolean;
}

/** The stored search columns: for the database's own use (matching, ranking, name order), never shown. */
export const SEARCH_COLUMN_NAMES: readonly string[] = ['search_text', 'search_pinyin', 'search_initials', 'name_pinyin'];

const BATCH = 5000;

/** Whether a change to these columns makes the search columns stale. */
export function touchesSearchColumns(columns: Iterable<string>): boolean {
  for (const c of columns) if (c === 'name_zh' || c === 'name_en' || c === 'aliases') return true;
  return false;
}

/** Runs one statement with `?` placeholders: an entity manager's or a migration's `execute`. */
type Execute = (sql: string, params: unknown[]) => Promise<unknown>;

const runnerOf = (execute: Execute): SqlRunner => ({ execute });

/**
 * Recomputes the stored romanisations of the given rows from their current names, inside the
 * caller's transaction. Raw-SQL writers (mutations, the importer) call it after they write names;
 * ORM writes get the same columns from the entity hooks. `target` is a table name (one with an
 * `aliases` column) or the table with whether it has one.
 */
export async function refreshSearchColumns(tx: SqlEntityManager, target: string | SearchableTable, ids: readonly number[]): Promise<void> {
  await refreshRows((text, params) => tx.execute(text, params), typeof target === 'string' ? { table: target, aliases: true } : target, ids);
}

/**
 * Recomputes the search columns of every row of the given tables: for a migration that changes
 * how they are derived (its `execute` runs inside the migration's transaction). A migration names
 * its tables itself: the ones that exist at its point in the history.
 */
export async function refreshAllSearchColumns(execute: Execute, tables: readonly SearchableTable[]): Promise<void> {
  for (const target of tables) {
    const rows = await runSql<{ id: number }>(runnerOf(execute), sql`select id from ${sql.ident(target.table)} order by id`);
    await refreshRows(
      execute,
      target,
      rows.map((r) => Number(r.id)),
    );
  }
}

/** Recomputes the search columns of the given rows through a migration's `execute`. */
export async function refreshRows(execute: Execute, target: SearchableTable, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const runner = runnerOf(execute);
  const table = sql.ident(target.table);
  const aliases = target.aliases ? sql`aliases` : sql`null::text[] as aliases`;
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const rows = await runSql<{ id: number; name_zh: string; name_en: string | null; aliases: string[] | null }>(
      runner,
      sql`select id, name_zh, name_en, ${aliases} from ${table} where id in (select unnest(${sql.array(chunk, 'int')}))`,
    );
    if (rows.length === 0) continue;
    const cols = rows.map((r) => searchColumns(r.name_zh, r.name_en, r.aliases));
    const arrays = sql.join(
      [
        sql.array(
          rows.map((r) => Number(r.id)),
          'int',
        ),
        ...(['searchText', 'searchPinyin', 'searchInitials', 'namePinyin'] as const).map((k) =>
          sql.array(
            cols.map((c) => c[k]),
            'text',
          ),
        ),
      ],
      ', ',
    );
    await runSql(
      runner,
      sql`update ${table} t set search_text = u.st, search_pinyin = u.sp, search_initials = u.si, name_pinyin = u.np
            from unnest(${arrays}) as u(id, st, sp, si, np)
           where t.id = u.id`,
    );
  }
}

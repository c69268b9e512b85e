import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { pgArray } from './editing/audit';
import { searchColumns } from './search-text';

/** Tables whose rows carry search columns, and whether they have an `aliases` column. */
const SEARCHABLE: Record<string, { aliases: boolean }> = {
  park: { aliases: true },
  enterprise: { aliases: true },
  innovation_platform: { aliases: true },
  scenario: { aliases: false },
};

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

/**
 * Recomputes the stored romanisations of the given rows from their current names, inside the
 * caller's transaction. Raw-SQL writers (mutations, the importer) call it after they write names;
 * ORM writes get the same columns from the entity hooks.
 */
export async function refreshSearchColumns(tx: SqlEntityManager, table: string, ids: readonly number[]): Promise<void> {
  await refreshRows((sql, params) => tx.execute(sql, params), table, ids);
}

/**
 * Recomputes the search columns of every row of every searchable table: for a migration that
 * changes how they are derived (its `execute` runs inside the migration's transaction).
 */
export async function refreshAllSearchColumns(execute: Execute): Promise<void> {
  for (const table of Object.keys(SEARCHABLE)) {
    const rows = (await execute(`select id from "${table}" order by id`, [])) as Array<{ id: number }>;
    await refreshRows(execute, table, rows.map((r) => Number(r.id)));
  }
}

/** Recomputes the search columns of the given rows through a migration's `execute`. */
export async function refreshRows(execute: Execute, table: string, ids: readonly number[]): Promise<void> {
  const spec = SEARCHABLE[table];
  if (!spec || ids.length === 0) return;
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const rows = (await execute(
      `select id, name_zh, name_en, ${spec.aliases ? 'aliases' : 'null::text[] as aliases'} from "${table}" where id in (select unnest(?::int[]))`,
      [pgArray(chunk)],
    )) as Array<{ id: number; name_zh: string; name_en: string | null; aliases: string[] | null }>;
    if (rows.length === 0) continue;
    const cols = rows.map((r) => searchColumns(r.name_zh, r.name_en, r.aliases));
    await execute(
      `update "${table}" t set search_text = u.st, search_pinyin = u.sp, search_initials = u.si, name_pinyin = u.np
         from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[]) as u(id, st, sp, si, np)
        where t.id = u.id`,
      [
        pgArray(rows.map((r) => Number(r.id))),
        pgArray(cols.map((c) => c.searchText)),
        pgArray(cols.map((c) => c.searchPinyin)),
        pgArray(cols.map((c) => c.searchInitials)),
        pgArray(cols.map((c) => c.namePinyin)),
      ],
    );
  }
}

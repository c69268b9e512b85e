import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { withCacheInvalidation } from '../../common/cache-invalidation';
import type { Actor } from '../../common/editing/audit';
import { toGlobalId } from '../../common/global-id';
import type { Table } from '../../common/import/read-table';
import { flagDuplicates, ImportRowError, mapHeaders, parseRow, PreparedRow, RowStatus } from './enterprise.import-parse';
import { loadReference, matchExisting, resolveNames } from './enterprise.import-resolve';
import { writeRows } from './enterprise.import-write';

export { IMPORT_COLUMNS } from './enterprise.import-parse';
export type { ImportRowError, RowStatus } from './enterprise.import-parse';

export interface ImportReport {
  dryRun: boolean;
  /** Whether the rows were written (false for a dry run and whenever any row is invalid). */
  committed: boolean;
  batchId: string | null;
  encoding: string;
  totals: { rows: number; created: number; updated: number; unchanged: number; invalid: number; valid: number };
  rows: Array<{ line: number; status: RowStatus; nameZh: string; id: string | null }>;
  errors: ImportRowError[];
}

/**
 * How far an import has come, in rows of the file: `parsed` (cells checked), `resolved` (parks,
 * sectors, chain nodes and existing firms looked up), `written` of `toWrite` (firms created or updated; null
 * until writing starts, and for a dry run or an invalid file, which write nothing). Written rows
 * are not committed until the import's result says so.
 */
export interface ImportProgress {
  rows: number;
  parsed: number;
  resolved: number;
  written: number;
  toWrite: number | null;
}

/** Rows between two progress reports while parsing. */
const PARSE_STEP = 5000;

/**
 * Imports firms from a table in one transaction, in three steps with a module each: parsing
 * checks every row's cells (names, credit codes, layer, year, website) and reports duplicates
 * inside the file; resolving finds parks and sectors by name or code, chain nodes by path, name,
 * key or ID (never a retired one), and matches existing firms by credit code, else by exact
 * Chinese name; writing creates and updates with set-based SQL, audited as one batch. Any invalid
 * row means nothing is written; a dry run validates and reports without writing. Empty cells
 * leave a field as it is; parks, sectors and chain nodes are added, never removed.
 */
export async function importEnterprises(
  em: SqlEntityManager,
  table: Table,
  options: { dryRun: boolean; actor: Actor; onProgress?: (progress: ImportProgress) => void },
): Promise<ImportReport> {
  const report: ImportReport = {
    dryRun: options.dryRun,
    committed: false,
    batchId: null,
    encoding: table.encoding,
    totals: { rows: table.rows.length, created: 0, updated: 0, unchanged: 0, invalid: 0, valid: 0 },
    rows: [],
    errors: [],
  };
  const progress: ImportProgress = { rows: table.rows.length, parsed: 0, resolved: 0, written: 0, toWrite: null };
  const tell = (change: Partial<ImportProgress>) => options.onProgress?.(Object.assign(progress, change));

  const columnOf = mapHeaders(table.headers, report.errors);
  if (report.errors.length) return finish(report, []);

  const prepared: PreparedRow[] = [];
  for (const row of table.rows) {
    prepared.push(parseRow(row.line, row.cells, columnOf, report.errors));
    if (prepared.length % PARSE_STEP === 0) tell({ parsed: prepared.length });
  }
  tell({ parsed: prepared.length });
  const reference = await loadReference(em);
  for (const row of prepared) resolveNames(row, reference, columnOf, report.errors);
  flagDuplicates(prepared, columnOf, report.errors);

  const batchId = randomUUID();
  const run = async (tx: SqlEntityManager): Promise<void> => {
    await matchExisting(tx, prepared, columnOf, report.errors);
    tell({ resolved: prepared.length });
    if (report.errors.length || options.dryRun) return;
    await writeRows(tx, prepared, options.actor, batchId, (written, toWrite) => tell({ written, toWrite }));
    report.batchId = batchId;
    report.committed = true;
  };
  try {
    // A committed import makes cached answers over the tables it wrote stale.
    await withCacheInvalidation(() =>
      em.fork().transactional(async (tx) => {
        await run(tx as SqlEntityManager);
        // A dry run or an invalid file rolls back whatever the matching locked.
        if (!report.committed) throw new RollBack();
      }),
    );
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return finish(report, prepared);
}

class RollBack extends Error {}

function finish(report: ImportReport, rows: PreparedRow[]): ImportReport {
  const invalidLines = new Set(report.errors.map((e) => e.line));
  report.errors.sort((a, b) => a.line - b.line);
  report.rows = rows.map((r) => {
    const status: RowStatus = invalidLines.has(r.line) ? 'invalid' : report.errors.length ? 'valid' : (r.status ?? 'unchanged');
    return { line: r.line, status, nameZh: String(r.values.nameZh ?? ''), id: r.id ? toGlobalId('Enterprise', r.id) : null };
  });
  for (const r of report.rows) report.totals[r.status] += 1;
  return report;
}

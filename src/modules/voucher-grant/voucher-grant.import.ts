import { randomUUID } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { withCacheInvalidation } from '../../common/cache-invalidation';
import { Actor, AuditRecord, writeAudit } from '../../common/editing/audit';
import { today } from '../../common/editing/record-writer';
import { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { tableOf } from '../../common/entity-type';
import { decodeGlobalId, toGlobalId } from '../../common/global-id';
import type { Table } from '../../common/import/read-table';
import { ProvenanceKind } from '../../common/provenance';
import { runSql, sql } from '../../common/sql';
import { ComputeCenter } from '../compute-center/compute-center.entity';
import { Enterprise } from '../enterprise/enterprise.entity';
import { ComputeVoucherProgram } from '../voucher-program/voucher-program.entity';
import { ComputeVoucherGrant } from './voucher-grant.entity';

/**
 * Import of 算力券 grants from a table (CSV or JSON), in the steps of the firms' import: parsing
 * checks each row's cells, resolving finds the programme, firm and facility each row names, and
 * writing inserts every grant in one statement with one audit entry per grant, all in one
 * transaction. Any bad row means nothing is written, and the report names every bad row by line
 * and column. A row identical to a grant already recorded (same programme, firm, amount, date and
 * facility) is reported unchanged and not written again, so importing a file twice is harmless.
 */

/** Columns a grants file may have: Chinese header first, English second. */
export const GRANT_COLUMNS = {
  program: ['算力券项目', 'program'],
  enterprise: ['企业', 'enterprise'],
  amountYuan: ['金额（元）', 'amountYuan'],
  computeCenter: ['算力中心', 'computeCenter'],
  grantedOn: ['发放日期', 'grantedOn'],
  source: ['来源', 'source'],
  note: ['备注', 'note'],
} as const;
type GrantField = keyof typeof GRANT_COLUMNS;
const REQUIRED: GrantField[] = ['program', 'enterprise', 'amountYuan'];
/** Other spellings a header may take (Excel users write 金额 or 金额(元)). */
const ALSO: Record<string, GrantField> = { 金额: 'amountYuan', '金额(元)': 'amountYuan', 企业名称: 'enterprise', 项目: 'program', 日期: 'grantedOn' };

/** `valid`: a good row not written because other rows are bad (or a dry run of a bad file). */
export type GrantRowStatus = 'created' | 'unchanged' | 'invalid' | 'valid';

export interface GrantImportError {
  line: number;
  column: string;
  message: string;
}

export interface GrantImportReport {
  dryRun: boolean;
  committed: boolean;
  batchId: string | null;
  encoding: string;
  totals: { rows: number; created: number; unchanged: number; invalid: number; valid: number };
  rows: Array<{ line: number; status: GrantRowStatus; id: string | null }>;
  errors: GrantImportError[];
}

interface GrantRow {
  line: number;
  programText?: string;
  enterpriseText?: string;
  centerText?: string;
  amountYuan?: number;
  grantedOn?: string | null;
  source?: string;
  note?: string | null;
  programId?: number;
  enterpriseId?: number;
  computeCenterId?: number | null;
  bad: boolean;
  status?: GrantRowStatus;
  id?: number;
}

type ColumnOf = Map<GrantField, string>;

/** Imports grants; see the module comment. */
export async function importVoucherGrants(em: SqlEntityManager, table: Table, options: { dryRun: boolean; actor: Actor }): Promise<GrantImportReport> {
  const report: GrantImportReport = {
    dryRun: options.dryRun,
    committed: false,
    batchId: null,
    encoding: table.encoding,
    totals: { rows: table.rows.length, created: 0, unchanged: 0, invalid: 0, valid: 0 },
    rows: [],
    errors: [],
  };
  const columnOf = mapHeaders(table.headers, report.errors);
  if (report.errors.length) return finish(report, []);
  const rows = table.rows.map((r) => parseRow(r.line, r.cells, columnOf, report.errors));
  const batchId = randomUUID();
  try {
    await withCacheInvalidation(() =>
      em.fork().transactional(async (t) => {
        const tx = t as SqlEntityManager;
        await resolveRows(tx, rows, columnOf, report.errors);
        await markExisting(tx, rows, columnOf, report.errors);
        if (report.errors.length || options.dryRun) throw new RollBack();
        await writeGrants(tx, rows, options.actor, batchId);
        report.batchId = batchId;
        report.committed = true;
      }),
    );
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return finish(report, rows);
}

class RollBack extends Error {}

function finish(report: GrantImportReport, rows: GrantRow[]): GrantImportReport {
  const badLines = new Set(report.errors.map((e) => e.line));
  report.errors.sort((a, b) => a.line - b.line);
  report.rows = rows.map((r) => {
    const status: GrantRowStatus = badLines.has(r.line) ? 'invalid' : r.status === 'unchanged' ? 'unchanged' : report.committed ? 'created' : 'valid';
    return { line: r.line, status, id: r.id ? toGlobalId('ComputeVoucherGrant', r.id) : null };
  });
  for (const r of report.rows) report.totals[r.status] += 1;
  return report;
}

// ── Parsing ────────────────────────────────────────────────────────────────────────────────────

function mapHeaders(headers: string[], errors: GrantImportError[]): ColumnOf {
  const columnOf: ColumnOf = new Map();
  const fields = Object.keys(GRANT_COLUMNS) as GrantField[];
  for (const header of headers) {
    const field = fields.find((f) => GRANT_COLUMNS[f].some((n) => n.toLowerCase() === header.toLowerCase())) ?? ALSO[header];
    if (!field) {
      if (header)
        errors.push({
          line: 1,
          column: header,
          message: `Unknown column "${header}"; expected ${Object.values(GRANT_COLUMNS)
            .map((n) => n.join('/'))
            .join(', ')}.`,
        });
      continue;
    }
    if (columnOf.has(field)) errors.push({ line: 1, column: header, message: `Column "${header}" repeats "${columnOf.get(field)}".` });
    else columnOf.set(field, header);
  }
  for (const f of REQUIRED)
    if (!columnOf.has(f))
      errors.push({ line: 1, column: GRANT_COLUMNS[f][0], message: `The file needs a ${GRANT_COLUMNS[f][0]} (${GRANT_COLUMNS[f][1]}) column.` });
  return columnOf;
}

const columnName = (columnOf: ColumnOf, f: GrantField) => columnOf.get(f) ?? GRANT_COLUMNS[f][0];

/** Checks one row's cells: the names are present, the amount is a positive sum of yuan, the date a real date. */
function parseRow(line: number, cells: Record<string, string>, columnOf: ColumnOf, errors: GrantImportError[]): GrantRow {
  const cell = (f: GrantField): string | undefined => {
    const header = columnOf.get(f);
    const value = header === undefined ? undefined : (cells[header] ?? '').trim();
    return value ? value : undefined;
  };
  const row: GrantRow = { line, bad: false };
  const fail = (f: GrantField, message: string) => {
    errors.push({ line, column: columnName(columnOf, f), message });
    row.bad = true;
  };
  row.programText = cell('program');
  if (!row.programText) fail('program', 'A programme is needed: its name (e.g. 2025年算力券) or ID.');
  row.enterpriseText = cell('enterprise');
  if (!row.enterpriseText) fail('enterprise', 'A firm is needed: its Chinese name, credit code or ID.');
  row.centerText = cell('computeCenter');

  const found = new UserErrors();
  const amount = cell('amountYuan');
  if (amount === undefined) fail('amountYuan', 'An amount in yuan (元) is needed.');
  else {
    const plain = amount.replace(/[,，\s]/g, '').replace(/元$/, '');
    if (!/^[+-]?\d+(\.\d+)?$/.test(plain)) fail('amountYuan', `"${amount}" is not an amount in yuan; expected a number such as 50000 or 12,500.50.`);
    else row.amountYuan = check.yuan(Number(plain), ['amountYuan'], found, true) ?? undefined;
  }
  const date = cell('grantedOn');
  if (date !== undefined) {
    const iso = date
      .replace(/[/.]/g, '-')
      .replace(/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (_, y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
    const real = /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(Date.parse(iso)) && new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso);
    if (!real) fail('grantedOn', `"${date}" is not a date; expected YYYY-MM-DD such as 2025-06-30.`);
    else row.grantedOn = check.date(iso, ['grantedOn'], found);
  } else row.grantedOn = null;
  row.source = check.optionalText(cell('source'), ['source'], found) ?? undefined;
  row.note = check.optionalText(cell('note'), ['note'], found) ?? null;
  for (const e of found.list) fail(e.field[0] as GrantField, e.message);
  return row;
}

// ── Resolving ──────────────────────────────────────────────────────────────────────────────────

interface Named {
  id: number;
  name_zh: string;
  name_en: string | null;
  credit_code?: string | null;
}

/** Finds each row's programme, firm and facility by ID, Chinese or English name, or (firms) credit code. */
async function resolveRows(tx: SqlEntityManager, rows: GrantRow[], columnOf: ColumnOf, errors: GrantImportError[]): Promise<void> {
  const programs = await runSql<Named>(tx, sql`select id, name_zh, name_en from ${sql.ident(tableOf(ComputeVoucherProgram))}`);
  const centers = await runSql<Named>(tx, sql`select id, name_zh, name_en from ${sql.ident(tableOf(ComputeCenter))}`);
  const firmTexts = [...new Set(rows.map((r) => r.enterpriseText).filter((t): t is string => Boolean(t)))];
  const firmIds = firmTexts.map((t) => localId(t, 'Enterprise')).filter((n): n is number => n !== null);
  // Only the firms the file names are read (the directory may hold many); locked until commit so
  // none is deleted under the import.
  const firms = firmTexts.length
    ? await runSql<Named>(
        tx,
        sql`select id, name_zh, name_en, credit_code from ${sql.ident(tableOf(Enterprise))}
             where name_zh = any(${sql.array(firmTexts, 'text')}) or credit_code = any(${sql.array(firmTexts, 'text')})
                or id = any(${sql.array(firmIds, 'int')})
             for share`,
      )
    : [];

  for (const row of rows) {
    const fail = (f: GrantField, message: string) => {
      errors.push({ line: row.line, column: columnName(columnOf, f), message });
      row.bad = true;
    };
    if (row.programText) {
      const found = pick(programs, row.programText, 'ComputeVoucherProgram');
      if (typeof found === 'number') row.programId = found;
      else
        fail(
          'program',
          found === 'none'
            ? `No 算力券 programme "${row.programText}"; create it first or check the name.`
            : `"${row.programText}" names more than one programme; give its ID.`,
        );
    }
    if (row.enterpriseText) {
      const found = pick(firms, row.enterpriseText, 'Enterprise');
      if (typeof found === 'number') row.enterpriseId = found;
      else
        fail(
          'enterprise',
          found === 'none'
            ? `No firm "${row.enterpriseText}" in the directory (by Chinese name, credit code or ID); import or create it first.`
            : `"${row.enterpriseText}" names more than one firm; give its credit code or ID.`,
        );
    }
    row.computeCenterId = null;
    if (row.centerText) {
      const found = pick(centers, row.centerText, 'ComputeCenter');
      if (typeof found === 'number') row.computeCenterId = found;
      else
        fail(
          'computeCenter',
          found === 'none'
            ? `No compute facility "${row.centerText}"; leave the cell empty or check the name.`
            : `"${row.centerText}" names more than one facility; give its ID.`,
        );
    }
  }
}

function localId(text: string, type: string): number | null {
  const decoded = decodeGlobalId(text);
  if (!decoded || decoded.type !== type) return null;
  const n = Number(decoded.localId);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The one record `text` names (global ID, exact Chinese or English name, credit code), 'none' or 'many'. */
function pick(records: Named[], text: string, type: string): number | 'none' | 'many' {
  const id = localId(text, type);
  if (id !== null) return records.some((r) => r.id === id) ? id : 'none';
  const lower = text.toLowerCase();
  const hits = records.filter((r) => r.name_zh === text || r.credit_code === text || (r.name_en && r.name_en.toLowerCase() === lower));
  return hits.length === 1 ? hits[0].id : hits.length ? 'many' : 'none';
}

/** Rows already recorded as grants are `unchanged`; two identical rows in one file are reported. */
async function markExisting(tx: SqlEntityManager, rows: GrantRow[], columnOf: ColumnOf, errors: GrantImportError[]): Promise<void> {
  const good = rows.filter((r) => !r.bad);
  if (!good.length) return;
  const key = (p: unknown, e: unknown, a: unknown, d: unknown, c: unknown) => `${p}|${e}|${Number(a).toFixed(2)}|${d ?? ''}|${c ?? ''}`;
  const existing = await runSql<{
    program_id: number;
    enterprise_id: number;
    amount_yuan: string;
    granted_on: string | null;
    compute_center_id: number | null;
  }>(
    tx,
    sql`select program_id, enterprise_id, amount_yuan, to_char(granted_on, 'YYYY-MM-DD') as granted_on, compute_center_id
          from ${sql.ident(tableOf(ComputeVoucherGrant))} where enterprise_id = any(${sql.array(
            good.map((r) => r.enterpriseId!),
            'int',
          )})`,
  );
  const recorded = new Set(existing.map((g) => key(g.program_id, g.enterprise_id, g.amount_yuan, g.granted_on, g.compute_center_id)));
  const inFile = new Map<string, number>();
  for (const r of good) {
    const k = key(r.programId, r.enterpriseId, r.amountYuan, r.grantedOn, r.computeCenterId);
    const first = inFile.get(k);
    if (first !== undefined) {
      errors.push({
        line: r.line,
        column: columnName(columnOf, 'amountYuan'),
        message: `Same grant as line ${first} (programme, firm, amount, date and facility); keep one row, or tell them apart by date.`,
      });
      r.bad = true;
    } else inFile.set(k, r.line);
    if (recorded.has(k)) r.status = 'unchanged';
  }
}

// ── Writing ────────────────────────────────────────────────────────────────────────────────────

/** Inserts the new grants in one statement, USER_ENTERED and citing each row's source, and audits each as one batch. */
async function writeGrants(tx: SqlEntityManager, rows: GrantRow[], actor: Actor, batchId: string): Promise<void> {
  const fresh = rows.filter((r) => r.status !== 'unchanged');
  if (!fresh.length) return;
  const inserted = await runSql<{ id: number; n: string }>(
    tx,
    sql`insert into ${sql.ident(tableOf(ComputeVoucherGrant))}
          (program_id, enterprise_id, compute_center_id, amount_yuan, granted_on, note,
           provenance_kind, provenance_source, provenance_verified_at, provenance_note)
        select u.p, u.e, u.c, u.a::numeric, u.d, u.note, ${ProvenanceKind.USER_ENTERED}, coalesce(u.src, ${actor.name}), ${today()}::date,
               ${`经 ${actor.name} 导入 Imported by ${actor.name}`}
          from unnest(${sql.array(
            fresh.map((r) => r.programId!),
            'int',
          )}, ${sql.array(
            fresh.map((r) => r.enterpriseId!),
            'int',
          )}, ${sql.array(
            fresh.map((r) => r.computeCenterId),
            'int',
          )}, ${sql.array(
            fresh.map((r) => String(r.amountYuan)),
            'text',
          )}, ${sql.array(
            fresh.map((r) => r.grantedOn),
            'date',
          )}, ${sql.array(
            fresh.map((r) => r.note),
            'text',
          )}, ${sql.array(
            fresh.map((r) => r.source),
            'text',
          )}) with ordinality as u(p, e, c, a, d, note, src, n)
         order by u.n
        returning id`,
  );
  // Serial ids follow the insert order, which follows the file.
  const ids = inserted.map((r) => r.id).sort((a, b) => a - b);
  fresh.forEach((r, i) => {
    r.id = ids[i];
    r.status = 'created';
  });
  const audit: AuditRecord[] = fresh.map((r) => ({
    action: 'CREATE',
    recordType: 'ComputeVoucherGrant',
    recordId: toGlobalId('ComputeVoucherGrant', r.id!),
    changes: {
      programId: { before: null, after: toGlobalId('ComputeVoucherProgram', r.programId!) },
      enterpriseId: { before: null, after: toGlobalId('Enterprise', r.enterpriseId!) },
      computeCenterId: { before: null, after: r.computeCenterId ? toGlobalId('ComputeCenter', r.computeCenterId) : null },
      amountYuan: { before: null, after: r.amountYuan },
      grantedOn: { before: null, after: r.grantedOn ?? null },
      note: { before: null, after: r.note ?? null },
    },
  }));
  await writeAudit(tx, actor, audit, batchId);
}

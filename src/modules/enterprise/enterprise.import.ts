import { withCacheInvalidation } from '../../common/cache-invalidation';
import { randomUUID } from 'node:crypto';
import type { Knex, SqlEntityManager } from '@mikro-orm/postgresql';
import { Actor, AuditRecord, FieldChanges, pgArray, writeAudit } from '../../common/editing/audit';
import { sameValue, today, Values } from '../../common/editing/record-writer';
import { UserErrors } from '../../common/editing/user-error';
import { toGlobalId } from '../../common/global-id';
import type { Table } from '../../common/import/read-table';
import { ProvenanceKind } from '../../common/provenance';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { refreshSearchColumns } from '../../common/search-columns';
import { cleanEnterpriseFields, ENTERPRISE_FIELDS, enterpriseRow } from './enterprise.editing';

/** Columns an import file may have: Chinese header first, English second. */
export const IMPORT_COLUMNS = {
  nameZh: ['企业名称', 'nameZh'],
  nameEn: ['英文名称', 'nameEn'],
  creditCode: ['统一社会信用代码', 'creditCode'],
  parks: ['所属园区', 'parks'],
  sectors: ['重点领域', 'sectors'],
  layer: ['产业链环节', 'layer'],
  foundedYear: ['成立年份', 'foundedYear'],
  website: ['网站', 'website'],
  summary: ['简介', 'summary'],
} as const;
type ImportField = keyof typeof IMPORT_COLUMNS;

const LAYERS: Record<string, ChainLayer> = { 基础层: ChainLayer.FOUNDATION, 技术层: ChainLayer.TECHNOLOGY, 应用层: ChainLayer.APPLICATION };
const LIST_SEPARATOR = /[;；、|,，]/;

/** `valid`: the row is fine but was not processed because other rows are invalid. */
export type RowStatus = 'created' | 'updated' | 'unchanged' | 'invalid' | 'valid';

export interface ImportRowError {
  line: number;
  column: string;
  message: string;
}

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

interface PreparedRow {
  line: number;
  values: Values;
  parkIds: number[];
  sectors: string[];
  match?: ExistingFirm;
  status?: RowStatus;
  changes?: FieldChanges;
  id?: number;
}

interface ExistingFirm extends Values {
  id: number;
  name_zh: string;
  credit_code: string | null;
}

/**
 * Imports firms from a table in one transaction: validates every row (names, credit codes,
 * parks and sectors by name or code, layer, year, website), reports duplicates inside the file,
 * matches existing firms by credit code, else by exact Chinese name, and writes creates, updates
 * and missing links with set-based SQL (a few statements per 5,000 rows), audited as one batch.
 * Any invalid row means nothing is written; a dry run validates and reports without writing.
 * Empty cells leave a field as it is; parks and sectors are added, never removed.
 */
export async function importEnterprises(
  em: SqlEntityManager,
  table: Table,
  options: { dryRun: boolean; actor: Actor; /** Rows written so far, of the rows to write (for a progress bar). */ onProgress?: (rows: number, total: number) => void },
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
  const columnOf = mapHeaders(table.headers, report);
  if (report.errors.length) return finish(report, []);

  const reference = await loadReference(em);
  const prepared = table.rows.map((row) => prepareRow(row.line, row.cells, columnOf, reference, report));
  flagDuplicates(prepared, columnOf, report);

  const batchId = randomUUID();
  const run = async (tx: SqlEntityManager): Promise<void> => {
    await matchExisting(tx, prepared, columnOf, report);
    if (report.errors.length || options.dryRun) return;
    await writeRows(tx, prepared, options.actor, batchId, options.onProgress);
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

/**
 * Runs a statement with bound parameters on the transaction's connection. MikroORM's execute()
 * inlines parameters into the SQL text, which costs ~0.3 s per 5,000-row array; bound parameters
 * go to PostgreSQL as they are.
 */
async function bulk(tx: SqlEntityManager, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const trx = (tx.getTransactionContext() as Knex.Transaction | undefined) ?? tx.getKnex();
  const result = (await trx.raw(sql, params as Knex.RawBinding[])) as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

function mapHeaders(headers: string[], report: ImportReport): Map<ImportField, string> {
  const columnOf = new Map<ImportField, string>();
  for (const header of headers) {
    const field = (Object.keys(IMPORT_COLUMNS) as ImportField[]).find((f) => IMPORT_COLUMNS[f].some((name) => name.toLowerCase() === header.toLowerCase()));
    if (!field) {
      if (header) report.errors.push({ line: 1, column: header, message: `Unknown column "${header}"; expected ${Object.values(IMPORT_COLUMNS).map((n) => n.join('/')).join(', ')}.` });
      continue;
    }
    if (columnOf.has(field)) report.errors.push({ line: 1, column: header, message: `Column "${header}" repeats "${columnOf.get(field)}".` });
    columnOf.set(field, header);
  }
  if (!columnOf.has('nameZh')) report.errors.push({ line: 1, column: '企业名称', message: 'The file needs a 企业名称 (nameZh) column.' });
  return columnOf;
}

interface Reference {
  parks: Map<string, number>;
  sectors: Map<string, string>;
}

async function loadReference(em: SqlEntityManager): Promise<Reference> {
  const parks = new Map<string, number>();
  const parkRows = (await em.execute('select id, name_zh, name_en, aliases from park')) as Array<{ id: number; name_zh: string; name_en: string | null; aliases: string[] }>;
  for (const p of parkRows) {
    for (const name of [p.name_zh, p.name_en, ...(p.aliases ?? []), toGlobalId('Park', p.id)]) if (name) parks.set(name.toLowerCase(), p.id);
  }
  const sectors = new Map<string, string>();
  const sectorRows = (await em.execute('select code, name_zh, name_en from sector')) as Array<{ code: string; name_zh: string; name_en: string }>;
  for (const s of sectorRows) for (const name of [s.code, s.name_zh, s.name_en]) sectors.set(name.toLowerCase(), s.code);
  return { parks, sectors };
}

function prepareRow(line: number, cells: Record<string, string>, columnOf: Map<ImportField, string>, ref: Reference, report: ImportReport): PreparedRow {
  const cell = (f: ImportField): string | undefined => {
    const header = columnOf.get(f);
    const value = header === undefined ? undefined : (cells[header] ?? '').trim();
    return value ? value : undefined;
  };
  const errors = new UserErrors();
  const raw: Record<string, unknown> = {
    nameZh: cell('nameZh') ?? '',
    nameEn: cell('nameEn'),
    creditCode: cell('creditCode'),
    website: cell('website'),
    summary: cell('summary'),
  };
  const year = cell('foundedYear');
  if (year !== undefined) {
    if (/^\d{4}$/.test(year)) raw.foundedYear = Number(year);
    else errors.add(['foundedYear'], `"${year}" is not a year; expected four digits such as 2019.`);
  }
  const layer = cell('layer');
  if (layer !== undefined) {
    const found = LAYERS[layer] ?? (Object.values(ChainLayer) as string[]).find((l) => l === layer.toUpperCase());
    if (found) raw.layer = found;
    else errors.add(['layer'], `"${layer}" is not a chain layer; expected 基础层, 技术层 or 应用层 (FOUNDATION, TECHNOLOGY, APPLICATION).`);
  }
  const values = cleanEnterpriseFields(raw, errors, []);
  const parkIds: number[] = [];
  for (const name of splitList(cell('parks'))) {
    const id = ref.parks.get(name.toLowerCase());
    if (id === undefined) errors.add(['parks'], `No park is called "${name}"; use a park's Chinese name as the directory lists it.`);
    else if (!parkIds.includes(id)) parkIds.push(id);
  }
  const sectors: string[] = [];
  for (const name of splitList(cell('sectors'))) {
    const code = ref.sectors.get(name.toLowerCase());
    if (code === undefined) errors.add(['sectors'], `"${name}" is not a focus sector; use its Chinese name (e.g. 智慧海洋) or code (SMART_OCEAN).`);
    else if (!sectors.includes(code)) sectors.push(code);
  }
  for (const e of errors.list) {
    const field = e.field[0] as ImportField;
    report.errors.push({ line, column: columnOf.get(field) ?? IMPORT_COLUMNS[field]?.[0] ?? field, message: e.message });
  }
  return { line, values, parkIds, sectors, status: errors.empty ? undefined : 'invalid' };
}

function splitList(text: string | undefined): string[] {
  return text ? text.split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean) : [];
}

/** Two rows with the same credit code or the same Chinese name are reported, never merged. */
function flagDuplicates(rows: PreparedRow[], columnOf: Map<ImportField, string>, report: ImportReport): void {
  const seen = { creditCode: new Map<unknown, number>(), nameZh: new Map<unknown, number>() };
  for (const row of rows) {
    for (const field of ['creditCode', 'nameZh'] as const) {
      const value = row.values[field];
      if (value === undefined || value === null) continue;
      const first = seen[field].get(value);
      if (first !== undefined) {
        report.errors.push({ line: row.line, column: columnOf.get(field)!, message: `Duplicate of line ${first}: the same ${field === 'creditCode' ? 'credit code' : 'Chinese name'} "${String(value)}" appears twice; keep one row.` });
        row.status = 'invalid';
      } else seen[field].set(value, row.line);
    }
  }
}

async function matchExisting(tx: SqlEntityManager, rows: PreparedRow[], columnOf: Map<ImportField, string>, report: ImportReport): Promise<void> {
  // Firms may not change between matching and writing. Locking each matched row would write
  // every tuple; one table lock (other writers wait, readers do not) is cheaper and also keeps
  // a concurrent writer from creating a firm with a code this import is about to insert.
  await bulk(tx, 'lock table enterprise in share row exclusive mode', []);
  // Rows already invalid are left out, so matching still reports every other problem.
  rows = rows.filter((r) => r.status !== 'invalid');
  const codes = rows.map((r) => r.values.creditCode).filter((c): c is string => typeof c === 'string');
  const names = rows.map((r) => r.values.nameZh as string);
  const found = (await bulk(tx, 
    // Joins against the file's codes and names (hash joins), not "= any(array)" tested row by row.
    `select * from enterprise where id in (
       select e.id from enterprise e join unnest(?::text[]) as c(v) on e.credit_code = c.v
       union select e.id from enterprise e join unnest(?::text[]) as n(v) on e.name_zh = n.v)
     order by id`,
    [pgArray(codes), pgArray(names)],
  )) as ExistingFirm[];
  const byCode = new Map(found.filter((f) => f.credit_code).map((f) => [f.credit_code, f]));
  const byName = new Map<string, ExistingFirm[]>();
  for (const f of found) byName.set(f.name_zh, [...(byName.get(f.name_zh) ?? []), f]);
  const claimed = new Map<number, number>();

  const matchedIds = new Set<number>();
  for (const row of rows) {
    const code = row.values.creditCode as string | undefined;
    const error = (field: ImportField, message: string) => {
      report.errors.push({ line: row.line, column: columnOf.get(field) ?? IMPORT_COLUMNS[field][0], message });
      row.status = 'invalid';
    };
    let match = code ? byCode.get(code) : undefined;
    if (!match) {
      const sameName = byName.get(row.values.nameZh as string) ?? [];
      if (sameName.length > 1) error('nameZh', `${sameName.length} firms are called “${String(row.values.nameZh)}”; add the credit code to say which one.`);
      else if (sameName.length === 1) {
        if (code && sameName[0].credit_code && sameName[0].credit_code !== code) {
          error('creditCode', `“${String(row.values.nameZh)}” is in the directory with credit code ${sameName[0].credit_code}, not ${code}.`);
        } else match = sameName[0];
      }
    }
    if (match) {
      const other = claimed.get(match.id);
      if (other !== undefined) error('nameZh', `Line ${other} already updates the same firm “${match.name_zh}”.`);
      claimed.set(match.id, row.line);
      matchedIds.add(match.id);
      row.match = match;
    } else if (row.values.layer === undefined) {
      error('layer', `A new firm needs its chain layer (产业链环节: 基础层, 技术层 or 应用层).`);
    }
  }
  if (report.errors.length) return;

  const ids = [...matchedIds];
  const parkLinks = new Set(((await bulk(tx, 'select enterprise_id, park_id from enterprise_park where enterprise_id in (select unnest(?::int[]))', [pgArray(ids)])) as Array<{ enterprise_id: number; park_id: number }>).map((l) => `${l.enterprise_id}:${l.park_id}`));
  const sectorLinks = new Set(((await bulk(tx, 'select enterprise_id, sector_code from enterprise_sector where enterprise_id in (select unnest(?::int[]))', [pgArray(ids)])) as Array<{ enterprise_id: number; sector_code: string }>).map((l) => `${l.enterprise_id}:${l.sector_code}`));

  for (const row of rows) {
    const changes: FieldChanges = {};
    if (!row.match) {
      for (const f of ENTERPRISE_FIELDS) if (row.values[f] !== undefined) changes[f] = { before: null, after: row.values[f] };
      if (row.parkIds.length) changes.parks = { before: null, after: row.parkIds.map((p) => toGlobalId('Park', p)) };
      if (row.sectors.length) changes.sectors = { before: null, after: row.sectors };
      row.changes = changes;
      row.status = 'created';
      continue;
    }
    const m = row.match;
    row.id = m.id;
    for (const f of ENTERPRISE_FIELDS) {
      const value = row.values[f];
      if (value === undefined || value === null) continue;
      const col = f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      if (!sameValue(m[col], value)) changes[f] = { before: m[col] ?? null, after: value };
    }
    row.parkIds = row.parkIds.filter((p) => !parkLinks.has(`${m.id}:${p}`));
    row.sectors = row.sectors.filter((s) => !sectorLinks.has(`${m.id}:${s}`));
    if (row.parkIds.length) changes.parks = { before: null, after: row.parkIds.map((p) => toGlobalId('Park', p)) };
    if (row.sectors.length) changes.sectors = { before: null, after: row.sectors };
    row.changes = changes;
    row.status = Object.keys(changes).length ? 'updated' : 'unchanged';
  }
}

const CHUNK = 10000;

async function writeRows(
  tx: SqlEntityManager,
  rows: PreparedRow[],
  actor: Actor,
  batchId: string,
  onProgress?: (rows: number, total: number) => void,
): Promise<void> {
  const provenance = { kind: ProvenanceKind.USER_ENTERED, source: actor.name, verifiedAt: today() };
  const created = rows.filter((r) => r.status === 'created');
  const updated = rows.filter((r) => r.status === 'updated' && ENTERPRISE_FIELDS.some((f) => r.changes![f]));
  let written = 0;
  const advance = (n: number) => onProgress?.((written += n), created.length + updated.length);
  advance(0);
  const columns = ['name_zh', 'name_en', 'credit_code', 'layer', 'founded_year', 'website', 'summary'];
  const types = ['text', 'text', 'text', 'text', 'int', 'text', 'text'];
  for (let i = 0; i < created.length; i += CHUNK) {
    const chunk = created.slice(i, i + CHUNK);
    const built = chunk.map((r) => enterpriseRow(r.values));
    const inserted = (await bulk(tx, 
      `insert into enterprise (${columns.join(', ')}, provenance_kind, provenance_source, provenance_verified_at)
       select ${columns.map((c) => `u.${c}`).join(', ')}, ?, ?, ?::date
         from unnest(${types.map((t) => `?::${t}[]`).join(', ')}) with ordinality as u(${columns.join(', ')}, n)
        order by u.n
       returning id, name_zh`,
      [provenance.kind, provenance.source, provenance.verifiedAt, ...columns.map((c) => pgArray(built.map((b) => b[c] as string | number | null | undefined)))],
    )) as Array<{ id: number; name_zh: string }>;
    const idByName = new Map(inserted.map((r) => [r.name_zh, r.id]));
    for (const r of chunk) r.id = idByName.get(r.values.nameZh as string);
    advance(chunk.length);
  }

  const updCols = columns.filter((c) => c !== 'name_zh');
  for (let i = 0; i < updated.length; i += CHUNK) {
    const chunk = updated.slice(i, i + CHUNK);
    const built = chunk.map((r) => enterpriseRow(r.values));
    await bulk(tx, 
      `update enterprise e set ${updCols.map((c) => `${c} = coalesce(u.${c}, e.${c})`).join(', ')},
              version = e.version + 1, updated_at = now(),
              provenance_note = case when e.provenance_kind = 'USER_ENTERED' then e.provenance_note
                                     else '经 ' || ? || ' 导入更正 Corrected by import of ' || ? || '; 原来源 earlier source (' || e.provenance_kind || '): ' || e.provenance_source end,
              provenance_url = case when e.provenance_kind = 'USER_ENTERED' then e.provenance_url else null end,
              provenance_kind = ?, provenance_source = ?, provenance_verified_at = ?::date
         from unnest(?::int[], ${updCols.map((c) => `?::${types[columns.indexOf(c)]}[]`).join(', ')}) as u(id, ${updCols.join(', ')})
        where e.id = u.id`,
      [actor.name, actor.name, provenance.kind, provenance.source, provenance.verifiedAt, pgArray(chunk.map((r) => r.id!)),
        ...updCols.map((c) => pgArray(built.map((b) => b[c] as string | number | null | undefined)))],
    );
    advance(chunk.length);
  }

  // Names were written by plain SQL: bring the stored romanisations up to date for search.
  await refreshSearchColumns(tx, 'enterprise', [...created, ...updated].map((r) => r.id!));

  const parkPairs = rows.flatMap((r) => r.parkIds.map((p) => [r.id!, p] as const));
  const sectorPairs = rows.flatMap((r) => r.sectors.map((s) => [r.id!, s] as const));
  for (let i = 0; i < parkPairs.length; i += CHUNK) {
    const c = parkPairs.slice(i, i + CHUNK);
    await bulk(tx, 'insert into enterprise_park (enterprise_id, park_id) select * from unnest(?::int[], ?::int[]) on conflict do nothing', [pgArray(c.map((p) => p[0])), pgArray(c.map((p) => p[1]))]);
  }
  for (let i = 0; i < sectorPairs.length; i += CHUNK) {
    const c = sectorPairs.slice(i, i + CHUNK);
    await bulk(tx, 'insert into enterprise_sector (enterprise_id, sector_code) select * from unnest(?::int[], ?::text[]) on conflict do nothing', [pgArray(c.map((p) => p[0])), pgArray(c.map((p) => p[1]))]);
  }

  const audit: AuditRecord[] = rows
    .filter((r) => r.status === 'created' || r.status === 'updated')
    .map((r) => ({ action: r.status === 'created' ? 'CREATE' : 'UPDATE', recordType: 'Enterprise', recordId: toGlobalId('Enterprise', r.id!), changes: r.changes! }));
  await writeAudit(tx, actor, audit, batchId, bulk);
}

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

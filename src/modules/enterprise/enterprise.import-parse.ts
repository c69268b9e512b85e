import type { FieldChanges } from '../../common/editing/audit';
import type { Values } from '../../common/editing/record-writer';
import { UserErrors } from '../../common/editing/user-error';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { cleanEnterpriseFields } from './enterprise.editing';

/**
 * Parsing, the first step of an import: the table's cells become checked field values. Nothing
 * here reads the database; names of parks, sectors and chain nodes are kept as written for the
 * resolving step.
 */

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
  chainNodes: ['产业链节点', 'chainNodes'],
} as const;
export type ImportField = keyof typeof IMPORT_COLUMNS;

const LAYERS: Record<string, ChainLayer> = { 基础层: ChainLayer.FOUNDATION, 技术层: ChainLayer.TECHNOLOGY, 应用层: ChainLayer.APPLICATION };
const LIST_SEPARATOR = /[;；、|,，]/;

/** `valid`: the row is fine but was not processed because other rows are invalid. */
export type RowStatus = 'created' | 'updated' | 'unchanged' | 'invalid' | 'valid';

export interface ImportRowError {
  line: number;
  column: string;
  message: string;
}

/** The column a field was read from (its header in the file), for error reports. */
export type ColumnOf = Map<ImportField, string>;

/** One row on its way through the import; each step fills in what it learns. */
export interface PreparedRow {
  line: number;
  values: Values;
  /** Parks, sectors and chain nodes as the file names them (parsing). */
  parkNames: string[];
  sectorNames: string[];
  chainNodeNames: string[];
  /** The same, resolved to park ids, sector codes and chain node ids (resolving). */
  parkIds: number[];
  sectors: string[];
  chainNodeIds: number[];
  match?: ExistingFirm;
  status?: RowStatus;
  changes?: FieldChanges;
  id?: number;
}

/** A firm of the directory as `select *` returns it. */
export interface ExistingFirm extends Values {
  id: number;
  name_zh: string;
  credit_code: string | null;
}

/** Which field each header holds; unknown or repeated headers and a missing 企业名称 are errors. */
export function mapHeaders(headers: string[], errors: ImportRowError[]): ColumnOf {
  const columnOf: ColumnOf = new Map();
  for (const header of headers) {
    const field = (Object.keys(IMPORT_COLUMNS) as ImportField[]).find((f) => IMPORT_COLUMNS[f].some((name) => name.toLowerCase() === header.toLowerCase()));
    if (!field) {
      if (header)
        errors.push({
          line: 1,
          column: header,
          message: `Unknown column "${header}"; expected ${Object.values(IMPORT_COLUMNS)
            .map((n) => n.join('/'))
            .join(', ')}.`,
        });
      continue;
    }
    if (columnOf.has(field)) errors.push({ line: 1, column: header, message: `Column "${header}" repeats "${columnOf.get(field)}".` });
    columnOf.set(field, header);
  }
  if (!columnOf.has('nameZh')) errors.push({ line: 1, column: '企业名称', message: 'The file needs a 企业名称 (nameZh) column.' });
  return columnOf;
}

/** The header a field's errors name: the file's own, else the field's Chinese header. */
export function columnName(columnOf: ColumnOf, field: ImportField): string {
  return columnOf.get(field) ?? IMPORT_COLUMNS[field]?.[0] ?? field;
}

/** Reports a row's user errors (by field) as errors of its line and column. */
export function reportRowErrors(line: number, found: UserErrors, columnOf: ColumnOf, errors: ImportRowError[]): void {
  for (const e of found.list) errors.push({ line, column: columnName(columnOf, e.field[0] as ImportField), message: e.message });
}

/** Checks one row's cells: names, credit code, year, layer, website (the editing rules of a firm). */
export function parseRow(line: number, cells: Record<string, string>, columnOf: ColumnOf, errors: ImportRowError[]): PreparedRow {
  const cell = (f: ImportField): string | undefined => {
    const header = columnOf.get(f);
    const value = header === undefined ? undefined : (cells[header] ?? '').trim();
    return value ? value : undefined;
  };
  const found = new UserErrors();
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
    else found.add(['foundedYear'], `"${year}" is not a year; expected four digits such as 2019.`);
  }
  const layer = cell('layer');
  if (layer !== undefined) {
    const known = LAYERS[layer] ?? (Object.values(ChainLayer) as string[]).find((l) => l === layer.toUpperCase());
    if (known) raw.layer = known;
    else found.add(['layer'], `"${layer}" is not a chain layer; expected 基础层, 技术层 or 应用层 (FOUNDATION, TECHNOLOGY, APPLICATION).`);
  }
  const values = cleanEnterpriseFields(raw, found, []);
  reportRowErrors(line, found, columnOf, errors);
  return {
    line,
    values,
    parkNames: splitList(cell('parks')),
    sectorNames: splitList(cell('sectors')),
    chainNodeNames: splitList(cell('chainNodes')),
    parkIds: [],
    sectors: [],
    chainNodeIds: [],
    status: found.empty ? undefined : 'invalid',
  };
}

function splitList(text: string | undefined): string[] {
  return text
    ? text
        .split(LIST_SEPARATOR)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

/** Two rows with the same credit code or the same Chinese name are reported, never merged. */
export function flagDuplicates(rows: PreparedRow[], columnOf: ColumnOf, errors: ImportRowError[]): void {
  const seen = { creditCode: new Map<unknown, number>(), nameZh: new Map<unknown, number>() };
  for (const row of rows) {
    for (const field of ['creditCode', 'nameZh'] as const) {
      const value = row.values[field];
      if (value === undefined || value === null) continue;
      const first = seen[field].get(value);
      if (first !== undefined) {
        errors.push({
          line: row.line,
          column: columnOf.get(field)!,
          message: `Duplicate of line ${first}: the same ${field === 'creditCode' ? 'credit code' : 'Chinese name'} "${String(value)}" appears twice; keep one row.`,
        });
        row.status = 'invalid';
      } else seen[field].set(value, row.line);
    }
  }
}

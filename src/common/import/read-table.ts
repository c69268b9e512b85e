import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { unstorableCharacter } from '../text';
import { JsonRowScanner, JsonRowsError } from './json-rows';

/** One data row of an uploaded table: its line in the file and its cells by header. */
export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
  /** The encoding the file was read in (detected or given). */
  encoding: string;
}

export class TableReadError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const SNIFF_BYTES = 64 * 1024;
/** Rows between two `onRows` calls. */
const ROWS_STEP = 1000;
const ENCODINGS: Record<string, string> = { 'utf-8': 'utf-8', utf8: 'utf-8', gb18030: 'gb18030', gbk: 'gb18030', gb2312: 'gb18030' };

/**
 * The encoding of a file from its first bytes: UTF-8 when they are valid UTF-8 (with or without a
 * BOM), otherwise GB18030, which reads what Excel saves as GBK/GB2312 "CSV" on Chinese Windows.
 */
export function detectEncoding(head: Buffer): string {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export function normaliseEncoding(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const found = ENCODINGS[name.trim().toLowerCase()];
  if (!found) throw new TableReadError(`Unknown encoding "${name}"; use utf-8 or gb18030 (which also reads GBK).`);
  return found;
}

/**
 * Reads a CSV stream into rows without holding the raw bytes: sniffs the encoding from the first
 * 64 KB (unless given), decodes with iconv-lite (a UTF-8 BOM is dropped) and parses with
 * csv-parse (quoted fields, embedded newlines and commas, CRLF). Fails past `maxBytes`. `onRows`
 * hears how many rows have been read, every thousand rows and at the end.
 */
export async function readCsv(stream: Readable, options: { encoding?: string; maxBytes: number; onRows?: (rows: number) => void }): Promise<Table> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true });
  const records: Array<{ record: string[]; info: { lines: number } }> = [];
  parser.on('readable', () => {
    let r;
    while ((r = parser.read()) !== null) {
      records.push(r);
      // The first record is the header line.
      if ((records.length - 1) % ROWS_STEP === 0 && records.length > 1) options.onRows?.(records.length - 1);
    }
  });
  const finished = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  let encoding = normaliseEncoding(options.encoding);
  let decoder: ReturnType<typeof iconv.getDecoder> | null = null;
  const head: Buffer[] = [];
  let headBytes = 0;
  let total = 0;
  const start = (): void => {
    const bytes = Buffer.concat(head);
    encoding ??= detectEncoding(bytes);
    decoder = iconv.getDecoder(encoding);
    parser.write(decoder.write(bytes));
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buf.length;
      if (total > options.maxBytes) throw new TableReadError(`The file is larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB.`, 413);
      if (decoder) {
        parser.write((decoder as ReturnType<typeof iconv.getDecoder>).write(buf));
        continue;
      }
      head.push(buf);
      headBytes += buf.length;
      if (headBytes >= SNIFF_BYTES) start();
    }
    if (!decoder) start();
    const rest = (decoder as unknown as ReturnType<typeof iconv.getDecoder>).end();
    if (rest) parser.write(rest);
    parser.end();
    await finished;
  } catch (error) {
    parser.destroy();
    if (error instanceof TableReadError) throw error;
    throw new TableReadError(`The file is not readable CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new TableReadError('The file is empty: expected a header line and data rows.');
  const headers = records[0].record.map((h) => h.replace(/^\uFEFF/, '').trim());
  // info.lines is where a record ends; a cell with line breaks starts it earlier.
  const rows = records.slice(1).map(({ record, info }) => ({
    line: info.lines - record.reduce((n, cell) => n + (cell.includes('\n') ? cell.split('\n').length - 1 : 0), 0),
    cells: Object.fromEntries(headers.map((h, i) => [h, record[i] ?? ''])),
  }));
  rejectNulCharacters(rows);
  options.onRows?.(rows.length);
  return { headers, rows, encoding: encoding! };
}

/**
 * Reads a JSON body (an array of objects, or { rows: [...] }) as it streams in: only one row's
 * text is held at a time (never the whole body, nor its parsed tree), and a body over `maxBytes`
 * fails when its bytes pass the limit. "line" is the row's position, from 1. `onRows` hears how
 * many rows have been read, every thousand rows and at the end.
 */
export async function readJson(stream: Readable, options: { maxBytes: number; onRows?: (rows: number) => void }): Promise<Table> {
  const headers = new Set<string>();
  const rows: TableRow[] = [];
  const scanner = new JsonRowScanner((r) => {
    const row = {
      line: rows.length + 1,
      cells: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null || v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v).trim()])),
    };
    rejectNulCharacters([row]);
    for (const k of Object.keys(r)) headers.add(k);
    rows.push(row);
    if (rows.length % ROWS_STEP === 0) options.onRows?.(rows.length);
  });
  const decoder = new TextDecoder('utf-8');
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buf.length;
      if (total > options.maxBytes) throw new TableReadError(`The body is larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB.`, 413);
      scanner.write(decoder.decode(buf, { stream: true }));
    }
    scanner.write(decoder.decode());
    scanner.end();
  } catch (error) {
    if (!(error instanceof JsonRowsError)) throw error;
    throw new TableReadError(
      error.kind === 'syntax' ? 'The body is not valid JSON.' : 'Expected a JSON array of objects, one per firm (or { "rows": [...] }).',
    );
  }
  options.onRows?.(rows.length);
  return { headers: [...headers], rows, encoding: 'utf-8' };
}

/**
 * PostgreSQL text cannot hold U+0000 or a lone surrogate: a file carrying one is refused whole,
 * naming the first place.
 */
function rejectNulCharacters(rows: TableRow[]): void {
  for (const row of rows) {
    for (const [header, cell] of Object.entries(row.cells)) {
      const problem = unstorableCharacter(cell) ?? unstorableCharacter(header);
      if (problem) throw new TableReadError(`Line ${row.line}, column "${header}": text may not contain ${problem}.`);
    }
  }
}

/**
 * The one way hand-written SQL is built: a tagged template that keeps identifiers apart from
 * values. Text written in the template is trusted (it is code); every `${value}` becomes a
 * placeholder with its value beside it, never text; identifiers come in only through
 * {@link sql.ident}, quoted and escaped; fragments nest through `${fragment}`.
 *
 *   const q = sql`select ${sql.ident(table, 'name_zh')} from ${sql.ident(table)} where id = ${id}`;
 *   await runSql(tx, q);
 *
 * The placeholders are `?`, the form MikroORM's `execute` and knex's `raw` take; a `?` in the
 * template text or in an identifier (PostgreSQL's jsonb `?` operator, say) is escaped so that it
 * is not mistaken for one.
 */
export class SqlFragment {
  /** Use the `sql` tag or its helpers; the constructor is not checked. */
  constructor(
    /** Text with `?` for each value and `\?` for each literal question mark. */
    readonly text: string,
    readonly values: readonly unknown[],
  ) {}
}

/** Runs one statement: an entity manager's or a migration's `execute`, taking `?` placeholders. */
export interface SqlRunner {
  execute(sql: string, params: unknown[]): Promise<unknown>;
}

const escapeMarks = (text: string): string => text.replace(/\?/g, '\\?');

function isFragment(part: unknown): part is SqlFragment {
  return part instanceof SqlFragment;
}

/** Builds a fragment: interpolated fragments are inlined, anything else becomes a parameter. */
export function sql(strings: TemplateStringsArray, ...parts: unknown[]): SqlFragment {
  let text = escapeMarks(strings[0]);
  const values: unknown[] = [];
  parts.forEach((part, i) => {
    if (isFragment(part)) {
      text += part.text;
      values.push(...part.values);
    } else {
      text += '?';
      values.push(part);
    }
    text += escapeMarks(strings[i + 1]);
  });
  return new SqlFragment(text, values);
}

/** `"name"` with inner quotes doubled: a table, column or alias whatever characters it holds. */
function quoteIdent(name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError('An SQL identifier must be a non-empty string.');
  if (name.includes('\0')) throw new TypeError('An SQL identifier cannot contain a NUL character.');
  return `"${escapeMarks(name.replace(/"/g, '""'))}"`;
}

/** A quoted identifier, or a qualified one from several parts: `ident('p', 'name_zh')` → `"p"."name_zh"`. */
sql.ident = (...names: string[]): SqlFragment => {
  if (names.length === 0) throw new TypeError('sql.ident needs at least one name.');
  return new SqlFragment(names.map(quoteIdent).join('.'), []);
};

/** One value as a parameter (what `${value}` does; for building lists by hand). */
sql.value = (value: unknown): SqlFragment => new SqlFragment('?', [value]);

/** Fragments joined by `separator` (code text such as ', ' or ' and '; never user input). */
sql.join = (fragments: readonly SqlFragment[], separator: string): SqlFragment =>
  new SqlFragment(
    fragments.map((f) => f.text).join(escapeMarks(separator)),
    fragments.flatMap((f) => f.values),
  );

/** Values joined by commas, each its own parameter: `in (${sql.list(ids)})`. */
sql.list = (values: readonly unknown[]): SqlFragment => sql.join(values.map(sql.value), ', ');

/** The empty fragment, for optional parts. */
sql.empty = new SqlFragment('', []);

/**
 * A PostgreSQL array parameter cast to `type[]` (one parameter however long the list):
 * `unnest(${sql.array(ids, 'int')})`. The element type is one of a fixed few.
 */
sql.array = (items: ReadonlyArray<string | number | null | undefined>, type: 'int' | 'text' | 'bigint' | 'date' | 'jsonb'): SqlFragment =>
  new SqlFragment(`?::${type}[]`, [pgArray(items)]);

/** A PostgreSQL array literal ('{"a","b",NULL}') for passing a whole column as one parameter. */
export function pgArray(items: ReadonlyArray<string | number | null | undefined>): string {
  let out = '{';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (i) out += ',';
    if (item === null || item === undefined) out += 'NULL';
    else if (typeof item === 'number') out += item;
    else out += item.includes('"') || item.includes('\\') ? `"${item.replace(/["\\]/g, '\\$&')}"` : `"${item}"`;
  }
  return `${out}}`;
}

/**
 * The text and parameters to hand to `execute` or `knex.raw`. Without parameters MikroORM passes
 * the text through untouched, so escaped question marks are restored there.
 */
export function toQuery(fragment: SqlFragment): [string, unknown[]] {
  const values = [...fragment.values];
  return [values.length ? fragment.text : fragment.text.replace(/\\\?/g, '?'), values];
}

/** Runs a fragment and returns its rows. */
export async function runSql<Row = Record<string, unknown>>(runner: SqlRunner, fragment: SqlFragment): Promise<Row[]> {
  const [text, values] = toQuery(fragment);
  return (await runner.execute(text, values)) as Row[];
}

/** Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

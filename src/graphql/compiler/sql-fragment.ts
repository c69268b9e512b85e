/**
 * A piece of SQL and its values, composed with the {@link sql} tag: text written in the compiler
 * stays text, and every interpolated value becomes a `?` parameter, never text. Identifiers come
 * only from code (the registry and MikroORM's metadata), through {@link raw}.
 */
export interface Fragment {
  readonly text: string;
  readonly values: readonly unknown[];
}

const FRAGMENT = Symbol('sql fragment');

interface Tagged extends Fragment {
  [FRAGMENT]: true;
}

function make(text: string, values: readonly unknown[]): Tagged {
  return { text, values, [FRAGMENT]: true };
}

function isFragment(value: unknown): value is Tagged {
  return typeof value === 'object' && value !== null && FRAGMENT in value;
}

/** SQL text written by the compiler (never by a client): identifiers, keywords, literals of its own. */
export function raw(text: string): Fragment {
  if (text.includes('?')) throw new Error(`compiler SQL must not contain "?": ${text}`);
  return make(text, []);
}

/**
 * SQL and parameters produced by another builder (knex's `toSQL()`), `?` marking each parameter.
 * An array parameter is spread into one parameter per element, as knex does when it runs a raw
 * statement (`in (?)` with `['a', 'b']` is `in (?, ?)`); knex's `toSQL()` leaves arrays of raw
 * conditions inside nested groups unspread, and PostgreSQL would read them as one array literal.
 */
export function built(text: string, values: readonly unknown[]): Fragment {
  if (!values.some(Array.isArray)) return make(text, values);
  const flat: unknown[] = [];
  let i = 0;
  const spread = text.replace(/\?/g, () => {
    const value = values[i++];
    if (!Array.isArray(value)) {
      flat.push(value);
      return '?';
    }
    flat.push(...value);
    return value.map(() => '?').join(', ');
  });
  if (i !== values.length) throw new Error(`SQL has ${i} parameters, ${values.length} values`);
  return make(spread, flat);
}

/** `sql\`select ${x}\``: fragments are embedded; anything else is a parameter. */
export function sql(strings: TemplateStringsArray, ...parts: unknown[]): Fragment {
  let text = strings[0];
  const values: unknown[] = [];
  parts.forEach((part, i) => {
    if (isFragment(part)) {
      text += part.text;
      values.push(...part.values);
    } else {
      text += '?';
      values.push(part);
    }
    text += strings[i + 1];
  });
  return make(text, values);
}

/** Fragments joined by `separator` (SQL text). */
export function join(parts: readonly Fragment[], separator: string): Fragment {
  return make(
    parts.map((p) => p.text).join(separator),
    parts.flatMap((p) => p.values),
  );
}

import { BadUserInputError } from './errors';
import { MAX_SEARCH_LENGTH } from './filters';
import { SEARCH_SEPARATOR as SEP, normalizeSearchText } from './search-text';
import { escapeLike } from './sql';

/** A validated search query, in the forms the stored columns are compared with. */
export interface SearchQuery {
  /** Normalised text (simplified, lower case), compared with `search_text`. */
  text: string;
  /** The query as pinyin letters without spaces or apostrophes, when it can be pinyin at all. */
  pinyin: string | null;
}

/**
 * Checks and normalises a search text: not empty, not only spaces, at most 200 characters.
 * Returns null when no search was asked for. `%`, `_` and `\` are ordinary characters.
 */
export function parseSearchQuery(raw: string | null | undefined, field: string): SearchQuery | null {
  if (raw === null || raw === undefined) return null;
  const trimmed = raw.trim();
  if (trimmed.length === 0) throw new BadUserInputError(`"${field}" must not be empty or only spaces.`, { field });
  if ([...trimmed].length > MAX_SEARCH_LENGTH) {
    throw new BadUserInputError(`"${field}" is longer than ${MAX_SEARCH_LENGTH} characters.`, { field });
  }
  const text = normalizeSearchText(trimmed);
  if (text.length === 0) throw new BadUserInputError(`"${field}" must contain something other than control characters.`, { field });
  const letters = text.replace(/[\s']/g, '');
  const pinyin = /^[a-z0-9]+$/.test(letters) ? letters : null;
  return { text, pinyin };
}

type Sql = [string, unknown[]];

function like(inner: string): string {
  return `%${inner}%`;
}

/**
 * SQL condition: the record aliased `alias` (a table with the search columns) matches `q` —
 * a substring of a normalised name or alias, or, for a pinyin-like query, a substring of the
 * full pinyin or of the initials of a Chinese name.
 */
export function searchCondition(alias: string, q: SearchQuery): Sql {
  const parts = [`${alias}.search_text like ?`];
  const bindings: unknown[] = [like(escapeLike(q.text))];
  if (q.pinyin) {
    parts.push(`${alias}.search_pinyin like ?`, `${alias}.search_initials like ?`);
    bindings.push(like(escapeLike(q.pinyin)), like(escapeLike(q.pinyin)));
  }
  return [`(${parts.join(' or ')})`, bindings];
}

/** Rank of a match, lower first, as documented in docs/third-party-developers.md ("Search and filters"). */
export const SearchRank = {
  /** The query is a whole name, English name or alias. */
  EXACT: 0,
  /** A name starts with the query. */
  PREFIX: 1,
  /** A name contains the query. */
  SUBSTRING: 2,
  /** The pinyin or the initials of a Chinese name start with the query. */
  PINYIN_PREFIX: 3,
  /** The pinyin or the initials of a Chinese name contain the query. */
  PINYIN: 4,
} as const;

/** SQL expression giving the {@link SearchRank} of a row that satisfies {@link searchCondition}. */
export function searchRank(alias: string, q: SearchQuery): Sql {
  const text = escapeLike(q.text);
  const whens = [
    [`${alias}.search_text like ?`, `%${SEP}${text}${SEP}%`, SearchRank.EXACT],
    [`${alias}.search_text like ?`, `%${SEP}${text}%`, SearchRank.PREFIX],
    [`${alias}.search_text like ?`, like(text), SearchRank.SUBSTRING],
  ] as Array<[string, string, number]>;
  if (q.pinyin) {
    const p = escapeLike(q.pinyin);
    whens.push([`(${alias}.search_pinyin like ? or ${alias}.search_initials like ?)`, `%${SEP}${p}%`, SearchRank.PINYIN_PREFIX]);
  }
  const bindings: unknown[] = [];
  const sql = whens
    .map(([cond, pattern, rank]) => {
      bindings.push(pattern);
      if (cond.includes(' or ')) bindings.push(pattern);
      return `when ${cond} then ${rank}`;
    })
    .join(' ');
  return [`(case ${sql} else ${SearchRank.PINYIN} end)`, bindings];
}

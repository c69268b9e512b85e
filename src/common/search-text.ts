import type * as PinyinPro from 'pinyin-pro';
// opencc-js ships a UMD bundle with its own types; the full build holds the Taiwan phrase tables.
import type * as OpenCC from 'opencc-js';

// Both libraries are loaded on first use: their tables hold about 5 MB of heap (8 MB of RSS) that
// a server answering reads without a text search or a write never needs (docs/operators.md, "Memory").
/* eslint-disable @typescript-eslint/no-require-imports -- a static import would load the tables at start-up */
const loadOpenCC = (): typeof OpenCC => require('opencc-js') as typeof OpenCC;
let pinyinPro: typeof PinyinPro | undefined;
const loadPinyin = (): typeof PinyinPro => (pinyinPro ??= require('pinyin-pro') as typeof PinyinPro);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Separates the names inside a search column. A control character nobody types, so a query can
 * never match across two names, and `SEP + q + SEP` means "q is a whole name".
 */
export const SEARCH_SEPARATOR = '\u001f';

/** The stored romanisation columns of one searchable record. */
export interface SearchColumns {
  /** Every name (Chinese, English, aliases), normalised by {@link normalizeSearchText}, between separators. */
  searchText: string;
  /** Full pinyin of every name, no spaces, lower case, between separators. */
  searchPinyin: string;
  /** Pinyin initials of every name, lower case, between separators. */
  searchInitials: string;
  /** Sort key: pinyin of the Chinese name, syllables separated by one space; other characters kept. */
  namePinyin: string;
}

let toSimplified: ((text: string) => string) | undefined;

/**
 * The form in which names are stored and queries compared: Unicode NFKC (full-width letters
 * become ASCII), traditional Chinese and Taiwan vocabulary converted to mainland simplified
 * (人工智慧 → 人工智能), lower case, control characters dropped, runs of spaces collapsed.
 * Both sides of a comparison go through it, so a conversion that rewrites a word rewrites it
 * the same way in the name and in the query.
 */
export function normalizeSearchText(text: string): string {
  toSimplified ??= loadOpenCC().Converter({ from: 'twp', to: 'cn' });
  const cleaned = text
    .normalize('NFKC')
    // eslint-disable-next-line no-control-regex -- control characters in submitted text become spaces, on purpose
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return toSimplified(cleaned).toLowerCase();
}

const LATIN = /^[a-z0-9]+$/;

/** Pinyin syllables of `text`, lower case; characters that are not Chinese are kept if alphanumeric, dropped otherwise. */
function syllables(text: string, pattern: 'pinyin' | 'first'): string[] {
  const parts = loadPinyin().pinyin(text.normalize('NFKC'), { toneType: 'none', type: 'array', pattern, nonZh: 'consecutive', v: true }) as string[];
  return parts.map((p) => p.toLowerCase().replace(/[^a-z0-9]/g, '')).filter((p) => p.length > 0 && LATIN.test(p));
}

/** Whether a string contains a Chinese character (CJK unified ideographs). */
export function hasChinese(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/**
 * Qingdao's administrative divisions as people drop their suffix in speech and abbreviations:
 * 崂山区人工智能产业园 is said 崂山人工智能产业园 and typed `lsrgzn`. Only these names are
 * shortened, so a word such as 区块链 (blockchain) is never mistaken for a district.
 */
const DIVISIONS = /山东省|青岛市|市南区|市北区|李沧区|崂山区|黄岛区|城阳区|即墨区|胶州市|平度市|莱西市|西海岸新区/g;

/** A name's spoken short form: each division without its suffix (青岛市崂山区… → 青岛崂山…); null when the name has none. */
export function shortName(name: string): string | null {
  const short = name.replace(DIVISIONS, (division) => division.slice(0, division.endsWith('新区') ? -2 : -1));
  return short !== name ? short : null;
}

function joinNames(names: string[]): string {
  return names.length ? `${SEARCH_SEPARATOR}${names.join(SEARCH_SEPARATOR)}${SEARCH_SEPARATOR}` : '';
}

/**
 * The search columns of a record with these names. Every writer of park, enterprise,
 * innovation_platform and scenario rows must store them: the entities do it in their
 * @BeforeCreate/@BeforeUpdate hooks; raw-SQL writers (imports, synthetic data) call this.
 * Polyphonic characters (多音字) are read in context by pinyin-pro (重庆 → chongqing, 银行 → yinhang).
 * Names that carry a Qingdao division are also stored in their short form ({@link shortName}).
 */
export function searchColumns(nameZh: string, nameEn?: string | null, aliases?: readonly string[] | null): SearchColumns {
  const given = [nameZh, nameEn ?? '', ...(aliases ?? [])].map((n) => n.trim()).filter((n) => n.length > 0);
  // Short forms (崂山人工智能产业园) are searchable like aliases, but never the sort key.
  const all = [...given, ...given.map(shortName).filter((n): n is string => n !== null)];
  const text = [...new Set(all.map(normalizeSearchText))];
  // One pinyin-pro call per Chinese name (the costly step, used by imports of 100k rows): the
  // initials are the first letters of the same syllables.
  const read = new Map(all.filter(hasChinese).map((n) => [n, syllables(n, 'pinyin')]));
  const full = [...new Set([...read.values()].map((s) => s.join('')).filter((s) => s.length > 0))];
  const initials = [...new Set([...read.values()].map((s) => s.map((x) => x[0]).join('')).filter((s) => s.length > 0))];
  return {
    searchText: joinNames(text),
    searchPinyin: joinNames(full),
    searchInitials: joinNames(initials),
    namePinyin: (read.get(nameZh.trim()) ?? syllables(nameZh, 'pinyin')).join(' '),
  };
}

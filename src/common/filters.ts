import { BadUserInputError } from './errors';
import { parseIntegerId } from './global-id';
import { escapeLike } from './sql';

export const MAX_FILTER_VALUES = 100;
export const MAX_SEARCH_LENGTH = 200;

/** A filter list with at most 100 values; an empty list is the same as no list. */
export function filterValues<T>(values: readonly T[] | null | undefined, field: string): T[] | null {
  if (!values || values.length === 0) return null;
  if (values.length > MAX_FILTER_VALUES) {
    throw new BadUserInputError(`Filter "${field}" has ${values.length} values; at most ${MAX_FILTER_VALUES} are allowed.`, { field });
  }
  return [...new Set(values)];
}

/** Global IDs in a filter list, decoded to local integer ids of `type`. */
export function filterIds(ids: readonly string[] | null | undefined, type: string, field: string): number[] | null {
  const values = filterValues(ids, field);
  return values ? values.map((id) => parseIntegerId(id, type, field)) : null;
}

/**
 * A search text: trimmed, not empty, at most 200 characters. Returns a LIKE pattern that matches
 * it literally as a substring.
 */
export function searchPattern(raw: string | null | undefined, field: string): string | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  if (text.length === 0) throw new BadUserInputError(`"${field}" must not be empty or only spaces.`, { field });
  if ([...text].length > MAX_SEARCH_LENGTH) {
    throw new BadUserInputError(`"${field}" is longer than ${MAX_SEARCH_LENGTH} characters.`, { field });
  }
  return `%${escapeLike(text.toLowerCase())}%`;
}

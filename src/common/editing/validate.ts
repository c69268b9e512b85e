import { creditCodeProblem, normalizeCreditCode } from '../credit-code';
import { UserErrors } from './user-error';

/**
 * Field checks shared by the mutations and the importer. Each returns the cleaned value (trimmed,
 * normalised) or records a user error at `path` and returns undefined. `undefined` input means
 * "not given" and passes through; `null` means "clear it" where the field is optional.
 */
export const MIN_YEAR = 1900;
export function maxYear(): number {
  return new Date().getFullYear() + 1;
}

const MAX_NAME = 200;
const MAX_TEXT = 5000;

export function requiredName(value: string | null | undefined, path: string[], errors: UserErrors): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = (value ?? '').trim();
  if (!trimmed) {
    errors.add(path, 'A name is required and must not be blank.');
    return undefined;
  }
  if (trimmed.length > MAX_NAME) {
    errors.add(path, `A name has at most ${MAX_NAME} characters; this one has ${trimmed.length}.`);
    return undefined;
  }
  return trimmed;
}

/** Optional text: trimmed; blank becomes null. */
export function optionalText(value: string | null | undefined, path: string[], errors: UserErrors, max = MAX_TEXT): string | null | undefined {
  if (value === undefined) return undefined;
  const trimmed = value?.trim() ?? '';
  if (!trimmed) return null;
  if (trimmed.length > max) {
    errors.add(path, `At most ${max} characters; this value has ${trimmed.length}.`);
    return undefined;
  }
  return trimmed;
}

export function creditCode(value: string | null | undefined, path: string[], errors: UserErrors): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || !value.trim()) return null;
  const code = normalizeCreditCode(value);
  const problem = creditCodeProblem(code);
  if (problem === 'LENGTH') errors.add(path, `A unified social credit code has 18 characters; "${code}" has ${code.length}.`);
  else if (problem === 'CHARACTERS')
    errors.add(path, `"${code}" is not a unified social credit code: 18 characters of 0-9 and A-Y without I, O, S, V, Z (GB 32100-2015).`);
  else if (problem === 'CHECK_CHARACTER') errors.add(path, `"${code}" has a wrong check character (the 18th); please check the code for a typo.`);
  return problem ? undefined : code;
}

export function url(value: string | null | undefined, path: string[], errors: UserErrors): string | null | undefined {
  if (value === undefined) return undefined;
  const trimmed = value?.trim() ?? '';
  if (!trimmed) return null;
  let parsed: URL | null;
  try {
    parsed = new URL(trimmed);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname.includes('.')) {
    errors.add(path, `"${trimmed}" is not a web address; expected one like https://www.example.com/.`);
    return undefined;
  }
  return trimmed;
}

export function year(value: number | null | undefined, path: string[], errors: UserErrors): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (!Number.isInteger(value) || value < MIN_YEAR || value > maxYear()) {
    errors.add(path, `A year between ${MIN_YEAR} and ${maxYear()} is expected, got ${value}.`);
    return undefined;
  }
  return value;
}

export function coordinate(value: number | null | undefined, kind: 'latitude' | 'longitude', path: string[], errors: UserErrors): number | null | undefined {
  if (value === undefined || value === null) return value;
  const limit = kind === 'latitude' ? 90 : 180;
  if (!Number.isFinite(value) || value < -limit || value > limit) {
    errors.add(path, `A ${kind} between -${limit} and ${limit} degrees (WGS84) is expected, got ${value}.`);
    return undefined;
  }
  return value;
}

export function aliasList(value: string[] | null | undefined, path: string[], errors: UserErrors): string[] | undefined {
  if (value === undefined) return undefined;
  const out: string[] = [];
  (value ?? []).forEach((alias, i) => {
    const trimmed = alias.trim();
    if (!trimmed) errors.add([...path, String(i)], 'An alias must not be blank.');
    else if (!out.includes(trimmed)) out.push(trimmed);
  });
  return out;
}

/** Largest amount of money a field takes, in yuan (10亿元): beyond it a typo is likelier than a real figure. */
export const MAX_YUAN = 1_000_000_000;

/**
 * An amount in yuan (元): finite, at most two decimals (分), not above {@link MAX_YUAN}; zero is
 * refused where `positive` (a grant of nothing), allowed otherwise (a budget not yet funded).
 */
export function yuan(value: number | null | undefined, path: string[], errors: UserErrors, positive: boolean): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (!Number.isFinite(value) || (positive ? value <= 0 : value < 0)) {
    errors.add(path, `An amount in yuan ${positive ? 'greater than 0' : 'of 0 or more'} is expected, got ${value}.`);
    return undefined;
  }
  if (value > MAX_YUAN) {
    errors.add(path, `An amount of at most ${MAX_YUAN} yuan (10亿元) is expected, got ${value}.`);
    return undefined;
  }
  if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) {
    errors.add(path, `Yuan amounts have at most two decimals (分), got ${value}.`);
    return undefined;
  }
  return Math.round(value * 100) / 100;
}

/** A calendar date (YYYY-MM-DD) in the years {@link year} accepts. */
export function date(value: Date | string | null | undefined, path: string[], errors: UserErrors): string | null | undefined {
  if (value === undefined || value === null) return value;
  const text = value instanceof Date ? (Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)) : String(value).trim();
  const y = Number(text.slice(0, 4));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || y < MIN_YEAR || y > maxYear()) {
    errors.add(path, `A date (YYYY-MM-DD) between ${MIN_YEAR} and ${maxYear()} is expected, got ${String(value)}.`);
    return undefined;
  }
  return text;
}

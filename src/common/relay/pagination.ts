import { BadUserInputError } from '../errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Largest `offset` a root list accepts: deep pages cost a scan, cursors do not. */
export const MAX_OFFSET = 10000;

/** Relay pagination arguments as the client sent them. */
export interface PaginationArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  /** Rows to skip before the page (root lists only); forward paging without a cursor. */
  offset?: number | null;
}

/** Validated pagination: which way to walk, how many rows, from which cursor. */
export interface Page {
  direction: 'forward' | 'backward';
  limit: number;
  cursor: string | null;
  /** Rows skipped before the page; 0 unless `offset` was given. */
  offset: number;
}

/**
 * Checks the arguments of a connection: `first` and `last` between 1 and 100, never together,
 * `after` only with forward paging and `before` only with backward paging. Defaults to the first 20.
 */
export function toPage(args: PaginationArgs): Page {
  const { first, after, last, before } = args;
  const offset = checkOffset(args);
  const hasFirst = first !== undefined && first !== null;
  const hasLast = last !== undefined && last !== null;
  if (hasFirst && hasLast) {
    throw new BadUserInputError('Pass either "first" or "last", not both.', { argument: 'first' });
  }
  if (hasLast || (before !== undefined && before !== null)) {
    if (after !== undefined && after !== null) {
      throw new BadUserInputError('"after" pages forward and "before" pages backward; pass one of them.', { argument: 'after' });
    }
    if (hasFirst) {
      throw new BadUserInputError('"before" goes with "last"; use "first" with "after" to page forward.', { argument: 'before' });
    }
    const limit = hasLast ? checkSize(last, 'last') : DEFAULT_PAGE_SIZE;
    return { direction: 'backward', limit, cursor: before ?? null, offset };
  }
  const limit = hasFirst ? checkSize(first, 'first') : DEFAULT_PAGE_SIZE;
  return { direction: 'forward', limit, cursor: after ?? null, offset };
}

/**
 * `offset` jumps to page N of a root list: 0 to 10000, forward only, never with a cursor (a
 * cursor already says where the page starts).
 */
function checkOffset(args: PaginationArgs): number {
  const { offset } = args;
  if (offset === undefined || offset === null) return 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
    throw new BadUserInputError(`"offset" must be between 0 and ${MAX_OFFSET}, got ${offset}.`, { argument: 'offset' });
  }
  if ((args.after ?? null) !== null || (args.before ?? null) !== null) {
    throw new BadUserInputError('"offset" cannot be combined with "after" or "before"; use one way of choosing the page.', { argument: 'offset' });
  }
  if (args.last !== undefined && args.last !== null) {
    throw new BadUserInputError('"offset" pages forward; use it with "first", not "last".', { argument: 'offset' });
  }
  return offset;
}

function checkSize(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`"${argument}" must be between 1 and ${MAX_PAGE_SIZE}, got ${value}.`, { argument });
  }
  return value;
}

/**
 * Cursors are opaque: base64url of JSON holding the ordering they belong to and the sort-key
 * values of the row. A cursor from another ordering or list is rejected, not misread.
 */
export function encodeCursor(ordering: string, values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify([ordering, ...values]), 'utf8').toString('base64url');
}

/** What a cursor value must be to be compared with its sort key in SQL. */
export type CursorKeyType = 'int' | 'bigint' | 'text';

const INT4 = 2147483647;

function fitsKey(value: unknown, type: CursorKeyType): boolean {
  switch (type) {
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= -INT4 - 1 && value <= INT4;
    case 'bigint':
      return typeof value === 'string' && /^-?\d{1,18}$/.test(value);
    case 'text':
      return typeof value === 'string' && !value.includes('\u0000');
  }
}

/**
 * The sort-key values of a cursor written for `ordering`, each checked against its key's type
 * (`keys`: one type per key, or only how many keys when any string or finite number will do).
 * A tampered cursor (a text where an integer belongs, `1e400`, a NUL) is a BAD_USER_INPUT naming
 * the argument, never a database error.
 */
export function decodeCursor(cursor: string, ordering: string, keys: number | readonly CursorKeyType[], argument: string): unknown[] {
  const arity = typeof keys === 'number' ? keys : keys.length;
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) throw new Error('shape');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== arity + 1 || parsed[0] !== ordering) {
    throw new BadUserInputError(`"${argument}" is not a cursor of this list in this order; use an endCursor or startCursor it returned.`, {
      argument,
      http: { status: 400 },
    });
  }
  const values = parsed.slice(1);
  const valid =
    typeof keys === 'number'
      ? values.every((v) => (typeof v === 'string' && !v.includes('\u0000')) || (typeof v === 'number' && Number.isFinite(v)))
      : values.every((v, i) => fitsKey(v, keys[i]));
  if (!valid) {
    throw new BadUserInputError(`"${argument}" is not a valid cursor of this list; use an endCursor or startCursor it returned.`, {
      argument,
      http: { status: 400 },
    });
  }
  return values;
}

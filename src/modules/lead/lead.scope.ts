import type { Caller } from '../../common/auth';
import { sql, SqlFragment } from '../../common/sql';

/**
 * Which parks' leads a caller may see: every park for an admin key, a promoter key's own parks,
 * and none for anyone else (anonymous, reader, editor). The one place lead visibility is decided:
 * every read and write of a lead goes through {@link scopeCondition}, so a lead outside the scope
 * answers exactly as a lead that does not exist.
 */
export type LeadScope = { all: true } | { all: false; parkIds: readonly number[] };

export function leadScopeOf(caller: Caller | null): LeadScope {
  if (caller?.role === 'admin') return { all: true };
  if (caller?.role === 'promoter') return { all: false, parkIds: caller.parkIds };
  return { all: false, parkIds: [] };
}

/** Whether the scope covers `parkId`. */
export function scopeCovers(scope: LeadScope, parkId: number): boolean {
  return scope.all || scope.parkIds.includes(parkId);
}

/**
 * The SQL condition "the park column is in scope". Always one parameterised comparison (an empty
 * array for no park), so an out-of-scope read runs the same statement as a read of a missing id.
 */
export function scopeCondition(scope: LeadScope, parkColumn: SqlFragment): SqlFragment {
  if (scope.all) return sql`true`;
  return sql`${parkColumn} = any(${`{${scope.parkIds.join(',')}}`}::int[])`;
}

/** The scope as the list filter's park restriction: null for all parks. */
export function scopeParkIds(scope: LeadScope): readonly number[] | null {
  return scope.all ? null : scope.parkIds;
}

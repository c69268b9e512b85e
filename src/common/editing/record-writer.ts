import { withCacheInvalidation } from '../cache-invalidation';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../context';
import { toGlobalId } from '../global-id';
import { ProvenanceKind } from '../provenance';
import { refreshSearchColumns, touchesSearchColumns } from '../search-columns';
import { Actor, FieldChanges, pgArray, writeAudit } from './audit';
import { UserError, UserErrorCode, UserErrors, UserErrorsAbort } from './user-error';

/** A table that mutations write: its global-ID type and the fields a client may set. */
export interface EditableTable {
  type: string;
  table: string;
  /** GraphQL field names; the column is the snake_case form (nameZh → name_zh). */
  fields: readonly string[];
  /** Builds the row's columns from cleaned field values, when more than snake_casing is needed. */
  toRow?(values: Values): Values;
}

export type Values = Record<string, unknown>;

/** A placeholder and parameter for `value`: arrays travel as PostgreSQL array literals. */
export function param(value: unknown): [string, unknown] {
  if (Array.isArray(value)) return ['?::text[]', pgArray(value.map(String))];
  return ['?', value];
}

export function column(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The writer of a mutation: the key that signed the request (authChecker made sure there is one). */
export function actorOf(ctx: Context): Actor {
  if (!ctx.caller) throw new Error('a write without a caller reached a resolver: is @Authorized missing?');
  return { keyId: ctx.caller.keyId, name: ctx.caller.name };
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Provenance columns of a record entered through the API by `actor`. */
export function userEnteredProvenance(actor: Actor): Values {
  return {
    provenance_kind: ProvenanceKind.USER_ENTERED,
    provenance_source: actor.name,
    provenance_url: null,
    provenance_verified_at: today(),
    provenance_note: null,
  };
}

/**
 * Runs one mutation in its own EntityManager fork and its own transaction (aliased root fields
 * of one request must not share a fork: MikroORM issue 6916). User errors found before or during
 * the write roll everything back and come back as the payload's userErrors.
 */
export async function runWrite<T>(ctx: Context, write: (tx: SqlEntityManager, errors: UserErrors) => Promise<T>): Promise<{ result: T | null; userErrors: UserError[] }> {
  const em = ctx.em.fork();
  const errors = new UserErrors();
  try {
    // Cached answers that read the written tables go stale once the transaction has committed.
    const result = await withCacheInvalidation(() =>
      em.transactional(async (tx) => {
        const value = await write(tx as SqlEntityManager, errors);
        if (!errors.empty) throw new UserErrorsAbort(errors.list);
        return value;
      }),
    );
    return { result, userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrorsAbort) return { result: null, userErrors: error.errors };
    // Two writers racing for one unique value: the checks passed for both, the database stopped one.
    if (error instanceof UniqueConstraintViolationException) {
      errors.add(['input'], 'Another record was just saved with the same unique value (e.g. credit code); re-read and retry.', UserErrorCode.DUPLICATE);
      return { result: null, userErrors: errors.list.slice(-1) };
    }
    throw error;
  }
}

/** Stops the write with the errors collected so far, if any. */
export function abortIfErrors(errors: UserErrors): void {
  if (!errors.empty) throw new UserErrorsAbort(errors.list);
}

export async function selectRow(tx: SqlEntityManager, table: string, id: number, lock = false): Promise<Values | null> {
  const rows = (await tx.execute(`select * from "${table}" where id = ?${lock ? ' for update' : ''}`, [id])) as Values[];
  return rows[0] ?? null;
}

/** Inserts a record with USER_ENTERED provenance and audits its creation. Returns its id. */
export async function insertRecord(tx: SqlEntityManager, spec: EditableTable, values: Values, actor: Actor): Promise<number> {
  const given = spec.fields.filter((f) => values[f] !== undefined);
  const row: Values = spec.toRow ? spec.toRow(values) : Object.fromEntries(given.map((f) => [column(f), values[f]]));
  Object.assign(row, userEnteredProvenance(actor));
  const cols = Object.keys(row);
  const [{ id }] = (await tx.execute(
    `insert into "${spec.table}" (${cols.map((c) => `"${c}"`).join(', ')}) values (${cols.map((c) => param(row[c])[0]).join(', ')}) returning id`,
    cols.map((c) => param(row[c])[1]),
  )) as Array<{ id: number }>;
  await refreshSearchColumns(tx, spec.table, [id]);
  const changes: FieldChanges = {};
  for (const f of given) changes[f] = { before: null, after: values[f] };
  await writeAudit(tx, actor, [{ action: 'CREATE', recordType: spec.type, recordId: toGlobalId(spec.type, id), changes }]);
  return id;
}

export type UpdateOutcome = { id: number; version: number; changed: boolean };

/**
 * Applies `values` to the record if it is still at `expectedVersion`. The row is locked first, so
 * of two editors starting from the same version exactly one writes; the other gets CONFLICT with
 * the version it must re-read. Only fields that really change are written and audited; an update
 * that changes nothing writes nothing. The record's provenance becomes USER_ENTERED by the key,
 * and the note keeps where the record came from before.
 */
export async function updateRecord(
  tx: SqlEntityManager,
  spec: EditableTable,
  id: number,
  expectedVersion: number,
  values: Values,
  actor: Actor,
  errors: UserErrors,
  idPath: string[] = ['input', 'id'],
): Promise<UpdateOutcome> {
  const before = await selectRow(tx, spec.table, id, true);
  if (!before) {
    errors.add(idPath, `No ${spec.type} has this ID (it may have been deleted).`, UserErrorCode.NOT_FOUND);
    throw new UserErrorsAbort(errors.list);
  }
  const version = Number(before.version);
  if (version !== expectedVersion) {
    errors.add(
      ['input', 'expectedVersion'],
      `The ${spec.type} was changed by someone else: it is at version ${version}, you edited version ${expectedVersion}. Re-read it and apply your change again.`,
      UserErrorCode.CONFLICT,
      { currentVersion: version },
    );
    throw new UserErrorsAbort(errors.list);
  }
  const changes: FieldChanges = {};
  const set: Values = {};
  for (const f of spec.fields) {
    if (values[f] === undefined) continue;
    const old = before[column(f)] ?? null;
    if (sameValue(old, values[f])) continue;
    changes[f] = { before: old, after: values[f] };
    set[column(f)] = values[f];
  }
  if (Object.keys(set).length === 0) return { id, version, changed: false };

  Object.assign(set, correctedProvenance(before, actor));
  changes.provenance = {
    before: { kind: before.provenance_kind, source: before.provenance_source },
    after: { kind: set.provenance_kind, source: set.provenance_source },
  };
  const cols = Object.keys(set);
  const updated = (await tx.execute(
    `update "${spec.table}" set ${cols.map((c) => `"${c}" = ${param(set[c])[0]}`).join(', ')}, version = version + 1, updated_at = now()
      where id = ? and version = ? returning version`,
    [...cols.map((c) => param(set[c])[1]), id, expectedVersion],
  )) as Array<{ version: number }>;
  if (updated.length !== 1) throw new Error(`update of ${spec.type} ${id} matched ${updated.length} rows despite the row lock`);
  if (touchesSearchColumns(cols)) await refreshSearchColumns(tx, spec.table, [id]);
  await writeAudit(tx, actor, [{ action: 'UPDATE', recordType: spec.type, recordId: toGlobalId(spec.type, id), changes }]);
  return { id, version: Number(updated[0].version), changed: true };
}

/**
 * Provenance after a correction through the API: the record is now vouched for by the key that
 * changed it (USER_ENTERED), dated today; the note records the earlier source, once.
 */
function correctedProvenance(before: Values, actor: Actor): Values {
  const next = userEnteredProvenance(actor);
  if (before.provenance_kind === ProvenanceKind.USER_ENTERED) {
    next.provenance_note = before.provenance_note ?? null;
    next.provenance_url = before.provenance_url ?? null;
  } else {
    const earlier = [before.provenance_source, before.provenance_url].filter(Boolean).join(' ');
    next.provenance_note = `经 ${actor.name} 更正 Corrected by ${actor.name}; 原来源 earlier source (${before.provenance_kind}): ${earlier}`;
  }
  return next;
}

/** Deletes a record (its pivots go by ON DELETE CASCADE) and audits what it held. */
export async function deleteRecord(tx: SqlEntityManager, spec: EditableTable, id: number, actor: Actor, extra: FieldChanges = {}): Promise<void> {
  const before = await selectRow(tx, spec.table, id, true);
  if (!before) return;
  const changes: FieldChanges = { ...extra };
  for (const f of spec.fields) changes[f] = { before: before[column(f)] ?? null, after: null };
  await tx.execute(`delete from "${spec.table}" where id = ?`, [id]);
  await writeAudit(tx, actor, [{ action: 'DELETE', recordType: spec.type, recordId: toGlobalId(spec.type, id), changes }]);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

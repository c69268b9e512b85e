import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { toGlobalId } from '../global-id';
import { refreshSearchColumns, touchesSearchColumns } from '../search-columns';
import { runSql, sql, SqlFragment } from '../sql';
import { Actor, FieldChanges, writeAudit } from './audit';
import { column, EditableTable, Values } from './editable-table';
import { UserErrorCode, UserErrors, UserErrorsAbort } from './user-error';
import { correctedProvenance, userEnteredProvenance } from './write-provenance';

// The writer's other jobs live beside it; these names are re-exported for existing imports.
export { column, type EditableTable, type Values } from './editable-table';
export { abortIfErrors, actorOf, runWrite } from './write-transaction';
export { today, userEnteredProvenance } from './write-provenance';

/** A value as a parameter: arrays travel as one PostgreSQL text-array literal. */
export function param(value: unknown): SqlFragment {
  return Array.isArray(value) ? sql.array(value.map(String), 'text') : sql.value(value);
}

/** The row with primary key `id`, locked for the transaction when `lock`. */
export async function selectRow(tx: SqlEntityManager, table: string, id: number, lock = false): Promise<Values | null> {
  const rows = await runSql<Values>(tx, sql`select * from ${sql.ident(table)} where id = ${id}${lock ? sql` for update` : sql.empty}`);
  return rows[0] ?? null;
}

/** `"a" = ?, "b" = ?` for a SET clause. */
function assignments(set: Values): SqlFragment {
  return sql.join(
    Object.keys(set).map((c) => sql`${sql.ident(c)} = ${param(set[c])}`),
    ', ',
  );
}

/** Inserts a record with USER_ENTERED provenance and audits its creation. Returns its id. */
export async function insertRecord(tx: SqlEntityManager, spec: EditableTable, values: Values, actor: Actor): Promise<number> {
  const given = spec.fields.filter((f) => values[f] !== undefined);
  const row: Values = spec.toRow ? spec.toRow(values) : Object.fromEntries(given.map((f) => [column(f), values[f]]));
  Object.assign(row, userEnteredProvenance(actor));
  const cols = Object.keys(row);
  const [{ id }] = await runSql<{ id: number }>(
    tx,
    sql`insert into ${sql.ident(spec.table)} (${sql.join(
      cols.map((c) => sql.ident(c)),
      ', ',
    )})
        values (${sql.join(
          cols.map((c) => param(row[c])),
          ', ',
        )}) returning id`,
  );
  if (spec.searchable) await refreshSearchColumns(tx, { table: spec.table, ...spec.searchable }, [id]);
  const changes: FieldChanges = {};
  for (const f of given) changes[f] = { before: null, after: values[f] };
  await writeAudit(tx, actor, [{ action: 'CREATE', recordType: spec.type, recordId: toGlobalId(spec.type, id), changes }]);
  return id;
}

export type UpdateOutcome = { id: number; version: number; changed: boolean };

/** One update: which record, the version the editor started from, the cleaned values, who and where errors go. */
export interface RecordUpdate {
  id: number;
  expectedVersion: number;
  values: Values;
  actor: Actor;
  errors: UserErrors;
  /** Field path of the record's ID in the input, for NOT_FOUND. */
  idPath?: string[];
}

/** The row at `id`, locked, if it is still at `expectedVersion`; otherwise NOT_FOUND or CONFLICT. */
export async function lockAtVersion(tx: SqlEntityManager, spec: EditableTable, update: RecordUpdate): Promise<Values> {
  const { id, expectedVersion, errors } = update;
  const before = await selectRow(tx, spec.table, id, true);
  if (!before) {
    errors.add(update.idPath ?? ['input', 'id'], `No ${spec.type} has this ID (it may have been deleted).`, UserErrorCode.NOT_FOUND);
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
  return before;
}

/**
 * Applies `update.values` to the record if it is still at `expectedVersion`. The row is locked
 * first, so of two editors starting from the same version exactly one writes; the other gets
 * CONFLICT with the version it must re-read. Only fields that really change are written and
 * audited; an update that changes nothing writes nothing. The record's provenance becomes
 * USER_ENTERED by the key, and the note keeps where the record came from before.
 */
export async function updateRecord(tx: SqlEntityManager, spec: EditableTable, update: RecordUpdate): Promise<UpdateOutcome> {
  const { id, expectedVersion, values, actor } = update;
  const before = await lockAtVersion(tx, spec, update);
  const changes: FieldChanges = {};
  const set: Values = {};
  for (const f of spec.fields) {
    if (values[f] === undefined) continue;
    const old = before[column(f)] ?? null;
    if (sameValue(old, values[f])) continue;
    changes[f] = { before: old, after: values[f] };
    set[column(f)] = values[f];
  }
  if (Object.keys(set).length === 0) return { id, version: expectedVersion, changed: false };

  Object.assign(set, correctedProvenance(before, actor));
  changes.provenance = {
    before: { kind: before.provenance_kind, source: before.provenance_source },
    after: { kind: set.provenance_kind, source: set.provenance_source },
  };
  const updated = await runSql<{ version: number }>(
    tx,
    sql`update ${sql.ident(spec.table)} set ${assignments(set)}, version = version + 1, updated_at = now()
         where id = ${id} and version = ${expectedVersion} returning version`,
  );
  if (updated.length !== 1) throw new Error(`update of ${spec.type} ${id} matched ${updated.length} rows despite the row lock`);
  if (spec.searchable && touchesSearchColumns(Object.keys(set))) await refreshSearchColumns(tx, { table: spec.table, ...spec.searchable }, [id]);
  await writeAudit(tx, actor, [{ action: 'UPDATE', recordType: spec.type, recordId: toGlobalId(spec.type, id), changes }]);
  return { id, version: Number(updated[0].version), changed: true };
}

/**
 * Records a change to rows a record owns (value objects such as a facility's capacities) as a
 * change of the record: its version goes up, so an editor holding the old version gets CONFLICT,
 * and one UPDATE audit entry carries `changes`. The record's own provenance is left as it is: the
 * owned rows carry their own. Call it after {@link lockAtVersion} in the same transaction.
 */
export async function bumpVersion(tx: SqlEntityManager, spec: EditableTable, id: number, actor: Actor, changes: FieldChanges): Promise<number> {
  const [row] = await runSql<{ version: number }>(
    tx,
    sql`update ${sql.ident(spec.table)} set version = version + 1, updated_at = now() where id = ${id} returning version`,
  );
  await writeAudit(tx, actor, [{ action: 'UPDATE', recordType: spec.type, recordId: toGlobalId(spec.type, id), changes }]);
  return Number(row.version);
}

/** Deletes a record (its pivots go by ON DELETE CASCADE) and audits what it held. */
export async function deleteRecord(tx: SqlEntityManager, spec: EditableTable, id: number, actor: Actor, extra: FieldChanges = {}): Promise<void> {
  const before = await selectRow(tx, spec.table, id, true);
  if (!before) return;
  const changes: FieldChanges = { ...extra };
  for (const f of spec.fields) changes[f] = { before: before[column(f)] ?? null, after: null };
  await runSql(tx, sql`delete from ${sql.ident(spec.table)} where id = ${id}`);
  await writeAudit(tx, actor, [{ action: 'DELETE', recordType: spec.type, recordId: toGlobalId(spec.type, id), changes }]);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

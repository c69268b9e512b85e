import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { tableOf } from '../entity-type';
import type { Context } from '../context';
import { decodeGlobalId, toGlobalId } from '../global-id';
import { runSql, sql, SqlFragment } from '../sql';
import { Actor, FieldChanges, writeAudit } from './audit';
import type { Dependants, EditingSpec } from './editable-table';
import { deleteRecord, insertRecord, selectRow, updateRecord } from './record-writer';
import { UserError, UserErrorCode, UserErrors } from './user-error';
import { abortIfErrors, actorOf, runWrite } from './write-transaction';

export type { Dependants, EditingRules, EditingSpec } from './editable-table';

export interface RecordPayload<T> {
  record: T | null;
  userErrors: UserError[];
}

/** The local id a global ID names, or a userError at `path`. */
export function localIdOf(id: string, type: string, path: string[], errors: UserErrors): number | null {
  const decoded = decodeGlobalId(id);
  const n = decoded && decoded.type === type ? Number(decoded.localId) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    errors.add(path, `Expected the ID of a ${type}${decoded ? `, got the ID of a ${decoded.type}` : ''}.`);
    return null;
  }
  return n;
}

async function readBack<T extends object>(tx: SqlEntityManager, spec: EditingSpec<T, unknown, unknown>, id: number): Promise<T> {
  const row = await selectRow(tx, spec.table, id);
  return tx.map(spec.entity, row as never);
}

/** Creates a record from a validated input, with its relations and an audit entry, in one transaction. */
export async function createWith<T extends object, C>(ctx: Context, spec: EditingSpec<T, C, unknown>, input: C): Promise<RecordPayload<T>> {
  const actor = actorOf(ctx);
  const { result, userErrors } = await runWrite(ctx, async (tx, errors) => {
    const values = await spec.validateCreate(tx, input, errors);
    abortIfErrors(errors);
    const id = await insertRecord(tx, spec, values, actor);
    if (spec.afterCreate) {
      const related = await spec.afterCreate(tx, id, input, errors);
      abortIfErrors(errors);
      if (Object.keys(related).length) {
        await writeAudit(tx, actor, [{ action: 'LINK', recordType: spec.type, recordId: toGlobalId(spec.type, id), changes: related }]);
      }
    }
    return readBack(tx, spec, id);
  });
  return { record: result, userErrors };
}

/** Updates a record if it is still at input.expectedVersion (else CONFLICT), in one transaction. */
export async function updateWith<T extends object, U extends { id: string; expectedVersion: number }>(
  ctx: Context,
  spec: EditingSpec<T, unknown, U>,
  input: U,
): Promise<RecordPayload<T>> {
  const actor = actorOf(ctx);
  const { result, userErrors } = await runWrite(ctx, async (tx, errors) => {
    const id = localIdOf(input.id, spec.type, ['input', 'id'], errors);
    abortIfErrors(errors);
    const values = await spec.validateUpdate(tx, input, id!, errors);
    abortIfErrors(errors);
    await updateRecord(tx, spec, { id: id!, expectedVersion: input.expectedVersion, values, actor, errors });
    return readBack(tx, spec, id!);
  });
  return { record: result, userErrors };
}

/**
 * Deletes a record. When others depend on it the delete is refused with HAS_DEPENDANTS naming
 * them, unless `detach` is true: then they are unlinked first, in the same transaction.
 */
export async function deleteWith<T extends object>(
  ctx: Context,
  spec: EditingSpec<T, unknown, unknown>,
  globalId: string,
  detach: boolean,
  idPath: string[] = ['id'],
): Promise<{ deletedId: string | null; userErrors: UserError[] }> {
  const actor: Actor = actorOf(ctx);
  const { result, userErrors } = await runWrite(ctx, async (tx, errors) => {
    const id = localIdOf(globalId, spec.type, idPath, errors);
    abortIfErrors(errors);
    const row = await selectRow(tx, spec.table, id!, true);
    if (!row) {
      errors.add(idPath, `No ${spec.type} has this ID (it may already have been deleted).`, UserErrorCode.NOT_FOUND);
      abortIfErrors(errors);
    }
    let extra: FieldChanges = {};
    const dependants = (await spec.dependants?.(tx, id!))?.filter((d) => d.count > 0) ?? [];
    if (dependants.length && !detach) {
      const listed = dependants.map((d) => `${d.count} ${d.relation} (${d.names.join('、')}${d.count > d.names.length ? ' …' : ''})`).join('; ');
      errors.add(
        idPath,
        `“${String(row!.name_zh)}” cannot be deleted while other records depend on it: ${listed}. Pass detach: true to unlink them and delete.`,
        UserErrorCode.HAS_DEPENDANTS,
      );
      abortIfErrors(errors);
    }
    if (spec.ownedRows) extra = await spec.ownedRows(tx, id!);
    if (dependants.length && spec.detach) extra = { ...extra, ...(await spec.detach(tx, id!)) };
    await deleteRecord(tx, spec, id!, actor, extra);
    return globalId;
  });
  return { deletedId: result, userErrors };
}

/** Up to `limit` names and the count of rows a query (selecting `name_zh`) finds, for {@link Dependants}. */
export async function namedDependants(tx: SqlEntityManager, relation: string, query: SqlFragment, limit = 5): Promise<Dependants> {
  const rows = await runSql<{ name_zh: string; n: number }>(
    tx,
    sql`select name_zh, count(*) over ()::int as n from (${query}) d order by name_zh limit ${limit}`,
  );
  return { relation, count: rows[0]?.n ?? 0, names: rows.map((r) => r.name_zh) };
}

/** The local id of an optional reference field (e.g. parkId), checked to exist; null clears it. */
export async function referenceId(
  tx: SqlEntityManager,
  globalId: string | null | undefined,
  other: EntityClass<object>,
  path: string[],
  errors: UserErrors,
): Promise<number | null | undefined> {
  if (globalId === undefined || globalId === null) return globalId;
  // Every Node type's GraphQL name is its entity class's name.
  const [type, table] = [other.name, tableOf(other)];
  const id = localIdOf(globalId, type, path, errors);
  if (id === null) return undefined;
  const rows = await runSql(tx, sql`select 1 as x from ${sql.ident(table)} where id = ${id}`);
  if (!rows.length) {
    errors.add(path, `No ${type} has this ID.`, UserErrorCode.NOT_FOUND);
    return undefined;
  }
  return id;
}

/**
 * Links a new record to others given in its create input (e.g. a platform's hosts), checking
 * each ID; returns the audit change. `others` are global IDs of `type`, or codes when `codes`.
 */
export async function linkOnCreate(
  tx: SqlEntityManager,
  link: { pivot: string; ownColumn: string; otherColumn: string; other: EntityClass<object>; field: string; codes?: boolean },
  ownId: number,
  others: readonly string[] | null | undefined,
  errors: UserErrors,
): Promise<FieldChanges> {
  if (!others?.length) return {};
  const keys: Array<number | string> = [];
  for (const [i, other] of others.entries()) {
    const path = ['input', link.field, String(i)];
    const key = link.codes ? other : await referenceId(tx, other, link.other, path, errors);
    if (key !== undefined && key !== null && !keys.includes(key)) keys.push(key);
  }
  if (!errors.empty || !keys.length) return {};
  await runSql(
    tx,
    sql`insert into ${sql.ident(link.pivot)} (${sql.ident(link.ownColumn)}, ${sql.ident(link.otherColumn)})
        select ${ownId}, unnest(${sql.array(keys, link.codes ? 'text' : 'int')}) on conflict do nothing`,
  );
  return { [link.field]: { before: null, after: link.codes ? keys : keys.map((k) => toGlobalId(link.other.name, k)) } };
}

/** What a delete mutation's `input` carries. */
export interface DeleteInputShape {
  id: string;
  detach?: boolean | null;
}

/**
 * A delete mutation called either the current way, with one `input`, or the 0.1.0 way, with the
 * (deprecated) `id` and `detach` arguments. Exactly one way per call: mixing them is a
 * BAD_USER_INPUT user error rather than a guess at what the caller meant.
 */
export async function deleteFromArguments<T extends object>(
  ctx: Context,
  spec: EditingSpec<T, unknown, unknown>,
  args: { id?: string | null; detach?: boolean | null; input?: DeleteInputShape | null },
): Promise<{ deletedId: string | null; userErrors: UserError[] }> {
  const { id, detach, input } = args;
  const errors = new UserErrors();
  if (input && (id != null || detach)) {
    errors.add(['input'], 'Send the record to delete either as input (preferred) or as the deprecated id/detach arguments, not both.');
  } else if (!input && id == null) {
    errors.add(['input'], 'Send input: { id } naming the record to delete.');
  }
  if (!errors.empty) return { deletedId: null, userErrors: errors.list };
  if (input) return deleteWith(ctx, spec, input.id, input.detach ?? false, ['input', 'id']);
  return deleteWith(ctx, spec, id!, detach ?? false, ['id']);
}

import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../context';
import { toGlobalId } from '../global-id';
import { writeAudit } from './audit';
import { runSql, sql } from '../sql';
import { abortIfErrors, actorOf, runWrite } from './write-transaction';
import { UserError, UserErrorCode, UserErrors } from './user-error';

/** One side of a many-to-many link: the record type, its table and key, the pivot column. */
export interface LinkEnd {
  type: string;
  table: string;
  key: 'id' | 'code';
  pivotColumn: string;
  /** Input field naming this side, for userError paths. */
  field: string;
}

/** A relation editable by link/unlink mutations, e.g. firm ↔ park (pivot enterprise_park). */
export interface RelationSpec {
  /** Field name in audit entries of the left record, e.g. "parks". */
  name: string;
  /** Field name in audit entries of the right record, e.g. "enterprises". */
  inverseName: string;
  pivot: string;
  left: LinkEnd;
  right: LinkEnd;
}

/**
 * Adds or removes one link in its own transaction and audits it on both records. Linking what is
 * already linked (or unlinking what is not) changes nothing and returns changed: false. Links do
 * not bump the records' versions: they are set operations that cannot lose another's edit.
 */
export async function setLink(
  ctx: Context,
  spec: RelationSpec,
  { leftKey, rightKey }: { leftKey: number | string | null; rightKey: number | string | null },
  link: boolean,
  parseErrors: UserErrors,
): Promise<{ changed: boolean; userErrors: UserError[] }> {
  if (!parseErrors.empty) return { changed: false, userErrors: parseErrors.list };
  const actor = actorOf(ctx);
  const { result, userErrors } = await runWrite(ctx, async (tx, errors) => {
    await requireExists(tx, spec.left, leftKey!, errors);
    await requireExists(tx, spec.right, rightKey!, errors);
    abortIfErrors(errors);
    const { left, right, pivot } = spec;
    const [table, leftColumn, rightColumn] = [sql.ident(pivot), sql.ident(left.pivotColumn), sql.ident(right.pivotColumn)];
    const rows = await runSql(
      tx,
      link
        ? sql`insert into ${table} (${leftColumn}, ${rightColumn}) values (${leftKey}, ${rightKey}) on conflict do nothing returning 1 as x`
        : sql`delete from ${table} where ${leftColumn} = ${leftKey} and ${rightColumn} = ${rightKey} returning 1 as x`,
    );
    if (rows.length === 0) return false;
    const leftId = toGlobalId(left.type, leftKey!);
    const rightId = toGlobalId(right.type, rightKey!);
    const action = link ? 'LINK' : 'UNLINK';
    const change = (other: string) => (link ? { before: null, after: other } : { before: other, after: null });
    await writeAudit(tx, actor, [
      { action, recordType: left.type, recordId: leftId, changes: { [spec.name]: change(rightId) } },
      { action, recordType: right.type, recordId: rightId, changes: { [spec.inverseName]: change(leftId) } },
    ]);
    return true;
  });
  return { changed: result ?? false, userErrors };
}

async function requireExists(tx: SqlEntityManager, end: LinkEnd, key: number | string, errors: UserErrors): Promise<void> {
  const rows = await runSql(tx, sql`select 1 as x from ${sql.ident(end.table)} where ${sql.ident(end.key)} = ${key}`);
  if (rows.length === 0) errors.add(['input', end.field], `No ${end.type} has this ${end.key === 'id' ? 'ID' : 'code'}.`, UserErrorCode.NOT_FOUND);
}

import type { Context } from '../../common/context';
import { decodeGlobalId } from '../../common/global-id';
import { BadUserInputError } from '../../common/errors';
import type { Connection } from '../../common/relay/connection.types';
import { decodeCursor, encodeCursor, toPage } from '../../common/relay/pagination';
import { AuditEntry } from './audit-entry.entity';

const ORDERING = 'audit:id';

export interface AuditLogArgs {
  recordId?: string | null;
  batchId?: string | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * The audit trail in the order it was written (oldest first), optionally for one record or one
 * import batch. Keyset-paged on the entry id both ways (first/after, last/before): one statement
 * for the page, one for the count.
 */
export async function auditLog(ctx: Context, args: AuditLogArgs): Promise<Connection<AuditEntry>> {
  const page = toPage({ first: args.first, after: args.after, last: args.last, before: args.before });
  const knex = ctx.em.getKnex();
  const base = knex('audit_entry as a');
  if (args.recordId != null) {
    if (!decodeGlobalId(args.recordId)) throw new BadUserInputError('Argument "recordId": expected the ID of a directory record.', { argument: 'recordId' });
    base.where('a.record_id', args.recordId);
  }
  if (args.batchId != null) {
    if (!/^[0-9a-f-]{36}$/i.test(args.batchId)) throw new BadUserInputError('Argument "batchId": expected an import batch ID.', { argument: 'batchId' });
    base.where('a.batch_id', args.batchId);
  }
  const backward = page.direction === 'backward';
  // Backward pages are read newest first from the cursor, then put back in log order.
  const rowsQuery = base
    .clone()
    .select('a.*')
    .orderBy('a.id', backward ? 'desc' : 'asc')
    .limit(page.limit + 1);
  if (page.cursor) {
    const [cursorId] = decodeCursor(page.cursor, ORDERING, ['bigint'], backward ? 'before' : 'after');
    rowsQuery.where('a.id', backward ? '<' : '>', String(cursorId));
  }
  const [rows, [{ n }]] = await Promise.all([
    ctx.em.execute(rowsQuery) as Promise<Record<string, unknown>[]>,
    ctx.em.execute(base.clone().select(knex.raw('count(*)::int as n'))) as Promise<Array<{ n: number }>>,
  ]);
  const more = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  if (backward) pageRows.reverse();
  const edges = pageRows.map((row) => {
    const entry = ctx.em.map(AuditEntry, row);
    return { cursor: encodeCursor(ORDERING, [String(row.id)]), node: entry };
  });
  return {
    edges,
    totalCount: Number(n),
    pageInfo: {
      hasNextPage: backward ? Boolean(page.cursor) : more,
      hasPreviousPage: backward ? more : Boolean(page.cursor),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

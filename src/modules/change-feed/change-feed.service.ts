import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../../common/auth';
import { BadUserInputError } from '../../common/errors';
import type { Connection } from '../../common/relay/connection.types';
import { decodeCursor, encodeCursor, toPage } from '../../common/relay/pagination';
import { pgArray } from '../../common/editing/audit';
import type { Change } from './change.types';
import { ChangeAction, eventTypesFor, expandEventTypes, readableRecordTypes, unknownEventTypeMessage } from './event-types';

/** Cursors of the feed: the commit sequence of the transaction, then the entry's id within it. */
const ORDERING = 'changes:commit';

/** A position in the feed; (0, 0) is before the first change. */
export interface FeedPosition {
  seq: string;
  id: string;
}

export const FEED_START: FeedPosition = { seq: '0', id: '0' };

export function encodeFeedCursor(position: FeedPosition): string {
  return encodeCursor(ORDERING, [position.seq, position.id]);
}

/** The position a feed cursor names; BAD_USER_INPUT (naming `argument`) when it is not one. */
export function decodeFeedCursor(cursor: string, argument = 'after'): FeedPosition {
  const [seq, id] = decodeCursor(cursor, ORDERING, 2, argument).map(String);
  if (!/^\d{1,19}$/.test(seq) || !/^\d{1,19}$/.test(id)) throw new BadUserInputError(`"${argument}" is not a valid cursor of the change feed.`, { argument });
  return { seq, id };
}

interface FeedRow {
  id: string;
  seq: string;
  action: ChangeAction;
  record_type: string;
  record_id: string;
  changes: Record<string, { before: unknown; after: unknown }>;
  batch_id: string | null;
  committed_at: Date | string;
}

function toChange(row: FeedRow): Change {
  const changes = typeof row.changes === 'string' ? (JSON.parse(row.changes) as FeedRow['changes']) : row.changes;
  return {
    cursor: encodeFeedCursor({ seq: String(row.seq), id: String(row.id) }),
    eventType: `${row.record_type}.${row.action}`,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    changedFields: Object.keys(changes),
    changes,
    committedAt: new Date(row.committed_at),
    batchId: row.batch_id,
  };
}

const FEED_COLUMNS = `a.id::text as id, c.seq::text as seq, a.action, a.record_type, a.record_id, a.changes, a.batch_id::text as batch_id, c.committed_at
  from change_commit c join audit_entry a on a.xact = c.xact`;

/**
 * Reads committed changes after `after`, in commit order, limited to `eventTypes` (already
 * expanded and checked). Every change a transaction made shares its commit sequence number, so
 * the order is (commit sequence, entry id); see Migration20261202120000 for why that order never
 * lets a later commit slip in behind a cursor.
 *
 * Two statements at most: the rest of the cursor's own transaction (an index range on
 * (xact, id), so a page inside a 100,000-row import reads one page), then later transactions.
 */
export async function readFeed(
  em: SqlEntityManager,
  after: FeedPosition,
  eventTypes: readonly string[],
  limit: number,
): Promise<Array<Change & { position: FeedPosition }>> {
  const types = pgArray([...eventTypes]);
  const matching = `(a.record_type || '.' || a.action) = any(?::text[])`;
  const rows: FeedRow[] = [];
  if (after.seq !== '0') {
    rows.push(
      ...((await em.execute(`select ${FEED_COLUMNS} where c.seq = ? and a.id > ? and ${matching} order by a.id limit ?`, [
        after.seq,
        after.id,
        types,
        limit,
      ])) as FeedRow[]),
    );
  }
  if (rows.length < limit) {
    rows.push(
      ...((await em.execute(`select ${FEED_COLUMNS} where c.seq is not null and c.seq > ? and ${matching} order by c.seq, a.id limit ?`, [
        after.seq,
        types,
        limit - rows.length,
      ])) as FeedRow[]),
    );
  }
  return rows.map((row) => ({ ...toChange(row), position: { seq: String(row.seq), id: String(row.id) } }));
}

/** The position of the newest committed change (the start when there is none). */
export async function feedHead(em: SqlEntityManager): Promise<FeedPosition> {
  const rows = (await em.execute(
    `select c.seq::text as seq, (select max(a.id) from audit_entry a where a.xact = c.xact)::text as id
       from change_commit c where c.seq is not null order by c.seq desc limit 1`,
  )) as Array<{ seq: string; id: string | null }>;
  return rows.length ? { seq: rows[0].seq, id: rows[0].id ?? '0' } : FEED_START;
}

export interface ChangesArgs {
  after?: string | null;
  first?: number | null;
  types?: readonly string[] | null;
}

/** The event types `reader` asked for and may read; BAD_USER_INPUT for a pattern naming none. */
export function selectEventTypes(reader: Caller | null, patterns: readonly string[] | null | undefined, argument = 'types'): string[] {
  const readable = readableRecordTypes(reader);
  if (patterns === null || patterns === undefined) return eventTypesFor(readable);
  const { eventTypes, unknown } = expandEventTypes(patterns, readable);
  if (unknown.length) throw new BadUserInputError(`Argument "${argument}": ${unknownEventTypeMessage(unknown[0].pattern)}`, { argument });
  return eventTypes;
}

/**
 * The `changes` connection: forward pages of the feed. totalCount counts the changes after the
 * cursor (what the reader has yet to read), only when asked for.
 */
export async function changes(em: SqlEntityManager, reader: Caller | null, args: ChangesArgs, withTotal: boolean): Promise<Connection<Change>> {
  const page = toPage({ first: args.first, after: args.after });
  const after = page.cursor ? decodeFeedCursor(page.cursor) : FEED_START;
  const eventTypes = selectEventTypes(reader, args.types);
  const [rows, total] = await Promise.all([
    readFeed(em, after, eventTypes, page.limit + 1),
    withTotal ? countAfter(em, after, eventTypes) : Promise.resolve(null),
  ]);
  const edges = rows.slice(0, page.limit).map(({ position: _position, ...change }) => ({ cursor: change.cursor, node: change }));
  return {
    edges,
    totalCount: total,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: after !== FEED_START,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

async function countAfter(em: SqlEntityManager, after: FeedPosition, eventTypes: readonly string[]): Promise<number> {
  const [{ n }] = (await em.execute(
    `select count(*)::int as n from change_commit c join audit_entry a on a.xact = c.xact
      where c.seq is not null and c.seq >= ? and (c.seq > ? or a.id > ?) and (a.record_type || '.' || a.action) = any(?::text[])`,
    [after.seq, after.seq, after.id, pgArray([...eventTypes])],
  )) as Array<{ n: number }>;
  return n;
}

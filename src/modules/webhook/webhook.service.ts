import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { writeAudit, FieldChanges, pgArray } from '../../common/editing/audit';
import { actorOf, runWrite } from '../../common/editing/write-transaction';
import { UserErrorCode, UserErrors, UserErrorsAbort } from '../../common/editing/user-error';
import { BadUserInputError } from '../../common/errors';
import { decodeGlobalId, parseIntegerId, toGlobalId } from '../../common/global-id';
import type { Connection } from '../../common/relay/connection.types';
import { decodeCursor, encodeCursor, toPage } from '../../common/relay/pagination';
import { decodeFeedCursor, encodeFeedCursor, FEED_START, FeedPosition, feedHead } from '../change-feed/change-feed.service';
import { expandEventTypes, readableRecordTypes, unknownEventTypeMessage } from '../change-feed/event-types';
import {
  CreateWebhookSubscriptionInput,
  DeleteWebhookSubscriptionPayload,
  DisableWebhookSubscriptionInput,
  ReplayWebhookSubscriptionInput,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookSubscription,
  WebhookSubscriptionIdInput,
  WebhookSubscriptionPayload,
} from './webhook.types';

export const SUBSCRIPTION_TYPE = 'WebhookSubscription';
export const DELIVERY_TYPE = 'WebhookDelivery';

const SELECT_SUBSCRIPTION = `select s.id, s.url, s.event_types, s.description, s.enabled, s.disabled_reason, s.disabled_at, s.consecutive_failures,
    s.cursor_seq::text as cursor_seq, s.cursor_id::text as cursor_id, s.secret, s.created_by, s.created_at,
    (select count(*)::int from webhook_delivery d where d.subscription_id = s.id and d.status = 'PENDING') as pending
  from webhook_subscription s`;

type Row = Record<string, unknown>;

function toSubscription(row: Row): WebhookSubscription {
  const secret = String(row.secret);
  return {
    id: toGlobalId(SUBSCRIPTION_TYPE, Number(row.id)),
    url: String(row.url),
    eventTypes: row.event_types as string[],
    description: (row.description as string | null) ?? null,
    enabled: Boolean(row.enabled),
    disabledReason: (row.disabled_reason as string | null) ?? null,
    disabledAt: row.disabled_at ? new Date(row.disabled_at as string) : null,
    consecutiveFailures: Number(row.consecutive_failures),
    pendingDeliveries: Number(row.pending),
    cursor: encodeFeedCursor({ seq: String(row.cursor_seq), id: String(row.cursor_id) }),
    secretHint: `…${secret.slice(-4)}`,
    createdBy: String(row.created_by),
    createdAt: new Date(row.created_at as string),
  };
}

async function readSubscription(tx: SqlEntityManager, id: number): Promise<WebhookSubscription> {
  const [row] = (await tx.execute(`${SELECT_SUBSCRIPTION} where s.id = ?`, [id])) as Row[];
  return toSubscription(row);
}

/** A URL a delivery may go to: http(s), no credentials; the message says what is wrong otherwise. */
export function checkWebhookUrl(raw: string): string | null {
  if (raw.length > 2000) return 'The URL is longer than 2,000 characters.';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw.slice(0, 60)}" is not a URL; expected e.g. https://mirror.example.org/hooks/directory.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `Deliveries are HTTP POSTs: the URL must start with http:// or https://, not ${url.protocol}//.`;
  if (url.username || url.password) return 'The URL must not carry a user name or password; verify deliveries by their signature instead.';
  return null;
}

const MAX_TEXT = 500;

/** Creates a subscription that receives changes committed from now on. */
export async function createSubscription(ctx: Context, input: CreateWebhookSubscriptionInput): Promise<WebhookSubscriptionPayload> {
  const actor = actorOf(ctx);
  const errors = new UserErrors();
  const url = input.url.trim();
  const urlProblem = checkWebhookUrl(url);
  if (urlProblem) errors.add(['input', 'url'], urlProblem);
  if (input.eventTypes.length === 0) errors.add(['input', 'eventTypes'], 'Name at least one event type, e.g. "Enterprise.*" or "*".');
  if (input.eventTypes.length > 100) errors.add(['input', 'eventTypes'], 'At most 100 event-type patterns.');
  for (const { index, pattern } of expandEventTypes(input.eventTypes, readableRecordTypes(null)).unknown) {
    errors.add(['input', 'eventTypes', String(index)], unknownEventTypeMessage(pattern));
  }
  if (input.secret.length < 16 || input.secret.length > 200)
    errors.add(['input', 'secret'], `The secret must be 16-200 characters long; it has ${input.secret.length}.`);
  const description = input.description?.trim() || null;
  if (description && description.length > MAX_TEXT) errors.add(['input', 'description'], `At most ${MAX_TEXT} characters.`);
  if (!errors.empty) return { webhookSubscription: null, userErrors: errors.list };

  const eventTypes = [...new Set(input.eventTypes)];
  const { result, userErrors } = await runWrite(ctx, async (tx) => {
    // New subscriptions receive what commits after they exist, not the whole history (replay does that).
    const head = await feedHead(tx);
    const [{ id }] = (await tx.execute(
      `insert into webhook_subscription (url, event_types, secret, description, cursor_seq, cursor_id, created_by) values (?, ?::text[], ?, ?, ?, ?, ?) returning id`,
      [url, pgArray(eventTypes), input.secret, description, head.seq, head.id, actor.name],
    )) as Array<{ id: number }>;
    await writeAudit(tx, actor, [
      {
        action: 'CREATE',
        recordType: SUBSCRIPTION_TYPE,
        recordId: toGlobalId(SUBSCRIPTION_TYPE, id),
        // The secret is a credential: the audit trail records that one was set, never its value.
        changes: {
          url: { before: null, after: url },
          eventTypes: { before: null, after: eventTypes },
          description: { before: null, after: description },
          secret: { before: null, after: '(set)' },
        },
      },
    ]);
    return readSubscription(tx, id);
  });
  return { webhookSubscription: result, userErrors };
}

function subscriptionIdOf(id: string, errors: UserErrors): number | null {
  const decoded = decodeGlobalId(id);
  const n = decoded?.type === SUBSCRIPTION_TYPE ? Number(decoded.localId) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    errors.add(['input', 'id'], 'Expected the ID of a webhook subscription.');
    return null;
  }
  return n;
}

async function lockSubscription(tx: SqlEntityManager, id: number, errors: UserErrors): Promise<Row> {
  const [row] = (await tx.execute(`select * from webhook_subscription where id = ? for update`, [id])) as Row[];
  if (!row) {
    errors.add(['input', 'id'], 'No webhook subscription has this ID (it may have been deleted).', UserErrorCode.NOT_FOUND);
    throw new UserErrorsAbort(errors.list);
  }
  return row;
}

async function auditUpdate(tx: SqlEntityManager, ctx: Context, id: number, changes: FieldChanges): Promise<void> {
  await writeAudit(tx, actorOf(ctx), [{ action: 'UPDATE', recordType: SUBSCRIPTION_TYPE, recordId: toGlobalId(SUBSCRIPTION_TYPE, id), changes }]);
}

/** Stops deliveries (changes keep being queued). Disabling a disabled subscription changes nothing. */
export async function disableSubscription(ctx: Context, input: DisableWebhookSubscriptionInput): Promise<WebhookSubscriptionPayload> {
  const errors = new UserErrors();
  const id = subscriptionIdOf(input.id, errors);
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > MAX_TEXT) errors.add(['input', 'reason'], `At most ${MAX_TEXT} characters.`);
  if (id === null || !errors.empty) return { webhookSubscription: null, userErrors: errors.list };
  const actor = actorOf(ctx);
  const { result, userErrors } = await runWrite(ctx, async (tx, txErrors) => {
    const row = await lockSubscription(tx, id, txErrors);
    if (row.enabled) {
      const why = `由 ${actor.name} 停用 Disabled by ${actor.name}${reason ? `: ${reason}` : ''}`;
      await tx.execute(`update webhook_subscription set enabled = false, disabled_reason = ?, disabled_at = now(), updated_at = now() where id = ?`, [why, id]);
      await auditUpdate(tx, ctx, id, { enabled: { before: true, after: false }, disabledReason: { before: row.disabled_reason ?? null, after: why } });
    }
    return readSubscription(tx, id);
  });
  return { webhookSubscription: result, userErrors };
}

/** Resumes deliveries: the failure count starts again and pending deliveries are due at once. */
export async function enableSubscription(ctx: Context, input: WebhookSubscriptionIdInput): Promise<WebhookSubscriptionPayload> {
  const errors = new UserErrors();
  const id = subscriptionIdOf(input.id, errors);
  if (id === null) return { webhookSubscription: null, userErrors: errors.list };
  const { result, userErrors } = await runWrite(ctx, async (tx, txErrors) => {
    const row = await lockSubscription(tx, id, txErrors);
    if (!row.enabled) {
      await tx.execute(
        `update webhook_subscription set enabled = true, disabled_reason = null, disabled_at = null, consecutive_failures = 0, updated_at = now() where id = ?`,
        [id],
      );
      await tx.execute(`update webhook_delivery set next_attempt_at = now() where subscription_id = ? and status = 'PENDING'`, [id]);
      await auditUpdate(tx, ctx, id, { enabled: { before: false, after: true }, disabledReason: { before: row.disabled_reason ?? null, after: null } });
    }
    return readSubscription(tx, id);
  });
  return { webhookSubscription: result, userErrors };
}

/** Deletes a subscription and its deliveries, sent or not. */
export async function deleteSubscription(ctx: Context, input: WebhookSubscriptionIdInput): Promise<DeleteWebhookSubscriptionPayload> {
  const errors = new UserErrors();
  const id = subscriptionIdOf(input.id, errors);
  if (id === null) return { deletedId: null, userErrors: errors.list };
  const actor = actorOf(ctx);
  const { result, userErrors } = await runWrite(ctx, async (tx, txErrors) => {
    const row = await lockSubscription(tx, id, txErrors);
    await tx.execute(`delete from webhook_subscription where id = ?`, [id]);
    await writeAudit(tx, actor, [
      {
        action: 'DELETE',
        recordType: SUBSCRIPTION_TYPE,
        recordId: input.id,
        changes: { url: { before: row.url, after: null }, eventTypes: { before: row.event_types, after: null }, enabled: { before: row.enabled, after: null } },
      },
    ]);
    return input.id;
  });
  return { deletedId: result, userErrors };
}

/**
 * Queues every matching change after `after` again: deliveries still pending beyond that point
 * are dropped (they will be queued anew, in order), and the subscription's feed position moves
 * back to `after`. Receivers see the same change twice; the change cursor lets them tell.
 */
export async function replaySubscription(ctx: Context, input: ReplayWebhookSubscriptionInput): Promise<WebhookSubscriptionPayload> {
  const errors = new UserErrors();
  const id = subscriptionIdOf(input.id, errors);
  let from: FeedPosition = FEED_START;
  if (input.after !== null && input.after !== undefined) {
    try {
      from = decodeFeedCursor(input.after);
    } catch (error) {
      if (!(error instanceof BadUserInputError)) throw error;
      errors.add(['input', 'after'], 'Not a cursor of the change feed; pass a Change.cursor, an endCursor of `changes` or a delivery’s changeCursor.');
    }
  }
  if (id === null || !errors.empty) return { webhookSubscription: null, userErrors: errors.list };
  const { result, userErrors } = await runWrite(ctx, async (tx, txErrors) => {
    const row = await lockSubscription(tx, id, txErrors);
    await tx.execute(
      `delete from webhook_delivery where subscription_id = ? and status = 'PENDING' and (change_seq > ? or (change_seq = ? and change_id > ?))`,
      [id, from.seq, from.seq, from.id],
    );
    await tx.execute(`update webhook_subscription set cursor_seq = ?, cursor_id = ?, updated_at = now() where id = ?`, [from.seq, from.id, id]);
    await auditUpdate(tx, ctx, id, {
      cursor: { before: encodeFeedCursor({ seq: String(row.cursor_seq), id: String(row.cursor_id) }), after: encodeFeedCursor(from) },
    });
    return readSubscription(tx, id);
  });
  return { webhookSubscription: result, userErrors };
}

const SUBSCRIPTION_ORDERING = 'webhooks:id';
const DELIVERY_ORDERING = 'deliveries:id';

/** Webhook subscriptions, oldest first. One statement for the page, one for the count. */
export async function listSubscriptions(
  em: SqlEntityManager,
  args: { first?: number | null; after?: string | null },
  withTotal: boolean,
): Promise<Connection<WebhookSubscription>> {
  const page = toPage(args);
  const afterId = page.cursor ? Number(decodeCursor(page.cursor, SUBSCRIPTION_ORDERING, 1, 'after')[0]) : 0;
  const [rows, count] = await Promise.all([
    em.execute(`${SELECT_SUBSCRIPTION} where s.id > ? order by s.id limit ?`, [afterId, page.limit + 1]) as Promise<Row[]>,
    withTotal ? (em.execute(`select count(*)::int as n from webhook_subscription`) as Promise<Array<{ n: number }>>) : Promise.resolve(null),
  ]);
  const edges = rows.slice(0, page.limit).map((row) => ({ cursor: encodeCursor(SUBSCRIPTION_ORDERING, [Number(row.id)]), node: toSubscription(row) }));
  return connection(edges, rows.length > page.limit, afterId > 0, count ? count[0].n : null);
}

function toDelivery(row: Row): WebhookDelivery {
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    id: toGlobalId(DELIVERY_TYPE, String(row.id)),
    eventType: String(row.event_type),
    changeCursor: encodeFeedCursor({ seq: String(row.change_seq), id: String(row.change_id) }),
    status: row.status as WebhookDeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: row.status === WebhookDeliveryStatus.PENDING ? date(row.next_attempt_at) : null,
    lastAttemptAt: date(row.last_attempt_at),
    lastStatusCode: row.last_status === null || row.last_status === undefined ? null : Number(row.last_status),
    lastError: (row.last_error as string | null) ?? null,
    deliveredAt: date(row.delivered_at),
    payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>,
  };
}

/** One subscription's deliveries, oldest first, optionally only those of one status. */
export async function listDeliveries(
  em: SqlEntityManager,
  args: { subscriptionId: string; status?: WebhookDeliveryStatus | null; first?: number | null; after?: string | null },
  withTotal: boolean,
): Promise<Connection<WebhookDelivery>> {
  const subscription = parseIntegerId(args.subscriptionId, SUBSCRIPTION_TYPE, 'subscriptionId');
  const page = toPage(args);
  const afterId = page.cursor ? String(decodeCursor(page.cursor, DELIVERY_ORDERING, 1, 'after')[0]) : '0';
  if (!/^\d{1,19}$/.test(afterId)) throw new BadUserInputError('"after" is not a valid cursor.', { argument: 'after' });
  const status = args.status ?? null;
  const where = `subscription_id = ? and (?::text is null or status = ?::text)`;
  const [rows, count] = await Promise.all([
    em.execute(
      `select id::text as id, event_type, change_seq::text as change_seq, change_id::text as change_id, status, attempts, next_attempt_at, last_attempt_at, last_status, last_error, delivered_at, payload
         from webhook_delivery where ${where} and id > ? order by id limit ?`,
      [subscription, status, status, afterId, page.limit + 1],
    ) as Promise<Row[]>,
    withTotal
      ? (em.execute(`select count(*)::int as n from webhook_delivery where ${where}`, [subscription, status, status]) as Promise<Array<{ n: number }>>)
      : Promise.resolve(null),
  ]);
  const edges = rows.slice(0, page.limit).map((row) => ({ cursor: encodeCursor(DELIVERY_ORDERING, [String(row.id)]), node: toDelivery(row) }));
  return connection(edges, rows.length > page.limit, afterId !== '0', count ? count[0].n : null);
}

function connection<T>(edges: Array<{ cursor: string; node: T }>, hasNextPage: boolean, hasPreviousPage: boolean, totalCount: number | null): Connection<T> {
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
  };
}

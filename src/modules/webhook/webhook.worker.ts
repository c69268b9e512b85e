import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { pgArray } from '../../common/editing/audit';
import { toGlobalId } from '../../common/global-id';
import { FeedPosition, feedHead, readFeed } from '../change-feed/change-feed.service';
import { expandEventTypes, readableRecordTypes } from '../change-feed/event-types';
import { DELIVERY_TYPE } from './webhook.service';
import { signWebhook, WEBHOOK_HEADERS } from './webhook.signature';

/** How deliveries are paced; WEBHOOK_* settings (see common/config.ts). */
export interface WebhookSettings {
  /** How often the worker looks for new changes and due deliveries. */
  pollMs: number;
  /** Wait before the first retry; each further retry waits twice as long... */
  retryBaseMs: number;
  /** ...up to this. */
  retryMaxMs: number;
  /** Failed attempts in a row after which a subscription is disabled. */
  maxFailures: number;
  /** How long a receiver may take to answer. */
  timeoutMs: number;
}

/** Changes examined per subscription per round, and deliveries claimed per round. */
const FANOUT_BATCH = 200;
const CLAIM_BATCH = 20;

interface Claimed {
  id: string;
  subscription_id: number;
  event_type: string;
  payload: Record<string, unknown> | string;
  attempts: number;
  url: string;
  secret: string;
}

/**
 * Webhook delivery, run in every server process. State lives only in the database, so a restart
 * loses nothing and several processes share the work:
 *
 * 1. fan-out: each enabled subscription (locked FOR UPDATE SKIP LOCKED, so one process handles it
 *    at a time) gets a delivery row per matching change after its feed position, and the position
 *    advances, in one transaction;
 * 2. delivery: due deliveries are claimed with FOR UPDATE SKIP LOCKED and leased (next attempt
 *    pushed past the timeout) in one short statement; the POST happens outside any transaction;
 *    the outcome is written afterwards. A process that dies mid-POST leaves the lease to expire
 *    and another attempt follows: delivery is at least once.
 *
 * Only a subscription's oldest pending delivery is ever claimed, so each receiver gets changes in
 * feed order, one at a time.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private stopped = false;
  /** Aborts the POSTs in flight when the worker stops, so a shutdown does not wait for slow receivers. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly em: () => SqlEntityManager,
    private readonly settings: WebhookSettings,
    private readonly logger: Logger,
  ) {}

  start(): this {
    this.schedule(0);
    return this;
  }

  /** Stops polling and waits for the round in progress (its POSTs end by their timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopping.abort();
    await this.current;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.runOnce()
        .catch((error: Error) => this.logger.warn({ err: error }, 'webhook round failed; retrying on the next poll'))
        .finally(() => {
          this.current = null;
          this.schedule(this.settings.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** One round: queue new changes, then send what is due until nothing is. */
  async runOnce(): Promise<void> {
    const [{ n }] = (await this.em().execute(`select count(*)::int as n from webhook_subscription where enabled`)) as Array<{ n: number }>;
    if (n === 0) return;
    await this.fanOut();
    for (let round = 0; round < 50 && !this.stopped; round++) {
      if ((await this.deliverDue()) === 0) break;
    }
  }

  private async fanOut(): Promise<void> {
    await this.em().transactional(async (tx) => {
      const subscriptions = (await tx.execute(
        `select id, event_types, cursor_seq::text as seq, cursor_id::text as cid from webhook_subscription where enabled order by id for update skip locked`,
      )) as Array<{ id: number; event_types: string[]; seq: string; cid: string }>;
      for (const sub of subscriptions) {
        // Read the head before the changes: every change at or below it is visible to the read that follows.
        const head = await feedHead(tx as SqlEntityManager);
        const eventTypes = expandEventTypes(sub.event_types, readableRecordTypes(null)).eventTypes;
        const changes = await readFeed(tx as SqlEntityManager, { seq: sub.seq, id: sub.cid }, eventTypes, FANOUT_BATCH);
        let next: FeedPosition = { seq: sub.seq, id: sub.cid };
        if (changes.length) {
          await tx.execute(
            `insert into webhook_delivery (subscription_id, change_seq, change_id, event_type, payload)
             select ?, u.s, u.i, u.e, u.p::jsonb from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) with ordinality as u(s, i, e, p, n) order by u.n`,
            [
              sub.id,
              pgArray(changes.map((c) => c.position.seq)),
              pgArray(changes.map((c) => c.position.id)),
              pgArray(changes.map((c) => c.eventType)),
              pgArray(changes.map(({ position: _p, ...change }) => JSON.stringify({ eventType: change.eventType, change }))),
            ],
          );
          next = changes[changes.length - 1].position;
        }
        // Nothing more matched up to the head: skip the non-matching changes for good.
        if (changes.length < FANOUT_BATCH && later(head, next)) next = head;
        if (next.seq !== sub.seq || next.id !== sub.cid) {
          await tx.execute(`update webhook_subscription set cursor_seq = ?, cursor_id = ? where id = ?`, [next.seq, next.id, sub.id]);
        }
      }
    });
  }

  /** Claims and sends due deliveries; returns how many were attempted. */
  private async deliverDue(): Promise<number> {
    const leaseMs = this.settings.timeoutMs + 5000;
    const claimed = (await this.em().execute(
      `update webhook_delivery d set next_attempt_at = now() + ? * interval '1 millisecond', attempts = d.attempts + 1, last_attempt_at = now()
         from webhook_subscription s
        where s.id = d.subscription_id and d.id in (
          select p.id from webhook_delivery p join webhook_subscription ps on ps.id = p.subscription_id
           where p.status = 'PENDING' and p.next_attempt_at <= now() and ps.enabled
             and not exists (select 1 from webhook_delivery e where e.subscription_id = p.subscription_id and e.status = 'PENDING' and e.id < p.id)
           order by p.id limit ? for update of p skip locked)
        returning d.id::text as id, d.subscription_id, d.event_type, d.payload, d.attempts, s.url, s.secret`,
      [leaseMs, CLAIM_BATCH],
    )) as Claimed[];
    await Promise.all(claimed.map((delivery) => this.send(delivery)));
    return claimed.length;
  }

  private async send(delivery: Claimed): Promise<void> {
    const payload = typeof delivery.payload === 'string' ? (JSON.parse(delivery.payload) as Record<string, unknown>) : delivery.payload;
    const deliveryId = toGlobalId(DELIVERY_TYPE, delivery.id);
    const body = JSON.stringify({ deliveryId, ...payload });
    const timestamp = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    let problem: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        // A redirect would send the change somewhere the admin did not register: it counts as a failure.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.settings.timeoutMs), this.stopping.signal]),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'qingdao-ai-directory-webhooks/1',
          [WEBHOOK_HEADERS.id]: deliveryId,
          [WEBHOOK_HEADERS.event]: delivery.event_type,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(delivery.secret, timestamp, body),
        },
        body,
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status < 200 || status > 299) problem = `HTTP ${status} from the receiver`;
    } catch (error) {
      if (this.stopping.signal.aborted) {
        // Cut short by a shutdown, not the receiver's fault: due again at once, for whichever process runs next.
        await this.em().execute(`update webhook_delivery set next_attempt_at = now() where id = ? and status = 'PENDING'`, [delivery.id]);
        return;
      }
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      problem =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${this.settings.timeoutMs} ms`
          : `could not connect (${cause ?? (error as Error).message})`;
    }
    if (problem === null) {
      await this.em().execute(
        `with d as (update webhook_delivery set status = 'DELIVERED', delivered_at = now(), last_status = ?, last_error = null where id = ? and status = 'PENDING' returning subscription_id)
         update webhook_subscription s set consecutive_failures = 0 from d where s.id = d.subscription_id`,
        [status, delivery.id],
      );
      return;
    }
    const waitMs = Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** Math.min(30, delivery.attempts - 1));
    const reason = `${this.settings.maxFailures} 次投递连续失败 ${this.settings.maxFailures} failed delivery attempts in a row; the last: ${problem}`;
    const [outcome] = (await this.em().execute(
      `with d as (update webhook_delivery set next_attempt_at = now() + ? * interval '1 millisecond', last_status = ?, last_error = ? where id = ? returning subscription_id)
       update webhook_subscription s set consecutive_failures = s.consecutive_failures + 1,
              disabled_reason = case when s.enabled and s.consecutive_failures + 1 >= ? then ? else s.disabled_reason end,
              disabled_at = case when s.enabled and s.consecutive_failures + 1 >= ? then now() else s.disabled_at end,
              enabled = s.enabled and s.consecutive_failures + 1 < ?
         from d where s.id = d.subscription_id
       returning s.enabled, s.consecutive_failures`,
      [waitMs, status, problem, delivery.id, this.settings.maxFailures, reason, this.settings.maxFailures, this.settings.maxFailures],
    )) as Array<{ enabled: boolean; consecutive_failures: number }>;
    if (outcome && !outcome.enabled)
      this.logger.warn({ subscription: delivery.subscription_id, reason }, 'webhook subscription disabled after repeated failures');
    else this.logger.info({ subscription: delivery.subscription_id, delivery: delivery.id, problem, retryInMs: waitMs }, 'webhook delivery failed; will retry');
  }
}

function later(a: FeedPosition, b: FeedPosition): boolean {
  const as = BigInt(a.seq);
  const bs = BigInt(b.seq);
  return as > bs || (as === bs && BigInt(a.id) > BigInt(b.id));
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of every delivery (lower case, as Node reports them). */
export const WEBHOOK_HEADERS = {
  /** The delivery's ID; a retry of the same delivery keeps it, so receivers can drop duplicates. */
  id: 'x-webhook-id',
  /** The event type, e.g. Enterprise.UPDATE. */
  event: 'x-webhook-event',
  /** Unix time in seconds when this attempt was signed. */
  timestamp: 'x-webhook-timestamp',
  /** `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the subscription's secret. */
  signature: 'x-webhook-signature',
} as const;

/** The signature header value for `body` sent at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does: recompute the HMAC over the raw body and the timestamp header, compare in
 * constant time, and refuse timestamps more than `toleranceSeconds` away (a replayed old request).
 */
export function verifyWebhook(
  secret: string,
  body: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const { timestamp: timestampHeader, signature: signatureHeader } = headers;
  if (!timestampHeader || !signatureHeader || !/^\d{1,12}$/.test(timestampHeader)) return false;
  const timestamp = Number(timestampHeader);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signatureHeader);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

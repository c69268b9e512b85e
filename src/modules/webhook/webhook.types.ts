import { writePayload } from '../../common/payload-type';
import { defineEnum, EnumValue } from '../../common/enum-type';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../common/editing/user-error';
import { connectionType } from '../../common/relay/connection.types';

@ObjectType({ description: 'Webhook 订阅 A URL that receives a signed HTTP POST for every change of the chosen event types (admin keys only).' })
export class WebhookSubscription {
  @Field(() => ID, { description: 'Opaque ID of the subscription.' })
  id!: string;

  @Field({ description: 'Where deliveries are POSTed: exactly this URL, never a redirect target.' })
  url!: string;

  @Field(() => [String], { description: 'The event-type patterns it receives, e.g. ["Enterprise.*", "Park.DELETE"].' })
  eventTypes!: string[];

  @Field(() => String, { nullable: true, description: 'What the subscription is for, in the admin’s words.' })
  description!: string | null;

  @Field({ description: 'Whether deliveries are being sent. Changes keep being queued while it is disabled and go out once it is enabled again.' })
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was disabled: by an admin (their reason) or after repeated failed deliveries (the last failure).',
  })
  disabledReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was disabled; null while enabled.' })
  disabledAt!: Date | null;

  @Field(() => Int, {
    description: 'Failed delivery attempts in a row; it is disabled when this reaches the limit (WEBHOOK_MAX_FAILURES), and reset by a success or by enabling.',
  })
  consecutiveFailures!: number;

  @Field(() => Int, { description: 'Deliveries queued and not yet accepted by the receiver.' })
  pendingDeliveries!: number;

  @Field({ description: 'The change-feed cursor up to which changes have been queued for delivery.' })
  cursor!: string;

  @Field({ description: 'Hint of the signing secret (its last four characters); the secret itself is never shown again.' })
  secretHint!: string;

  @Field({ description: 'The API key that created it.' })
  createdBy!: string;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;
}

export const WebhookDeliveryStatus = defineEnum('WebhookDeliveryStatus', 'Where a delivery stands.', {
  PENDING: '待发送 Not yet accepted: waiting for its turn, for a retry, or for the subscription to be enabled.',
  DELIVERED: '已送达 The receiver answered 2xx.',
});
export type WebhookDeliveryStatus = EnumValue<typeof WebhookDeliveryStatus>;

@ObjectType({ description: 'Webhook 投递 One change sent (or to be sent) to one subscription, with its attempts.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The delivery’s ID, sent as the X-Webhook-Id header (the same on every retry).' })
  id!: string;

  @Field({ description: 'The event type, e.g. Enterprise.UPDATE.' })
  eventType!: string;

  @Field({ description: 'The change’s cursor in the feed.' })
  changeCursor!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Pending or delivered.' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due; null once delivered.' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the last attempt was made.' })
  lastAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null when no answer came (refused, timed out).' })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed; null after a success.' })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the receiver accepted it.' })
  deliveredAt!: Date | null;

  @Field(() => GraphQLJSONObject, { description: 'The JSON body POSTed (without per-attempt headers).' })
  payload!: Record<string, unknown>;
}

export const WebhookSubscriptionConnection = connectionType(() => WebhookSubscription, 'WebhookSubscription', 'webhook subscription');
export const WebhookDeliveryConnection = connectionType(() => WebhookDelivery, 'WebhookDelivery', 'webhook delivery');

@InputType({ description: 'A new webhook subscription.' })
export class CreateWebhookSubscriptionInput {
  @Field({ description: 'An http:// or https:// URL without user name or password (at most 2,000 characters). Deliveries go to it alone.' })
  url!: string;

  @Field(() => [String], {
    description: 'Event-type patterns to receive: `<RecordType>.<ACTION>` (e.g. `Enterprise.UPDATE`), `<RecordType>.*`, `*.<ACTION>` or `*`.',
  })
  eventTypes!: string[];

  @Field({ description: 'Shared secret for the HMAC-SHA256 signature (16-200 characters). Keep it: it is never shown again.' })
  secret!: string;

  @Field(() => String, { nullable: true, description: 'What the subscription is for (at most 500 characters).' })
  description?: string | null;
}

@InputType({ description: 'Names one webhook subscription.' })
export class WebhookSubscriptionIdInput {
  @Field(() => ID, { description: 'The subscription’s ID.' })
  id!: string;
}

@InputType({ description: 'Stops deliveries to a subscription.' })
export class DisableWebhookSubscriptionInput {
  @Field(() => ID, { description: 'The subscription’s ID.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Why, for whoever looks later (at most 500 characters).' })
  reason?: string | null;
}

@InputType({ description: 'Sends a subscription every matching change after a cursor again.' })
export class ReplayWebhookSubscriptionInput {
  @Field(() => ID, { description: 'The subscription’s ID.' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A change-feed cursor (Change.cursor, a delivery’s changeCursor); changes after it are delivered again. From the first change when null.',
  })
  after?: string | null;
}

@ObjectType({ description: 'Result of a webhook subscription mutation.' })
export class WebhookSubscriptionPayload extends writePayload(() => WebhookSubscription, 'webhookSubscription', 'subscription') {}

@ObjectType({ description: 'Result of deleteWebhookSubscription.' })
export class DeleteWebhookSubscriptionPayload {
  @Field(() => ID, { nullable: true, description: 'The ID of the deleted subscription; null when userErrors is not empty.' })
  deletedId!: string | null;

  @Field(() => [UserError], { description: 'Why nothing was deleted; empty on success.' })
  userErrors!: UserError[];
}

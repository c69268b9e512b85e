import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { selectsField } from '../../common/relay/selection';
import {
  createSubscription,
  deleteSubscription,
  disableSubscription,
  enableSubscription,
  listDeliveries,
  listSubscriptions,
  replaySubscription,
} from './webhook.service';
import {
  CreateWebhookSubscriptionInput,
  DeleteWebhookSubscriptionPayload,
  DisableWebhookSubscriptionInput,
  ReplayWebhookSubscriptionInput,
  WebhookDeliveryConnection,
  WebhookDeliveryStatus,
  WebhookSubscription,
  WebhookSubscriptionConnection,
  WebhookSubscriptionIdInput,
  WebhookSubscriptionPayload,
} from './webhook.types';

/** Webhook subscriptions and their deliveries: admin keys only, each mutation in its own transaction, audited. */
@Resolver(() => WebhookSubscription)
export class WebhookResolver {
  @Authorized(Authorize.ADMIN)
  @Query(() => WebhookSubscriptionConnection, { description: 'Webhook 订阅 The webhook subscriptions, oldest first (admin keys only).' })
  webhookSubscriptions(
    @Arg('first', () => Int, { nullable: true, description: 'Return the first N subscriptions (1-100; default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Return subscriptions after this cursor (an endCursor).' }) after: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listSubscriptions(ctx.em, { first, after }, selectsField(info, 'totalCount'));
  }

  @Authorized(Authorize.ADMIN)
  @Query(() => WebhookDeliveryConnection, {
    description: 'Webhook 投递记录 The deliveries of one subscription, oldest first, with their attempts (admin keys only).',
  })
  webhookDeliveries(
    @Arg('subscriptionId', () => ID, { description: 'The subscription whose deliveries to list.' }) subscriptionId: string,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this state.' }) status: WebhookDeliveryStatus | null,
    @Arg('first', () => Int, { nullable: true, description: 'Return the first N deliveries (1-100; default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Return deliveries after this cursor (an endCursor).' }) after: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listDeliveries(ctx.em, { subscriptionId, status, first, after }, selectsField(info, 'totalCount'));
  }

  @Authorized(Authorize.ADMIN)
  @Mutation(() => WebhookSubscriptionPayload, {
    description:
      '新增 Webhook 订阅 Registers a URL to receive a signed POST for every change of the given event types committed from now on (admin keys only).',
  })
  createWebhookSubscription(
    @Arg('input', () => CreateWebhookSubscriptionInput, { description: 'The URL, event types and secret.' }) input: CreateWebhookSubscriptionInput,
    @Ctx() ctx: Context,
  ) {
    return createSubscription(ctx, input);
  }

  @Authorized(Authorize.ADMIN)
  @Mutation(() => WebhookSubscriptionPayload, { description: '停用 Stops deliveries to a subscription; changes keep being queued for it (admin keys only).' })
  disableWebhookSubscription(
    @Arg('input', () => DisableWebhookSubscriptionInput, { description: 'The subscription and why.' }) input: DisableWebhookSubscriptionInput,
    @Ctx() ctx: Context,
  ) {
    return disableSubscription(ctx, input);
  }

  @Authorized(Authorize.ADMIN)
  @Mutation(() => WebhookSubscriptionPayload, {
    description:
      '启用 Resumes deliveries to a subscription (after an admin or repeated failures disabled it), starting with the oldest pending one (admin keys only).',
  })
  enableWebhookSubscription(
    @Arg('input', () => WebhookSubscriptionIdInput, { description: 'The subscription.' }) input: WebhookSubscriptionIdInput,
    @Ctx() ctx: Context,
  ) {
    return enableSubscription(ctx, input);
  }

  @Authorized(Authorize.ADMIN)
  @Mutation(() => DeleteWebhookSubscriptionPayload, { description: '删除 Deletes a subscription and its deliveries (admin keys only).' })
  deleteWebhookSubscription(
    @Arg('input', () => WebhookSubscriptionIdInput, { description: 'The subscription.' }) input: WebhookSubscriptionIdInput,
    @Ctx() ctx: Context,
  ) {
    return deleteSubscription(ctx, input);
  }

  @Authorized(Authorize.ADMIN)
  @Mutation(() => WebhookSubscriptionPayload, { description: '重放 Delivers every matching change after a cursor again, in order (admin keys only).' })
  replayWebhookSubscription(
    @Arg('input', () => ReplayWebhookSubscriptionInput, { description: 'The subscription and the cursor to replay from.' })
    input: ReplayWebhookSubscriptionInput,
    @Ctx() ctx: Context,
  ) {
    return replaySubscription(ctx, input);
  }
}

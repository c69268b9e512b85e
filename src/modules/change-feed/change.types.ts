import { defineEnum, EnumValue } from '../../common/enum-type';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { ChangeAction as ChangeActionName } from './event-types';

/** The actions as a GraphQL enum (the same names the audit trail stores). */
export const ChangeAction = defineEnum('ChangeAction', '变更类型 What a change did to its record.', {
  CREATE: '新增 The record was created; `changes` holds every field it was given (before: null).',
  UPDATE: '修改 Fields of the record changed; `changes` holds each changed field before and after.',
  DELETE: '删除 The record was deleted; `changes` holds what it held (after: null).',
  LINK: '关联 The record was linked to another; `changes` names the relation and the other record’s ID.',
  UNLINK: '解除关联 A link of the record was removed; `changes` names the relation and the other record’s ID.',
});
export type ChangeAction = EnumValue<typeof ChangeAction>;

/** One committed write to one public record, as the feed and webhooks publish it. */
@ObjectType({
  description: '变更 One committed write to one directory record: what happened, to which record, which fields changed. Changes are listed in commit order.',
})
export class Change {
  @Field({ description: 'Position of this change in the feed; pass it as `changes(after:)` to read what came later, or to `replayWebhookSubscription`.' })
  cursor!: string;

  @Field({ description: 'The event type, `<RecordType>.<ACTION>`, e.g. `Enterprise.UPDATE` (what webhook subscriptions and `changes(types:)` select by).' })
  eventType!: string;

  @Field(() => ChangeAction, { description: 'What the change did.' })
  action!: ChangeActionName;

  @Field({ description: 'Type of the record changed, e.g. Enterprise.' })
  recordType!: string;

  @Field(() => ID, { description: 'Global ID of the record changed (after a DELETE it no longer resolves).' })
  recordId!: string;

  @Field(() => [String], { description: 'Names of the fields this change set, e.g. ["nameZh", "website"].' })
  changedFields!: string[];

  @Field(() => GraphQLJSONObject, {
    description: 'The changed fields with their values: { field: { before, after } }. Links name the other record by global ID (sectors by code).',
  })
  changes!: Record<string, { before: unknown; after: unknown }>;

  @Field(() => Date, { description: 'When the transaction that made this change committed (server time, ISO 8601).' })
  committedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The import batch that made this change, if an import did; all changes of one import share it.' })
  batchId!: string | null;
}

export const ChangeConnection = connectionType(() => Change, 'Change', 'change');

import { LinkPayload, writePayload } from '../../common/payload-type';
import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { Enterprise } from './enterprise.entity';

export const EnterpriseConnection = connectionType(() => Enterprise, 'Enterprise', 'enterprise');

@ObjectType({ description: 'Result of createEnterprise / updateEnterprise: the firm as saved, or the reasons nothing was saved.' })
export class EnterprisePayload extends writePayload(() => Enterprise, 'enterprise', 'firm') {}

@ObjectType({ description: 'Result of a link or unlink mutation.' })
export class RelationPayload extends LinkPayload {
  @Field(() => Enterprise, { nullable: true, description: 'The firm on one side of the link, after the change.' })
  enterprise!: Enterprise | null;
}

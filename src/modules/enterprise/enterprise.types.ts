import { writePayload } from '../../common/payload-type';
import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/editing/user-error';
import { connectionType } from '../../common/relay/connection.types';
import { Enterprise } from './enterprise.entity';

export const EnterpriseConnection = connectionType(() => Enterprise, 'Enterprise', 'enterprise');

@ObjectType({ description: 'Result of createEnterprise / updateEnterprise: the firm as saved, or the reasons nothing was saved.' })
export class EnterprisePayload extends writePayload(() => Enterprise, 'enterprise', 'firm') {}

@ObjectType({ description: 'Result of a link or unlink mutation.' })
export class RelationPayload {
  @Field({ description: 'Whether the link was added or removed; false when it already was as asked.' })
  changed!: boolean;

  @Field(() => Enterprise, { nullable: true, description: 'The firm on one side of the link, after the change.' })
  enterprise!: Enterprise | null;

  @Field(() => [UserError], { description: 'Why nothing changed (a record not found, a wrong ID); empty on success.' })
  userErrors!: UserError[];
}

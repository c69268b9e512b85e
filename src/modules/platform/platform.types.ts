import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/editing/user-error';
import { connectionType } from '../../common/relay/connection.types';
import { InnovationPlatform } from './platform.entity';

export const InnovationPlatformConnection = connectionType(() => InnovationPlatform, 'InnovationPlatform', 'innovation platform');

@ObjectType({ description: 'Result of createInnovationPlatform / updateInnovationPlatform.' })
export class InnovationPlatformPayload {
  @Field(() => InnovationPlatform, { nullable: true, description: 'The platform after the write; null when userErrors is not empty.' })
  innovationPlatform!: InnovationPlatform | null;

  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}

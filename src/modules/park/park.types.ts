import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/editing/user-error';
import { connectionType } from '../../common/relay/connection.types';
import { Park } from './park.entity';

export const ParkConnection = connectionType(() => Park, 'Park', 'park');

@ObjectType({ description: 'Result of createPark / updatePark.' })
export class ParkPayload {
  @Field(() => Park, { nullable: true, description: 'The park after the write; null when userErrors is not empty.' })
  park!: Park | null;

  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}

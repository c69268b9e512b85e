import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/editing/user-error';
import { connectionType } from '../../common/relay/connection.types';
import { LargeModel } from './large-model.entity';

export const LargeModelConnection = connectionType(() => LargeModel, 'LargeModel', 'large model');

@ObjectType({ description: 'Result of createLargeModel / updateLargeModel.' })
export class LargeModelPayload {
  @Field(() => LargeModel, { nullable: true, description: 'The model after the write; null when userErrors is not empty.' })
  largeModel!: LargeModel | null;

  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}

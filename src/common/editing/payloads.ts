import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from './user-error';

@ObjectType({ description: 'Result of a delete mutation.' })
export class DeletePayload {
  @Field(() => ID, { nullable: true, description: 'The ID of the deleted record; null when userErrors is not empty.' })
  deletedId!: string | null;

  @Field(() => [UserError], { description: 'Why nothing was deleted; empty on success.' })
  userErrors!: UserError[];
}

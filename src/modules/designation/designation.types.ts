import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/editing/user-error';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Designation } from './designation.entity';

@ObjectType({ description: 'Result of addDesignation / updateDesignation.' })
export class DesignationPayload {
  @Field(() => Designation, { nullable: true, description: 'The recognition after the write; null when userErrors is not empty.' })
  designation!: Designation | null;

  @Field(() => Enterprise, { nullable: true, description: 'The firm holding it, after the write; null when userErrors is not empty.' })
  enterprise!: Enterprise | null;

  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}

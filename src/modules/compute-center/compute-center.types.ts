import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/editing/user-error';
import { connectionType } from '../../common/relay/connection.types';
import { ComputeCenter } from './compute-center.entity';

export const ComputeCenterConnection = connectionType(() => ComputeCenter, 'ComputeCenter', 'compute facility');

@ObjectType({ description: 'Result of a write to a compute facility or its capacities.' })
export class ComputeCenterPayload {
  @Field(() => ComputeCenter, { nullable: true, description: 'The facility after the write; null when userErrors is not empty.' })
  computeCenter!: ComputeCenter | null;

  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}

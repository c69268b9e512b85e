import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/editing/user-error';
import { connectionType } from '../../common/relay/connection.types';
import { ComputeVoucherProgram } from './voucher-program.entity';

export const ComputeVoucherProgramConnection = connectionType(() => ComputeVoucherProgram, 'ComputeVoucherProgram', 'compute-voucher programme');

@ObjectType({ description: 'Result of createComputeVoucherProgram / updateComputeVoucherProgram.' })
export class ComputeVoucherProgramPayload {
  @Field(() => ComputeVoucherProgram, { nullable: true, description: 'The programme after the write; null when userErrors is not empty.' })
  computeVoucherProgram!: ComputeVoucherProgram | null;

  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}

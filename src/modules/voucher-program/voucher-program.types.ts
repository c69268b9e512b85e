import { writePayload } from '../../common/payload-type';
import { ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { ComputeVoucherProgram } from './voucher-program.entity';

export const ComputeVoucherProgramConnection = connectionType(() => ComputeVoucherProgram, 'ComputeVoucherProgram', 'compute-voucher programme');

@ObjectType({ description: 'Result of createComputeVoucherProgram / updateComputeVoucherProgram.' })
export class ComputeVoucherProgramPayload extends writePayload(() => ComputeVoucherProgram, 'computeVoucherProgram', 'programme') {}

import { writePayload } from '../../common/payload-type';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { ComputeVoucherGrant } from './voucher-grant.entity';

export const ComputeVoucherGrantConnection = connectionType(() => ComputeVoucherGrant, 'ComputeVoucherGrant', 'compute-voucher grant');

@ObjectType({ description: 'Result of createComputeVoucherGrant / updateComputeVoucherGrant.' })
export class ComputeVoucherGrantPayload extends writePayload(() => ComputeVoucherGrant, 'computeVoucherGrant', 'grant') {}

@ObjectType({ description: '算力券年度合计 Voucher grants of one year, summed by the database over the grants a filter selects.' })
export class ComputeVoucherYearTotal {
  @Field(() => Int, { nullable: true, description: 'Year of the grant date, else of its programme; null for grants of unknown year (listed last).' })
  year!: number | null;

  @Field(() => Int, { description: 'Number of grants.' })
  grantCount!: number;

  @Field(() => Int, { description: 'Number of distinct firms granted.' })
  firmCount!: number;

  @Field(() => Float, { description: 'Sum of the amounts in yuan (元), sample and synthetic grants included.' })
  amountYuan!: number;

  @Field(() => Int, { description: 'How many of the grants are SAMPLE or SYNTHETIC (invented).' })
  sampleGrantCount!: number;

  @Field(() => Float, { description: 'Sum of the amounts of the grants that are not SAMPLE or SYNTHETIC: the figure to quote.' })
  nonSampleAmountYuan!: number;
}

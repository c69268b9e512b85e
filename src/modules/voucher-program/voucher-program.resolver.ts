import { FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { pagedList } from '../../common/relay/paged-list';
import { ComputeVoucherProgram } from './voucher-program.entity';
import { ComputeVoucherProgramFilter, ComputeVoucherProgramOrder } from './voucher-program.inputs';
import { listVoucherPrograms, voucherProgramOrdering, yuanOf } from './voucher-program.service';
import { ComputeVoucherProgramConnection } from './voucher-program.types';

/** How compute-voucher programmes are listed. */
export const voucherProgramList = pagedList(
  ComputeVoucherProgramConnection,
  listVoucherPrograms,
  [ComputeVoucherProgramFilter, 'Conditions the records must meet.'],
  [ComputeVoucherProgramOrder, voucherProgramOrdering],
);

@Resolver(() => ComputeVoucherProgram)
export class ComputeVoucherProgramResolver extends voucherProgramList.query('computeVoucherPrograms', '算力券项目 Compute-voucher programmes, paged.') {
  @FieldResolver(() => Float, { nullable: true, description: '总预算 Total budget in yuan (元), when the source states it.' })
  totalBudgetYuan(@Root() program: ComputeVoucherProgram): number | null {
    return yuanOf(program.totalBudgetYuan);
  }
}

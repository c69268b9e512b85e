import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Float, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { ComputeVoucherProgram } from './voucher-program.entity';
import { ComputeVoucherProgramFilter, ComputeVoucherProgramOrder } from './voucher-program.inputs';
import { listVoucherPrograms, voucherProgramOrdering, yuanOf } from './voucher-program.service';
import { ComputeVoucherProgramConnection } from './voucher-program.types';

@Resolver(() => ComputeVoucherProgram)
export class ComputeVoucherProgramResolver {
  @Query(() => ComputeVoucherProgramConnection, { description: '算力券项目 Compute-voucher programmes, paged.' })
  computeVoucherPrograms(
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ComputeVoucherProgramFilter, { nullable: true, description: 'Conditions the records must meet.' })
    filter: ComputeVoucherProgramFilter | null,
    @Arg('orderBy', () => ComputeVoucherProgramOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: ComputeVoucherProgramOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listVoucherPrograms(ctx, { filter, args, info, ordering: voucherProgramOrdering(orderBy) });
  }

  @FieldResolver(() => Float, { nullable: true, description: '总预算 Total budget in yuan (元), when the source states it.' })
  totalBudgetYuan(@Root() program: ComputeVoucherProgram): number | null {
    return yuanOf(program.totalBudgetYuan);
  }
}

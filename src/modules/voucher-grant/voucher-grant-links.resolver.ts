import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { ComputeCenter } from '../compute-center/compute-center.entity';
import { Enterprise } from '../enterprise/enterprise.entity';
import { ComputeVoucherProgram } from '../voucher-program/voucher-program.entity';
import { ComputeVoucherGrantFilter, ComputeVoucherGrantOrder } from './voucher-grant.inputs';
import { listVoucherGrants, voucherGrantOrdering, voucherGrantsVia } from './voucher-grant.service';
import { ComputeVoucherGrantConnection } from './voucher-grant.types';

// Links from types lower in the module order (see eslint.config.mjs) to this module's records:
// resolved here, so the lower modules never import this one.

@Resolver(() => Enterprise)
export class EnterpriseVoucherGrantsResolver {
  @FieldResolver(() => ComputeVoucherGrantConnection, { description: '算力券 Compute-voucher grants the firm received.' })
  computeVoucherGrants(
    @Root() firm: Enterprise,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ComputeVoucherGrantFilter, { nullable: true, description: 'Conditions the grants must meet.' })
    filter: ComputeVoucherGrantFilter | null,
    @Arg('orderBy', () => ComputeVoucherGrantOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: ComputeVoucherGrantOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listVoucherGrants(ctx, { filter, args, info, ordering: voucherGrantOrdering(orderBy) }, { id: firm.id, via: voucherGrantsVia.enterprise });
  }
}

@Resolver(() => ComputeCenter)
export class ComputeCenterVoucherGrantsResolver {
  @FieldResolver(() => ComputeVoucherGrantConnection, { description: '算力券 Compute-voucher grants redeemed at the facility.' })
  computeVoucherGrants(
    @Root() center: ComputeCenter,
    @Args() args: ConnectionArgs,
    @Arg('orderBy', () => ComputeVoucherGrantOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: ComputeVoucherGrantOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listVoucherGrants(ctx, { args, info, ordering: voucherGrantOrdering(orderBy) }, { id: center.id, via: voucherGrantsVia.computeCenter });
  }
}

@Resolver(() => ComputeVoucherProgram)
export class ProgramVoucherGrantsResolver {
  @FieldResolver(() => ComputeVoucherGrantConnection, { description: 'Grants made under the programme.' })
  grants(
    @Root() program: ComputeVoucherProgram,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ComputeVoucherGrantFilter, { nullable: true, description: 'Conditions the grants must meet.' })
    filter: ComputeVoucherGrantFilter | null,
    @Arg('orderBy', () => ComputeVoucherGrantOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: ComputeVoucherGrantOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listVoucherGrants(ctx, { filter, args, info, ordering: voucherGrantOrdering(orderBy) }, { id: program.id, via: voucherGrantsVia.program });
  }
}

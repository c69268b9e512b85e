import { GraphQLDate } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { pagedList } from '../../common/relay/paged-list';
import { ComputeCenter } from '../compute-center/compute-center.entity';
import { computeCenterById } from '../compute-center/compute-center.service';
import { Enterprise } from '../enterprise/enterprise.entity';
import { enterpriseById } from '../enterprise/enterprise.service';
import { ComputeVoucherProgram } from '../voucher-program/voucher-program.entity';
import { voucherProgramById, yuanOf } from '../voucher-program/voucher-program.service';
import { ComputeVoucherGrant } from './voucher-grant.entity';
import { ComputeVoucherGrantFilter, ComputeVoucherGrantOrder } from './voucher-grant.inputs';
import { listVoucherGrants, voucherGrantOrdering, voucherTotalsByYear } from './voucher-grant.service';
import { ComputeVoucherGrantConnection, ComputeVoucherYearTotal } from './voucher-grant.types';

const filterArg = { nullable: true, description: 'Conditions the grants must meet.' } as const;

/** How compute-voucher grants are listed: the root query here, the links from other types in voucher-grant-links.resolver.ts. */
export const voucherGrantList = pagedList(
  ComputeVoucherGrantConnection,
  listVoucherGrants,
  [ComputeVoucherGrantFilter, 'Conditions the grants must meet.'],
  [ComputeVoucherGrantOrder, voucherGrantOrdering],
);

@Resolver(() => ComputeVoucherGrant)
export class ComputeVoucherGrantResolver extends voucherGrantList.query(
  'computeVoucherGrants',
  '算力券发放 Compute-voucher grants, paged; filter by programme, firm, park, sector, facility or year.',
) {
  @Query(() => [ComputeVoucherYearTotal], {
    description: '算力券年度合计 Voucher grants summed per year (grant date, else programme year), over the grants the filter selects; unknown years last.',
  })
  computeVoucherTotals(@Arg('filter', () => ComputeVoucherGrantFilter, filterArg) filter: ComputeVoucherGrantFilter | null, @Ctx() ctx: Context) {
    return voucherTotalsByYear(ctx, filter);
  }

  @FieldResolver(() => ComputeVoucherProgram, { description: 'The programme the grant belongs to.' })
  async program(@Root() grant: ComputeVoucherGrant, @Ctx() ctx: Context): Promise<ComputeVoucherProgram> {
    return (await voucherProgramById(ctx, grant.program.id))!;
  }

  @FieldResolver(() => Enterprise, { description: 'The firm granted the vouchers.' })
  async enterprise(@Root() grant: ComputeVoucherGrant, @Ctx() ctx: Context): Promise<Enterprise> {
    return (await enterpriseById(ctx, grant.enterprise.id))!;
  }

  @FieldResolver(() => ComputeCenter, { nullable: true, description: 'The compute facility that redeems the vouchers, when known.' })
  computeCenter(@Root() grant: ComputeVoucherGrant, @Ctx() ctx: Context): Promise<ComputeCenter | null> | null {
    return grant.computeCenter ? computeCenterById(ctx, grant.computeCenter.id) : null;
  }

  @FieldResolver(() => Float, { description: '金额 Amount in yuan (元).' })
  amountYuan(@Root() grant: ComputeVoucherGrant): number {
    return yuanOf(grant.amountYuan)!;
  }

  @FieldResolver(() => GraphQLDate, { nullable: true, description: '发放日期 Date of the grant, when known.' })
  grantedOn(@Root() grant: ComputeVoucherGrant): string | Date | null {
    // PostgreSQL's driver gives the text, PGlite's a Date: the scalar serialises either.
    return grant.grantedOn ?? null;
  }
}

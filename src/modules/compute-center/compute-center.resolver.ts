import { Arg, Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { pagedList } from '../../common/relay/paged-list';
import { filterValues } from '../../common/filters';
import { Park } from '../park/park.entity';
import { parkById } from '../park/park.service';
import { ComputeCapacity } from './compute-capacity.types';
import { ComputeCenter } from './compute-center.entity';
import { ComputeKind } from './compute-center.enums';
import { ComputeCenterFilter, ComputeCenterOrder } from './compute-center.inputs';
import { capacitiesOf, computeCenterOrdering, listComputeCenters, totalCapacity } from './compute-center.service';
import { ComputeCenterConnection } from './compute-center.types';

/** How compute facilities are listed. */
export const computeCenterList = pagedList(
  ComputeCenterConnection,
  listComputeCenters,
  [ComputeCenterFilter, 'Conditions the records must meet.'],
  [ComputeCenterOrder, computeCenterOrdering],
);

@Resolver(() => ComputeCenter)
export class ComputeCenterResolver extends computeCenterList.query('computeCenters', 'Compute facilities (算力设施) the plan names or sources cite, paged.') {
  @FieldResolver(() => Park, { nullable: true, description: 'Park the facility is located in, if known.' })
  park(@Root() center: ComputeCenter, @Ctx() ctx: Context): Promise<Park | null> | null {
    return center.park ? parkById(ctx, center.park.id) : null;
  }

  @FieldResolver(() => [ComputeCapacity], {
    description: '分类算力 Capacity per kind, each figure with its source; empty when no source states one. A facility that mixes kinds has several.',
  })
  capacities(@Root() center: ComputeCenter, @Ctx() ctx: Context): Promise<ComputeCapacity[]> {
    return capacitiesOf(ctx, center.id);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      '总算力 Sum of the stated capacities of the given kinds in PFLOPS (every figure, of stated kind or not, when kinds is omitted); null when there is none.',
  })
  async totalCapacityPflops(
    @Root() center: ComputeCenter,
    @Arg('kinds', () => [ComputeKind], { nullable: true, description: 'Only these kinds, e.g. [INTELLIGENT] for 智能算力.' }) kinds: ComputeKind[] | null,
    @Ctx() ctx: Context,
  ): Promise<number | null> {
    return totalCapacity(await capacitiesOf(ctx, center.id), filterValues(kinds, 'kinds'));
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Intelligent compute capacity in PFLOPS, when a source states it.',
    deprecationReason: 'Use totalCapacityPflops(kinds: [INTELLIGENT]) or capacities, which carry every kind with its source.',
  })
  async capacityPflops(@Root() center: ComputeCenter, @Ctx() ctx: Context): Promise<number | null> {
    return totalCapacity(await capacitiesOf(ctx, center.id), [ComputeKind.INTELLIGENT]);
  }
}

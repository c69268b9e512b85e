import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { Park } from '../park/park.entity';
import { parkById } from '../park/park.service';
import { ComputeCenter } from './compute-center.entity';
import { ComputeCenterFilter } from './compute-center.inputs';
import { listComputeCenters } from './compute-center.service';
import { ComputeCenterConnection } from './compute-center.types';

@Resolver(() => ComputeCenter)
export class ComputeCenterResolver {
  @Query(() => ComputeCenterConnection, { description: 'Compute facilities (算力设施) the plan names or sources cite, paged.' })
  computeCenters(
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ComputeCenterFilter, { nullable: true, description: 'Conditions the records must meet.' }) filter: ComputeCenterFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listComputeCenters(ctx, { filter, args, info });
  }

  @FieldResolver(() => Park, { nullable: true, description: 'Park the facility is located in, if known.' })
  park(@Root() center: ComputeCenter, @Ctx() ctx: Context): Promise<Park | null> | null {
    return center.park ? parkById(ctx, center.park.id) : null;
  }
}

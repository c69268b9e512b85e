import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { ComputeCenterConnection } from '../compute-center/compute-center.types';
import { computeCentersVia, listComputeCenters } from '../compute-center/compute-center.service';
import { EnterpriseFilter } from '../enterprise/enterprise.inputs';
import { enterprisesVia, listEnterprises } from '../enterprise/enterprise.service';
import { EnterpriseConnection } from '../enterprise/enterprise.types';
import { PlatformFilter } from '../platform/platform.inputs';
import { listPlatforms, platformsVia } from '../platform/platform.service';
import { InnovationPlatformConnection } from '../platform/platform.types';
import { ScenarioFilter } from '../scenario/scenario.inputs';
import { listScenarios, scenariosVia } from '../scenario/scenario.service';
import { ScenarioConnection } from '../scenario/scenario.types';
import { Sector } from '../sector/sector.entity';
import { sectorPivots, sectorsOf } from '../sector/sector.service';
import { Park } from './park.entity';
import { ParkFilter } from './park.inputs';
import { listParks } from './park.service';
import { ParkConnection } from './park.types';

@Resolver(() => Park)
export class ParkResolver {
  @Query(() => ParkConnection, { description: 'Industrial parks (产业园区), filtered and paged.' })
  parks(
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ParkFilter, { nullable: true, description: 'Conditions the parks must meet.' }) filter: ParkFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listParks(ctx, { filter, args, info });
  }

  @FieldResolver(() => [Sector], { description: 'Focus sectors of the park (重点领域), in the plan’s order.' })
  focusSectors(@Root() park: Park, @Ctx() ctx: Context): Promise<Sector[]> {
    return sectorsOf(ctx, sectorPivots.park, park.id);
  }

  @FieldResolver(() => EnterpriseConnection, { description: 'Firms located in the park.' })
  enterprises(
    @Root() park: Park,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => EnterpriseFilter, { nullable: true, description: 'Conditions the firms must meet.' }) filter: EnterpriseFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listEnterprises(ctx, { filter, args, info }, { id: park.id, via: enterprisesVia.park });
  }

  @FieldResolver(() => InnovationPlatformConnection, { description: 'Innovation platforms located in the park.' })
  platforms(
    @Root() park: Park,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => PlatformFilter, { nullable: true, description: 'Conditions the platforms must meet.' }) filter: PlatformFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listPlatforms(ctx, { filter, args, info }, { id: park.id, via: platformsVia.park });
  }

  @FieldResolver(() => ScenarioConnection, { description: 'Application scenarios located in the park.' })
  scenarios(
    @Root() park: Park,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ScenarioFilter, { nullable: true, description: 'Conditions the scenarios must meet.' }) filter: ScenarioFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listScenarios(ctx, { filter, args, info }, { id: park.id, via: scenariosVia.park });
  }

  @FieldResolver(() => ComputeCenterConnection, { description: 'Compute facilities located in the park.' })
  computeCenters(@Root() park: Park, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listComputeCenters(ctx, { args, info }, { id: park.id, via: computeCentersVia.park });
  }
}

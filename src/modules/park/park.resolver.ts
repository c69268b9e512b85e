import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { Provenance } from '../../common/provenance';
import { ConnectionArgs, RootConnectionArgs } from '../../common/relay/connection.types';
import { ComputeCenterConnection } from '../compute-center/compute-center.types';
import { computeCentersVia, listComputeCenters } from '../compute-center/compute-center.service';
import { EnterpriseFilter, EnterpriseOrder } from '../enterprise/enterprise.inputs';
import { enterprisesVia, listEnterprises, enterpriseOrdering } from '../enterprise/enterprise.service';
import { EnterpriseConnection } from '../enterprise/enterprise.types';
import { PlatformFilter, PlatformOrder } from '../platform/platform.inputs';
import { listPlatforms, platformsVia, platformOrdering } from '../platform/platform.service';
import { InnovationPlatformConnection } from '../platform/platform.types';
import { ScenarioFilter, ScenarioOrder } from '../scenario/scenario.inputs';
import { listScenarios, scenariosVia, scenarioOrdering } from '../scenario/scenario.service';
import { ScenarioConnection } from '../scenario/scenario.types';
import { Sector } from '../sector/sector.entity';
import { sectorPivots, sectorsOf } from '../sector/sector.service';
import { focusSectorsProvenance, Park } from './park.entity';
import { ParkFilter, ParkOrder } from './park.inputs';
import { listParks, parkOrdering } from './park.service';
import { ParkConnection } from './park.types';

@Resolver(() => Park)
export class ParkResolver {
  @Query(() => ParkConnection, { description: 'Industrial parks (产业园区), filtered and paged.' })
  parks(
    @Args() args: RootConnectionArgs,
    @Arg('filter', () => ParkFilter, { nullable: true, description: 'Conditions the parks must meet.' }) filter: ParkFilter | null,
    @Arg('orderBy', () => ParkOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' }) orderBy: ParkOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listParks(ctx, { filter, args, info, ordering: parkOrdering(orderBy) });
  }

  @FieldResolver(() => [Sector], {
    description:
      'Focus sectors of the park (重点领域), in the plan’s order of sectors. The plan assigns no sectors to parks: for the plan’s parks they are an editorial assignment (see focusSectorsProvenance).',
  })
  focusSectors(@Root() park: Park, @Ctx() ctx: Context): Promise<Sector[]> {
    return sectorsOf(ctx, sectorPivots.park, park.id);
  }

  @FieldResolver(() => Provenance, { description: 'Where the park’s focus sectors come from: EDITORIAL for the plan’s parks (neither the plan nor the sources assign sectors), otherwise the park’s own provenance.' })
  focusSectorsProvenance(@Root() park: Park): Provenance {
    return focusSectorsProvenance(park.provenance);
  }

  @FieldResolver(() => EnterpriseConnection, { description: 'Firms located in the park.' })
  enterprises(
    @Root() park: Park,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => EnterpriseFilter, { nullable: true, description: 'Conditions the firms must meet.' }) filter: EnterpriseFilter | null,
    @Arg('orderBy', () => EnterpriseOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' }) orderBy: EnterpriseOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listEnterprises(ctx, { filter, args, info, ordering: enterpriseOrdering(orderBy) }, { id: park.id, via: enterprisesVia.park });
  }

  @FieldResolver(() => InnovationPlatformConnection, { description: 'Innovation platforms located in the park.' })
  platforms(
    @Root() park: Park,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => PlatformFilter, { nullable: true, description: 'Conditions the platforms must meet.' }) filter: PlatformFilter | null,
    @Arg('orderBy', () => PlatformOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' }) orderBy: PlatformOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listPlatforms(ctx, { filter, args, info, ordering: platformOrdering(orderBy) }, { id: park.id, via: platformsVia.park });
  }

  @FieldResolver(() => ScenarioConnection, { description: 'Application scenarios located in the park.' })
  scenarios(
    @Root() park: Park,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ScenarioFilter, { nullable: true, description: 'Conditions the scenarios must meet.' }) filter: ScenarioFilter | null,
    @Arg('orderBy', () => ScenarioOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' }) orderBy: ScenarioOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listScenarios(ctx, { filter, args, info, ordering: scenarioOrdering(orderBy) }, { id: park.id, via: scenariosVia.park });
  }

  @FieldResolver(() => ComputeCenterConnection, { description: 'Compute facilities located in the park.' })
  computeCenters(@Root() park: Park, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listComputeCenters(ctx, { args, info }, { id: park.id, via: computeCentersVia.park });
  }
}

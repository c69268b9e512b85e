import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { EnterpriseFilter } from '../enterprise/enterprise.inputs';
import { Park } from '../park/park.entity';
import { parkById } from '../park/park.service';
import { PlatformFilter } from '../platform/platform.inputs';
import { ScenarioFilter } from '../scenario/scenario.inputs';
import { coverage } from './coverage.service';
import { Coverage, CoverageCell, CoverageFilter } from './coverage.types';
import { enterpriseFacets, platformFacets, scenarioFacets } from './facets.service';
import { selectsPath } from './selection';
import { EnterpriseFacets, ParkCount, PlatformFacets, ScenarioFacets } from './facets.types';

@Resolver()
export class AnalyticsResolver {
  @Query(() => EnterpriseFacets, { description: '企业分面统计 Counts of the firms a filter selects, by sector, park, layer and district.' })
  enterpriseFacets(
    @Arg('filter', () => EnterpriseFilter, { nullable: true, description: 'Conditions the counted firms meet; none counts all firms.' })
    filter: EnterpriseFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EnterpriseFacets> {
    return enterpriseFacets(ctx, filter, { chainNodes: selectsPath(info, ['byChainNode']) });
  }

  @Query(() => ScenarioFacets, { description: '场景分面统计 Counts of the scenarios a filter selects, by sector, status, park and year.' })
  scenarioFacets(
    @Arg('filter', () => ScenarioFilter, { nullable: true, description: 'Conditions the counted scenarios meet; none counts all.' })
    filter: ScenarioFilter | null,
    @Ctx() ctx: Context,
  ): Promise<ScenarioFacets> {
    return scenarioFacets(ctx, filter);
  }

  @Query(() => PlatformFacets, { description: '创新平台分面统计 Counts of the innovation platforms a filter selects, by kind, level, park and sector.' })
  platformFacets(
    @Arg('filter', () => PlatformFilter, { nullable: true, description: 'Conditions the counted platforms meet; none counts all.' })
    filter: PlatformFilter | null,
    @Ctx() ctx: Context,
  ): Promise<PlatformFacets> {
    return platformFacets(ctx, filter);
  }

  @Query(() => Coverage, {
    description: '园区 × 重点领域覆盖矩阵 The park × sector matrix of firm, scenario and platform counts, with missing chain layers per cell.',
  })
  coverage(
    @Arg('filter', () => CoverageFilter, { nullable: true, description: 'Narrows the matrix; none gives every park × all eight sectors.' })
    filter: CoverageFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Coverage> {
    return coverage(ctx, filter, {
      layers: selectsPath(info, ['cells', 'missingLayers']),
      parks: selectsPath(info, ['cells', 'park']) || selectsPath(info, ['chainNodeCells', 'park']) || selectsPath(info, ['computeByPark', 'park']),
      chainNodes: selectsPath(info, ['chainNodeCells']),
      compute: selectsPath(info, ['computeByPark']),
    });
  }
}

@Resolver(() => ParkCount)
export class ParkCountResolver {
  @FieldResolver(() => Park, { description: 'The park.' })
  async park(@Root() bucket: ParkCount, @Ctx() ctx: Context): Promise<Park> {
    return (await parkById(ctx, bucket.parkId))!;
  }
}

@Resolver(() => CoverageCell)
export class CoverageCellResolver {
  @FieldResolver(() => Park, { description: 'The park (row of the matrix).' })
  park(@Root() cell: CoverageCell, @Ctx() ctx: Context): Park | Promise<Park> {
    // Normally loaded with the matrix; the loader covers a park the service did not load.
    return cell.park ?? parkById(ctx, cell.parkId).then((park) => park!);
  }
}

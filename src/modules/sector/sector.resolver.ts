import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { EnterpriseConnection } from '../enterprise/enterprise.types';
import { EnterpriseFilter } from '../enterprise/enterprise.inputs';
import { enterprisesVia, listEnterprises } from '../enterprise/enterprise.service';
import { Sector } from './sector.entity';
import { SectorCode } from './sector-code.enum';
import { allSectors, sectorByCode } from './sector.service';

@Resolver(() => Sector)
export class SectorResolver {
  @Query(() => [Sector], { description: 'The eight focus sectors (重点领域) in the order the plan lists them.' })
  sectors(@Ctx() ctx: Context): Promise<Sector[]> {
    return allSectors(ctx);
  }

  @Query(() => Sector, { nullable: true, description: 'One sector by its code.' })
  sector(@Arg('code', () => SectorCode, { description: 'Sector code.' }) code: SectorCode, @Ctx() ctx: Context): Promise<Sector | null> {
    return sectorByCode(ctx, code);
  }

  @FieldResolver(() => EnterpriseConnection, { description: 'Firms serving this sector.' })
  enterprises(
    @Root() sector: Sector,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => EnterpriseFilter, { nullable: true, description: 'Further conditions on the firms.' }) filter: EnterpriseFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listEnterprises(ctx, { filter, args, info }, { id: sector.code, via: enterprisesVia.sector });
  }
}

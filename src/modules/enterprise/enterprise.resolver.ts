import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs, RootConnectionArgs } from '../../common/relay/connection.types';
import { ParkFilter, ParkOrder } from '../park/park.inputs';
import { listParks, parksVia, parkOrdering } from '../park/park.service';
import { ParkConnection } from '../park/park.types';
import { Sector } from '../sector/sector.entity';
import { sectorPivots, sectorsOf } from '../sector/sector.service';
import { Enterprise } from './enterprise.entity';
import { EnterpriseFilter, EnterpriseOrder } from './enterprise.inputs';
import { listEnterprises, enterpriseOrdering } from './enterprise.service';
import { EnterpriseConnection } from './enterprise.types';

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => EnterpriseConnection, { description: 'Firms (企业) of the directory, filtered and paged.' })
  enterprises(
    @Args() args: RootConnectionArgs,
    @Arg('filter', () => EnterpriseFilter, { nullable: true, description: 'Conditions the firms must meet.' }) filter: EnterpriseFilter | null,
    @Arg('orderBy', () => EnterpriseOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: EnterpriseOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listEnterprises(ctx, { filter, args, info, ordering: enterpriseOrdering(orderBy) });
  }

  @FieldResolver(() => [Sector], { description: 'Focus sectors the firm serves, in the plan’s order.' })
  sectors(@Root() firm: Enterprise, @Ctx() ctx: Context): Promise<Sector[]> {
    return sectorsOf(ctx, sectorPivots.enterprise, firm.id);
  }

  @FieldResolver(() => ParkConnection, { description: 'Parks the firm is located in (a firm may sit in several).' })
  parks(
    @Root() firm: Enterprise,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ParkFilter, { nullable: true, description: 'Conditions the parks must meet.' }) filter: ParkFilter | null,
    @Arg('orderBy', () => ParkOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' }) orderBy: ParkOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listParks(ctx, { filter, args, info, ordering: parkOrdering(orderBy) }, { id: firm.id, via: parksVia.enterprise });
  }
}

import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { Park } from '../park/park.entity';
import { Sector } from '../sector/sector.entity';
import { EnterpriseFilter, EnterpriseOrder } from './enterprise.inputs';
import { enterpriseOrdering, enterprisesVia, listEnterprises } from './enterprise.service';
import { EnterpriseConnection } from './enterprise.types';
import { Enterprise } from './enterprise.entity';
import { ChainNode } from '../chain-node/chain-node.entity';
import { chainNodesOfEnterprise } from '../chain-node/chain-node.service';

// Links from types lower in the module order (see eslint.config.mjs) to this module's records:
// resolved here, so the lower module never imports this one.
@Resolver(() => Park)
export class ParkEnterprisesResolver {
  @FieldResolver(() => EnterpriseConnection, { description: 'Firms located in the park.' })
  enterprises(
    @Root() park: Park,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => EnterpriseFilter, { nullable: true, description: 'Conditions the firms must meet.' }) filter: EnterpriseFilter | null,
    @Arg('orderBy', () => EnterpriseOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: EnterpriseOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listEnterprises(ctx, { filter, args, info, ordering: enterpriseOrdering(orderBy) }, { id: park.id, via: enterprisesVia.park });
  }
}

@Resolver(() => Sector)
export class SectorEnterprisesResolver {
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

@Resolver(() => ChainNode)
export class ChainNodeEnterprisesResolver {
  @FieldResolver(() => EnterpriseConnection, { description: 'Firms linked to this node or to any node below it (each once), filtered and paged.' })
  enterprises(
    @Root() node: ChainNode,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => EnterpriseFilter, { nullable: true, description: 'Further conditions on the firms (e.g. parkIds).' }) filter: EnterpriseFilter | null,
    @Arg('orderBy', () => EnterpriseOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: EnterpriseOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listEnterprises(ctx, { filter, args, info, ordering: enterpriseOrdering(orderBy) }, { id: node.id, via: enterprisesVia.chainNode });
  }
}

@Resolver(() => Enterprise)
export class EnterpriseChainNodesResolver {
  @FieldResolver(() => [ChainNode], { description: '产业链环节 The chain-map segments the firm works in (its direct links), in map order.' })
  chainNodes(@Root() firm: Enterprise, @Ctx() ctx: Context): Promise<ChainNode[]> {
    return chainNodesOfEnterprise(ctx, firm.id);
  }
}

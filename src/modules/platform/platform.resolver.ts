import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { pagedList } from '../../common/relay/paged-list';
import { ConnectionArgs, RootConnectionArgs } from '../../common/relay/connection.types';
import { enterprisesVia, listEnterprises } from '../enterprise/enterprise.service';
import { EnterpriseConnection } from '../enterprise/enterprise.types';
import { Park } from '../park/park.entity';
import { parkById } from '../park/park.service';
import { Sector } from '../sector/sector.entity';
import { sectorPivots, sectorsOf } from '../sector/sector.service';
import { InnovationPlatform } from './platform.entity';
import { PlatformFilter, PlatformOrder } from './platform.inputs';
import { listPlatformHosts, listPlatforms, platformOrdering } from './platform.service';
import { OrganizationConnection } from '../institution/institution.types';
import { InnovationPlatformConnection } from './platform.types';

/** How innovation platforms are listed: the root query here, the links from other types in platform-links.resolver.ts. */
export const platformList = pagedList(
  InnovationPlatformConnection,
  listPlatforms,
  [PlatformFilter, 'Conditions the platforms must meet.'],
  [PlatformOrder, platformOrdering],
);

@Resolver(() => InnovationPlatform)
export class PlatformResolver extends platformList.query('platforms', 'Innovation platforms (创新平台), filtered and paged.', { paging: RootConnectionArgs }) {
  @FieldResolver(() => EnterpriseConnection, {
    description: 'Firms that host (依托单位) the platform; institutions are not in this list.',
    deprecationReason: 'Use hostOrganizations, which lists the hosting universities and institutes (高校院所) beside the firms.',
  })
  hosts(@Root() platform: InnovationPlatform, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listEnterprises(ctx, { args, info }, { id: platform.id, via: enterprisesVia.hostedPlatform });
  }

  @FieldResolver(() => OrganizationConnection, {
    description:
      '依托单位 Who hosts or co-hosts the platform: firms (Enterprise) first, then universities and research institutes (Institution), each in order of entry.',
  })
  hostOrganizations(@Root() platform: InnovationPlatform, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listPlatformHosts(ctx, platform.id, args, info);
  }

  @FieldResolver(() => Park, { nullable: true, description: 'Park the platform is located in, if any.' })
  park(@Root() platform: InnovationPlatform, @Ctx() ctx: Context): Promise<Park | null> | null {
    return platform.park ? parkById(ctx, platform.park.id) : null;
  }

  @FieldResolver(() => [Sector], { description: 'Sectors the platform serves, in the plan’s order.' })
  sectors(@Root() platform: InnovationPlatform, @Ctx() ctx: Context): Promise<Sector[]> {
    return sectorsOf(ctx, sectorPivots.platform, platform.id);
  }
}

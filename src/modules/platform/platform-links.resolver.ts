import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Park } from '../park/park.entity';
import { Institution } from '../institution/institution.entity';
import { PlatformFilter, PlatformOrder } from './platform.inputs';
import { listPlatforms, platformOrdering, platformsVia } from './platform.service';
import { InnovationPlatformConnection } from './platform.types';

// Links from types lower in the module order (see eslint.config.mjs) to this module's records:
// resolved here, so the lower module never imports this one.
@Resolver(() => Park)
export class ParkPlatformsResolver {
  @FieldResolver(() => InnovationPlatformConnection, { description: 'Innovation platforms located in the park.' })
  platforms(
    @Root() park: Park,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => PlatformFilter, { nullable: true, description: 'Conditions the platforms must meet.' }) filter: PlatformFilter | null,
    @Arg('orderBy', () => PlatformOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: PlatformOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listPlatforms(ctx, { filter, args, info, ordering: platformOrdering(orderBy) }, { id: park.id, via: platformsVia.park });
  }
}

@Resolver(() => Enterprise)
export class EnterprisePlatformsResolver {
  @FieldResolver(() => InnovationPlatformConnection, { description: 'Innovation platforms the firm hosts or co-hosts.' })
  platforms(
    @Root() firm: Enterprise,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => PlatformFilter, { nullable: true, description: 'Conditions the platforms must meet.' }) filter: PlatformFilter | null,
    @Arg('orderBy', () => PlatformOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: PlatformOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listPlatforms(ctx, { filter, args, info, ordering: platformOrdering(orderBy) }, { id: firm.id, via: platformsVia.host });
  }
}

@Resolver(() => Institution)
export class InstitutionPlatformsResolver {
  @FieldResolver(() => InnovationPlatformConnection, { description: 'Innovation platforms the institution hosts or co-hosts (作为依托单位).' })
  platforms(
    @Root() institution: Institution,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => PlatformFilter, { nullable: true, description: 'Conditions the platforms must meet.' }) filter: PlatformFilter | null,
    @Arg('orderBy', () => PlatformOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: PlatformOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listPlatforms(ctx, { filter, args, info, ordering: platformOrdering(orderBy) }, { id: institution.id, via: platformsVia.institutionHost });
  }
}

import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { Park } from '../park/park.entity';
import { computeCentersVia, listComputeCenters } from './compute-center.service';
import { ComputeCenterConnection } from './compute-center.types';

// Links from types lower in the module order (see eslint.config.mjs) to this module's records:
// resolved here, so the lower module never imports this one.
@Resolver(() => Park)
export class ParkComputeCentersResolver {
  @FieldResolver(() => ComputeCenterConnection, { description: 'Compute facilities located in the park.' })
  computeCenters(@Root() park: Park, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listComputeCenters(ctx, { args, info }, { id: park.id, via: computeCentersVia.park });
  }
}

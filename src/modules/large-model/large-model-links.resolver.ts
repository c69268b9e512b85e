import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { Enterprise } from '../enterprise/enterprise.entity';
import { largeModelsVia, listLargeModels } from './large-model.service';
import { LargeModelConnection } from './large-model.types';

// Links from types lower in the module order (see eslint.config.mjs) to this module's records:
// resolved here, so the lower module never imports this one.
@Resolver(() => Enterprise)
export class EnterpriseLargeModelsResolver {
  @FieldResolver(() => LargeModelConnection, { description: 'Large models the firm develops.' })
  largeModels(@Root() firm: Enterprise, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listLargeModels(ctx, { args, info }, { id: firm.id, via: largeModelsVia.developer });
  }
}

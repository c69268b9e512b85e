import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { enterprisesVia, listEnterprises } from '../enterprise/enterprise.service';
import { EnterpriseConnection } from '../enterprise/enterprise.types';
import { Sector } from '../sector/sector.entity';
import { sectorPivots, sectorsOf } from '../sector/sector.service';
import { LargeModel } from './large-model.entity';
import { LargeModelFilter } from './large-model.inputs';
import { listLargeModels } from './large-model.service';
import { LargeModelConnection } from './large-model.types';

@Resolver(() => LargeModel)
export class LargeModelResolver {
  @Query(() => LargeModelConnection, { description: 'Large-model products (大模型) of the directory’s firms, paged.' })
  largeModels(
    @Args() args: ConnectionArgs,
    @Arg('filter', () => LargeModelFilter, { nullable: true, description: 'Conditions the records must meet.' }) filter: LargeModelFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listLargeModels(ctx, { filter, args, info });
  }

  @FieldResolver(() => EnterpriseConnection, { description: 'Firms that develop the model.' })
  developers(@Root() model: LargeModel, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listEnterprises(ctx, { args, info }, { id: model.id, via: enterprisesVia.developedModel });
  }

  @FieldResolver(() => [Sector], { description: 'Focus sectors the model serves.' })
  sectors(@Root() model: LargeModel, @Ctx() ctx: Context): Promise<Sector[]> {
    return sectorsOf(ctx, sectorPivots.largeModel, model.id);
  }
}

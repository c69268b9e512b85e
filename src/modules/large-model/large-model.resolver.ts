import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { pagedList } from '../../common/relay/paged-list';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { enterprisesVia, listEnterprises } from '../enterprise/enterprise.service';
import { EnterpriseConnection } from '../enterprise/enterprise.types';
import { Sector } from '../sector/sector.entity';
import { sectorPivots, sectorsOf } from '../sector/sector.service';
import { LargeModel } from './large-model.entity';
import { LargeModelFilter } from './large-model.inputs';
import { listLargeModels } from './large-model.service';
import { LargeModelConnection } from './large-model.types';

/** How large models are listed (they have no order input). */
export const largeModelList = pagedList(LargeModelConnection, listLargeModels, [LargeModelFilter, 'Conditions the records must meet.']);

@Resolver(() => LargeModel)
export class LargeModelResolver extends largeModelList.query('largeModels', 'Large-model products (大模型) of the directory’s firms, paged.') {
  @FieldResolver(() => EnterpriseConnection, { description: 'Firms that develop the model.' })
  developers(@Root() model: LargeModel, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listEnterprises(ctx, { args, info }, { id: model.id, via: enterprisesVia.developedModel });
  }

  @FieldResolver(() => [Sector], { description: 'Focus sectors the model serves.' })
  sectors(@Root() model: LargeModel, @Ctx() ctx: Context): Promise<Sector[]> {
    return sectorsOf(ctx, sectorPivots.largeModel, model.id);
  }
}

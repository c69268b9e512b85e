import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Institution } from '../institution/institution.entity';
import { listNationalTasks, nationalTasksVia } from './national-task.service';
import { NationalInnovationTaskConnection } from './national-task.types';

// Links from types lower in the module order (see eslint.config.mjs) to this module's records:
// resolved here, so the lower modules never import this one.
@Resolver(() => Enterprise)
export class EnterpriseNationalTasksResolver {
  @FieldResolver(() => NationalInnovationTaskConnection, { description: '揭榜任务 National AI innovation tasks the firm won.' })
  nationalTasks(@Root() firm: Enterprise, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listNationalTasks(ctx, { args, info }, { id: firm.id, via: nationalTasksVia.enterpriseWinner });
  }
}

@Resolver(() => Institution)
export class InstitutionNationalTasksResolver {
  @FieldResolver(() => NationalInnovationTaskConnection, { description: '揭榜任务 National AI innovation tasks the institution won.' })
  nationalTasks(@Root() institution: Institution, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listNationalTasks(ctx, { args, info }, { id: institution.id, via: nationalTasksVia.institutionWinner });
  }
}

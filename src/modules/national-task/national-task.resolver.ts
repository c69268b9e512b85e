import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs, RootConnectionArgs } from '../../common/relay/connection.types';
import { OrganizationConnection } from '../institution/institution.types';
import { NationalInnovationTask } from './national-task.entity';
import { NationalInnovationTaskFilter, NationalInnovationTaskOrder } from './national-task.inputs';
import { listNationalTasks, listTaskWinners, nationalTaskOrdering } from './national-task.service';
import { NationalInnovationTaskConnection } from './national-task.types';

@Resolver(() => NationalInnovationTask)
export class NationalTaskResolver {
  @Query(() => NationalInnovationTaskConnection, {
    description: '国家人工智能创新任务 National AI innovation tasks (揭榜挂帅) won by the directory’s firms and institutions, filtered and paged.',
  })
  nationalInnovationTasks(
    @Args() args: RootConnectionArgs,
    @Arg('filter', () => NationalInnovationTaskFilter, { nullable: true, description: 'Conditions the tasks must meet.' })
    filter: NationalInnovationTaskFilter | null,
    @Arg('orderBy', () => NationalInnovationTaskOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: NationalInnovationTaskOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listNationalTasks(ctx, { filter, args, info, ordering: nationalTaskOrdering(orderBy) });
  }

  @FieldResolver(() => OrganizationConnection, {
    description: '揭榜单位 Who won the task: firms first, then universities and institutes, each in order of entry.',
  })
  winners(@Root() task: NationalInnovationTask, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listTaskWinners(ctx, task.id, args, info);
  }
}

import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { pagedList } from '../../common/relay/paged-list';
import { ConnectionArgs, RootConnectionArgs } from '../../common/relay/connection.types';
import { OrganizationConnection } from '../institution/institution.types';
import { NationalInnovationTask } from './national-task.entity';
import { NationalInnovationTaskFilter, NationalInnovationTaskOrder } from './national-task.inputs';
import { listNationalTasks, listTaskWinners, nationalTaskOrdering } from './national-task.service';
import { NationalInnovationTaskConnection } from './national-task.types';

/** How national tasks are listed. */
export const nationalTaskList = pagedList(
  NationalInnovationTaskConnection,
  listNationalTasks,
  [NationalInnovationTaskFilter, 'Conditions the tasks must meet.'],
  [NationalInnovationTaskOrder, nationalTaskOrdering],
);

@Resolver(() => NationalInnovationTask)
export class NationalTaskResolver extends nationalTaskList.query(
  'nationalInnovationTasks',
  '国家人工智能创新任务 National AI innovation tasks (揭榜挂帅) won by the directory’s firms and institutions, filtered and paged.',
  { paging: RootConnectionArgs },
) {
  @FieldResolver(() => OrganizationConnection, {
    description: '揭榜单位 Who won the task: firms first, then universities and institutes, each in order of entry.',
  })
  winners(@Root() task: NationalInnovationTask, @Args() args: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listTaskWinners(ctx, task.id, args, info);
  }
}

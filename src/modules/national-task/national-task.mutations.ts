import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { localIdOf } from '../../common/editing/entity-editing';
import { setLink } from '../../common/editing/relation-writer';
import { UserErrors } from '../../common/editing/user-error';
import { editingMutations } from '../../common/editing/editing-mutations';
import { enterpriseById } from '../enterprise/enterprise.service';
import { institutionById } from '../institution/institution.service';
import { nationalTaskType } from './national-task.descriptor';
import { taskWinnerRelations, winnerTypeOf } from './national-task.editing';
import { NationalInnovationTask } from './national-task.entity';
import {
  CreateNationalInnovationTaskInput,
  DeleteNationalInnovationTaskInput,
  NationalTaskWinnerInput,
  UpdateNationalInnovationTaskInput,
} from './national-task.inputs';
import { nationalTaskById } from './national-task.service';
import { NationalInnovationTaskPayload, NationalTaskWinnerPayload } from './national-task.types';

/** Writes to national tasks and their winners (editor keys); each mutation is one audited transaction. */
@Resolver(() => NationalInnovationTask)
export class NationalTaskMutationResolver extends editingMutations(nationalTaskType, NationalInnovationTaskPayload, {
  create: {
    input: CreateNationalInnovationTaskInput,
    description:
      '新增国家人工智能创新任务 Adds a national task with its winners (editor key). A winner ID that names no firm or institution is a userError and nothing is written.',
    inputDescription: 'The new task.',
  },
  update: {
    input: UpdateNationalInnovationTaskInput,
    description: '修改国家人工智能创新任务 Changes a task if it is still at expectedVersion; otherwise CONFLICT.',
  },
  delete: {
    input: DeleteNationalInnovationTaskInput,
    description: '删除国家人工智能创新任务 Deletes a task (its winner links go with it).',
    inputDescription: 'The task to delete.',
  },
}) {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => NationalTaskWinnerPayload, { description: '揭榜 Records that a firm or institution won a national task.' })
  linkNationalTaskWinner(
    @Arg('input', () => NationalTaskWinnerInput, { description: 'Task and winner.' }) input: NationalTaskWinnerInput,
    @Ctx() ctx: Context,
  ): Promise<NationalTaskWinnerPayload> {
    return this.setWinner(ctx, input, true);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => NationalTaskWinnerPayload, { description: 'Removes a firm or institution from a task’s winners.' })
  unlinkNationalTaskWinner(
    @Arg('input', () => NationalTaskWinnerInput, { description: 'Task and winner.' }) input: NationalTaskWinnerInput,
    @Ctx() ctx: Context,
  ): Promise<NationalTaskWinnerPayload> {
    return this.setWinner(ctx, input, false);
  }

  private async setWinner(ctx: Context, input: NationalTaskWinnerInput, link: boolean): Promise<NationalTaskWinnerPayload> {
    const errors = new UserErrors();
    const taskId = localIdOf(input.taskId, 'NationalInnovationTask', ['input', 'taskId'], errors);
    const type = winnerTypeOf(input.winnerId, ['input', 'winnerId'], errors);
    const winnerId = type ? localIdOf(input.winnerId, type, ['input', 'winnerId'], errors) : null;
    const spec = taskWinnerRelations[type ?? 'Enterprise'];
    const { changed, userErrors } = await setLink(ctx, spec, { leftKey: taskId, rightKey: winnerId }, link, errors);
    if (userErrors.length) return { changed, nationalInnovationTask: null, winner: null, userErrors };
    const read = { ...ctx, em: ctx.em.fork() };
    const [nationalInnovationTask, winner] = await Promise.all([
      nationalTaskById(read, taskId!),
      type === 'Institution' ? institutionById(read, winnerId!) : enterpriseById(read, winnerId!),
    ]);
    return { changed, nationalInnovationTask, winner, userErrors };
  }
}

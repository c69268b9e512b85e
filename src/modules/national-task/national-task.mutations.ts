import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteWith, localIdOf, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import { setLink } from '../../common/editing/relation-writer';
import { UserErrors } from '../../common/editing/user-error';
import { editingOf } from '../../common/entity-type';
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

const editing = editingOf(nationalTaskType);

/** Writes to national tasks and their winners (editor keys); each mutation is one audited transaction. */
@Resolver(() => NationalInnovationTask)
export class NationalTaskMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => NationalInnovationTaskPayload, {
    description:
      '新增国家人工智能创新任务 Adds a national task with its winners (editor key). A winner ID that names no firm or institution is a userError and nothing is written.',
  })
  async createNationalInnovationTask(
    @Arg('input', () => CreateNationalInnovationTaskInput, { description: 'The new task.' }) input: CreateNationalInnovationTaskInput,
    @Ctx() ctx: Context,
  ): Promise<NationalInnovationTaskPayload> {
    const { record, userErrors } = await createWith(ctx, editing, input);
    return { nationalInnovationTask: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => NationalInnovationTaskPayload, {
    description: '修改国家人工智能创新任务 Changes a task if it is still at expectedVersion; otherwise CONFLICT.',
  })
  async updateNationalInnovationTask(
    @Arg('input', () => UpdateNationalInnovationTaskInput, { description: 'The changes.' }) input: UpdateNationalInnovationTaskInput,
    @Ctx() ctx: Context,
  ): Promise<NationalInnovationTaskPayload> {
    const { record, userErrors } = await updateWith(ctx, editing, input);
    return { nationalInnovationTask: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, { description: '删除国家人工智能创新任务 Deletes a task (its winner links go with it).' })
  deleteNationalInnovationTask(
    @Arg('input', () => DeleteNationalInnovationTaskInput, { description: 'The task to delete.' }) input: DeleteNationalInnovationTaskInput,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteWith(ctx, editing, input.id, false, ['input', 'id']);
  }

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

import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteFromArguments, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import { LargeModel } from './large-model.entity';
import { CreateLargeModelInput, DeleteLargeModelInput, UpdateLargeModelInput } from './large-model.inputs';
import { LargeModelPayload } from './large-model.types';
import { editingOf } from '../../common/entity-type';
import { largeModelType } from './large-model.descriptor';

const editing = editingOf(largeModelType);

/** Writes to large models (editor keys). Nothing depends on a model: delete needs no detach. */
@Resolver(() => LargeModel)
export class LargeModelMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => LargeModelPayload, { description: '新增大模型 Adds a large model.' })
  async createLargeModel(
    @Arg('input', () => CreateLargeModelInput, { description: 'The new model.' }) input: CreateLargeModelInput,
    @Ctx() ctx: Context,
  ): Promise<LargeModelPayload> {
    const { record, userErrors } = await createWith(ctx, editing, input);
    return { largeModel: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => LargeModelPayload, { description: '修改大模型 Changes a model if it is still at expectedVersion; otherwise CONFLICT.' })
  async updateLargeModel(
    @Arg('input', () => UpdateLargeModelInput, { description: 'The changes.' }) input: UpdateLargeModelInput,
    @Ctx() ctx: Context,
  ): Promise<LargeModelPayload> {
    const { record, userErrors } = await updateWith(ctx, editing, input);
    return { largeModel: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, { description: '删除大模型 Deletes a model (its developer and sector links go with it).' })
  deleteLargeModel(
    @Arg('input', () => DeleteLargeModelInput, { nullable: true, description: 'The model to delete.' }) input: DeleteLargeModelInput | null,
    @Arg('id', () => ID, { nullable: true, deprecationReason: 'Use input: { id }.', description: 'The model to delete.' }) id: string | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteFromArguments(ctx, editing, { id, input });
  }
}

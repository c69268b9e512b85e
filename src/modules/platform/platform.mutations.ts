import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteFromArguments, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import { InnovationPlatform } from './platform.entity';
import { CreateInnovationPlatformInput, DeleteInnovationPlatformInput, UpdateInnovationPlatformInput } from './platform.inputs';
import { InnovationPlatformPayload } from './platform.types';
import { editingOf } from '../../common/entity-type';
import { platformType } from './platform.descriptor';

const editing = editingOf(platformType);

/** Writes to innovation platforms (editor keys). Nothing depends on a platform: delete needs no detach. */
@Resolver(() => InnovationPlatform)
export class PlatformMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => InnovationPlatformPayload, { description: '新增创新平台 Adds an innovation platform.' })
  async createInnovationPlatform(
    @Arg('input', () => CreateInnovationPlatformInput, { description: 'The new platform.' }) input: CreateInnovationPlatformInput,
    @Ctx() ctx: Context,
  ): Promise<InnovationPlatformPayload> {
    const { record, userErrors } = await createWith(ctx, editing, input);
    return { innovationPlatform: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => InnovationPlatformPayload, { description: '修改创新平台 Changes a platform if it is still at expectedVersion; otherwise CONFLICT.' })
  async updateInnovationPlatform(
    @Arg('input', () => UpdateInnovationPlatformInput, { description: 'The changes.' }) input: UpdateInnovationPlatformInput,
    @Ctx() ctx: Context,
  ): Promise<InnovationPlatformPayload> {
    const { record, userErrors } = await updateWith(ctx, editing, input);
    return { innovationPlatform: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, { description: '删除创新平台 Deletes a platform (its host and sector links go with it).' })
  deleteInnovationPlatform(
    @Arg('input', () => DeleteInnovationPlatformInput, { nullable: true, description: 'The platform to delete.' }) input: DeleteInnovationPlatformInput | null,
    @Arg('id', () => ID, { nullable: true, deprecationReason: 'Use input: { id }.', description: 'The platform to delete.' }) id: string | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteFromArguments(ctx, editing, { id, input });
  }
}

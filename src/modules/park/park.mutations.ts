import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteFromArguments, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import { Park } from './park.entity';
import { CreateParkInput, DeleteParkInput, UpdateParkInput } from './park.inputs';
import { ParkPayload } from './park.types';
import { editingOf } from '../../common/entity-type';
import { parkType } from './park.descriptor';

const editing = editingOf(parkType);

/** Writes to parks (editor keys); each mutation in its own transaction, audited. */
@Resolver(() => Park)
export class ParkMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => ParkPayload, { description: '新增园区 Adds a park.' })
  async createPark(@Arg('input', () => CreateParkInput, { description: 'The new park.' }) input: CreateParkInput, @Ctx() ctx: Context): Promise<ParkPayload> {
    const { record, userErrors } = await createWith(ctx, editing, input);
    return { park: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => ParkPayload, { description: '修改园区 Changes a park if it is still at expectedVersion; otherwise CONFLICT.' })
  async updatePark(@Arg('input', () => UpdateParkInput, { description: 'The changes.' }) input: UpdateParkInput, @Ctx() ctx: Context): Promise<ParkPayload> {
    const { record, userErrors } = await updateWith(ctx, editing, input);
    return { park: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, {
    description:
      '删除园区 Deletes a park; refused (HAS_DEPENDANTS) while firms, platforms, scenarios or compute centres are in it, unless input.detach is true.',
  })
  deletePark(
    @Arg('input', () => DeleteParkInput, { nullable: true, description: 'The park to delete, and whether to clear it of what is in it.' })
    input: DeleteParkInput | null,
    @Arg('id', () => ID, { nullable: true, deprecationReason: 'Use input: { id }.', description: 'The park to delete.' }) id: string | null,
    @Arg('detach', {
      defaultValue: false,
      deprecationReason: 'Use input: { id, detach }.',
      description: 'Remove the firms from the park and clear the park of its platforms, scenarios and compute centres, then delete it.',
    })
    detach: boolean,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteFromArguments(ctx, editing, { id, detach, input });
  }
}

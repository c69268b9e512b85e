import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteWith, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import { editingOf } from '../../common/entity-type';
import { voucherGrantType } from './voucher-grant.descriptor';
import { ComputeVoucherGrant } from './voucher-grant.entity';
import { CreateComputeVoucherGrantInput, DeleteComputeVoucherGrantInput, UpdateComputeVoucherGrantInput } from './voucher-grant.inputs';
import { ComputeVoucherGrantPayload } from './voucher-grant.types';

const editing = editingOf(voucherGrantType);

/** Writes to voucher grants (editor keys). */
@Resolver(() => ComputeVoucherGrant)
export class ComputeVoucherGrantMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => ComputeVoucherGrantPayload, {
    description: '新增算力券发放 Records a grant; an unknown programme, firm or facility, or an amount not above 0, is a user error and nothing is written.',
  })
  async createComputeVoucherGrant(
    @Arg('input', () => CreateComputeVoucherGrantInput, { description: 'The new grant.' }) input: CreateComputeVoucherGrantInput,
    @Ctx() ctx: Context,
  ): Promise<ComputeVoucherGrantPayload> {
    const { record, userErrors } = await createWith(ctx, editing, input);
    return { computeVoucherGrant: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => ComputeVoucherGrantPayload, { description: '修改算力券发放 Changes a grant if it is still at expectedVersion; otherwise CONFLICT.' })
  async updateComputeVoucherGrant(
    @Arg('input', () => UpdateComputeVoucherGrantInput, { description: 'The changes.' }) input: UpdateComputeVoucherGrantInput,
    @Ctx() ctx: Context,
  ): Promise<ComputeVoucherGrantPayload> {
    const { record, userErrors } = await updateWith(ctx, editing, input);
    return { computeVoucherGrant: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, { description: '删除算力券发放 Deletes a grant.' })
  deleteComputeVoucherGrant(
    @Arg('input', () => DeleteComputeVoucherGrantInput, { description: 'The grant to delete.' }) input: DeleteComputeVoucherGrantInput,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteWith(ctx, editing, input.id, false, ['input', 'id']);
  }
}

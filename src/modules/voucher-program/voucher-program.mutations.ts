import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteWith, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import { editingOf } from '../../common/entity-type';
import { voucherProgramType } from './voucher-program.descriptor';
import { ComputeVoucherProgram } from './voucher-program.entity';
import { CreateComputeVoucherProgramInput, DeleteComputeVoucherProgramInput, UpdateComputeVoucherProgramInput } from './voucher-program.inputs';
import { ComputeVoucherProgramPayload } from './voucher-program.types';

const editing = editingOf(voucherProgramType);

/** Writes to voucher programmes (editor keys). */
@Resolver(() => ComputeVoucherProgram)
export class ComputeVoucherProgramMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => ComputeVoucherProgramPayload, { description: '新增算力券项目 Adds a compute-voucher programme.' })
  async createComputeVoucherProgram(
    @Arg('input', () => CreateComputeVoucherProgramInput, { description: 'The new programme.' }) input: CreateComputeVoucherProgramInput,
    @Ctx() ctx: Context,
  ): Promise<ComputeVoucherProgramPayload> {
    const { record, userErrors } = await createWith(ctx, editing, input);
    return { computeVoucherProgram: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => ComputeVoucherProgramPayload, {
    description: '修改算力券项目 Changes a programme if it is still at expectedVersion; otherwise CONFLICT.',
  })
  async updateComputeVoucherProgram(
    @Arg('input', () => UpdateComputeVoucherProgramInput, { description: 'The changes.' }) input: UpdateComputeVoucherProgramInput,
    @Ctx() ctx: Context,
  ): Promise<ComputeVoucherProgramPayload> {
    const { record, userErrors } = await updateWith(ctx, editing, input);
    return { computeVoucherProgram: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, { description: '删除算力券项目 Deletes a programme; refused with HAS_DEPENDANTS while it has grants (delete them first).' })
  deleteComputeVoucherProgram(
    @Arg('input', () => DeleteComputeVoucherProgramInput, { description: 'The programme to delete.' }) input: DeleteComputeVoucherProgramInput,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteWith(ctx, editing, input.id, false, ['input', 'id']);
  }
}

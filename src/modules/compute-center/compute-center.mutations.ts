import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { editingMutations } from '../../common/editing/editing-mutations';
import { removeComputeCapacity, setComputeCapacity } from './compute-capacity.editing';
import { computeCenterType } from './compute-center.descriptor';
import { ComputeCenter } from './compute-center.entity';
import {
  CreateComputeCenterInput,
  DeleteComputeCenterInput,
  RemoveComputeCapacityInput,
  SetComputeCapacityInput,
  UpdateComputeCenterInput,
} from './compute-center.inputs';
import { ComputeCenterPayload } from './compute-center.types';

/** Writes to compute facilities and their capacities (editor keys); each in its own transaction, audited. */
@Resolver(() => ComputeCenter)
export class ComputeCenterMutationResolver extends editingMutations(computeCenterType, ComputeCenterPayload, {
  create: {
    input: CreateComputeCenterInput,
    description: '新增算力设施 Adds a compute facility (editor key). Provenance: USER_ENTERED by the key.',
    inputDescription: 'The new facility.',
  },
  update: { input: UpdateComputeCenterInput, description: '修改算力设施 Changes a facility if it is still at expectedVersion; otherwise CONFLICT.' },
  delete: {
    input: DeleteComputeCenterInput,
    description:
      '删除算力设施 Deletes a facility and its capacities; refused (HAS_DEPENDANTS) while 算力券 grants are redeemed at it, unless input.detach is true.',
    inputDescription: 'The facility to delete, and whether to clear it from grants.',
    detach: true,
  },
}) {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => ComputeCenterPayload, {
    description:
      '设置分类算力 Sets a facility’s capacity of one kind (replacing the figure of that kind) with its source, if the facility is still at expectedVersion; otherwise CONFLICT.',
  })
  async setComputeCapacity(
    @Arg('input', () => SetComputeCapacityInput, { description: 'The facility, kind, figure and source.' }) input: SetComputeCapacityInput,
    @Ctx() ctx: Context,
  ): Promise<ComputeCenterPayload> {
    const { record, userErrors } = await setComputeCapacity(ctx, input);
    return { computeCenter: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => ComputeCenterPayload, {
    description: '删除分类算力 Removes a facility’s capacity of one kind, if the facility is still at expectedVersion; otherwise CONFLICT.',
  })
  async removeComputeCapacity(
    @Arg('input', () => RemoveComputeCapacityInput, { description: 'The facility and kind.' }) input: RemoveComputeCapacityInput,
    @Ctx() ctx: Context,
  ): Promise<ComputeCenterPayload> {
    const { record, userErrors } = await removeComputeCapacity(ctx, input);
    return { computeCenter: record, userErrors };
  }
}

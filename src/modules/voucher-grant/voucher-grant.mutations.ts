import { Resolver } from 'type-graphql';
import { editingMutations } from '../../common/editing/editing-mutations';
import { voucherGrantType } from './voucher-grant.descriptor';
import { ComputeVoucherGrant } from './voucher-grant.entity';
import { CreateComputeVoucherGrantInput, DeleteComputeVoucherGrantInput, UpdateComputeVoucherGrantInput } from './voucher-grant.inputs';
import { ComputeVoucherGrantPayload } from './voucher-grant.types';

/** Writes to voucher grants (editor keys). */
@Resolver(() => ComputeVoucherGrant)
export class ComputeVoucherGrantMutationResolver extends editingMutations(voucherGrantType, ComputeVoucherGrantPayload, {
  create: {
    input: CreateComputeVoucherGrantInput,
    description: '新增算力券发放 Records a grant; an unknown programme, firm or facility, or an amount not above 0, is a user error and nothing is written.',
    inputDescription: 'The new grant.',
  },
  update: { input: UpdateComputeVoucherGrantInput, description: '修改算力券发放 Changes a grant if it is still at expectedVersion; otherwise CONFLICT.' },
  delete: { input: DeleteComputeVoucherGrantInput, description: '删除算力券发放 Deletes a grant.', inputDescription: 'The grant to delete.' },
}) {}

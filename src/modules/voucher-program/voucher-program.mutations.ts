import { Resolver } from 'type-graphql';
import { editingMutations } from '../../common/editing/editing-mutations';
import { voucherProgramType } from './voucher-program.descriptor';
import { ComputeVoucherProgram } from './voucher-program.entity';
import { CreateComputeVoucherProgramInput, DeleteComputeVoucherProgramInput, UpdateComputeVoucherProgramInput } from './voucher-program.inputs';
import { ComputeVoucherProgramPayload } from './voucher-program.types';

/** Writes to voucher programmes (editor keys). */
@Resolver(() => ComputeVoucherProgram)
export class ComputeVoucherProgramMutationResolver extends editingMutations(voucherProgramType, ComputeVoucherProgramPayload, {
  create: { input: CreateComputeVoucherProgramInput, description: '新增算力券项目 Adds a compute-voucher programme.', inputDescription: 'The new programme.' },
  update: { input: UpdateComputeVoucherProgramInput, description: '修改算力券项目 Changes a programme if it is still at expectedVersion; otherwise CONFLICT.' },
  delete: {
    input: DeleteComputeVoucherProgramInput,
    description: '删除算力券项目 Deletes a programme; refused with HAS_DEPENDANTS while it has grants (delete them first).',
    inputDescription: 'The programme to delete.',
  },
}) {}

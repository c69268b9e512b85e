import { defineEntityType } from '../../common/entity-type';
import { voucherProgramEditing } from './voucher-program.editing';
import { ComputeVoucherProgram } from './voucher-program.entity';
import type { CreateComputeVoucherProgramInput, UpdateComputeVoucherProgramInput } from './voucher-program.inputs';

/** The ComputeVoucherProgram type as the shared machinery sees it: see src/common/entity-type.ts. */
export const voucherProgramType = defineEntityType<ComputeVoucherProgram, CreateComputeVoucherProgramInput, UpdateComputeVoucherProgramInput>(
  ComputeVoucherProgram,
  {
    typeName: 'ComputeVoucherProgram',
    alias: 'cvp',
    editing: voucherProgramEditing,
  },
);

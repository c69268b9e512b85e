import { defineEntityType } from '../../common/entity-type';
import { voucherProgramEditing } from './voucher-program.editing';
import { ComputeVoucherProgram } from './voucher-program.entity';

/** The ComputeVoucherProgram type as the shared machinery sees it: see src/common/entity-type.ts. */
export const voucherProgramType = defineEntityType(ComputeVoucherProgram, {
  alias: 'cvp',
  search: { type: 'VOUCHER_PROGRAM', order: 10 },
  graph: { kind: 'VOUCHER_PROGRAM' },
  editing: voucherProgramEditing,
});

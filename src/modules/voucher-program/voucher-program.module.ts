import { defineModule } from '../../common/entity-type';
import { voucherProgramType } from './voucher-program.descriptor';
import { ComputeVoucherProgramMutationResolver } from './voucher-program.mutations';
import { ComputeVoucherProgramResolver } from './voucher-program.resolver';

/** The ComputeVoucherProgram type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const voucherProgramModule = defineModule(voucherProgramType, [ComputeVoucherProgramResolver, ComputeVoucherProgramMutationResolver]);

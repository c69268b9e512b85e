import { defineModule } from '../../common/entity-type';
import { voucherGrantType } from './voucher-grant.descriptor';
import { ComputeCenterVoucherGrantsResolver, EnterpriseVoucherGrantsResolver, ProgramVoucherGrantsResolver } from './voucher-grant-links.resolver';
import { ComputeVoucherGrantMutationResolver } from './voucher-grant.mutations';
import { ComputeVoucherGrantResolver } from './voucher-grant.resolver';

/** The ComputeVoucherGrant type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const voucherGrantModule = defineModule(voucherGrantType, [
  ComputeVoucherGrantResolver,
  ComputeVoucherGrantMutationResolver,
  EnterpriseVoucherGrantsResolver,
  ComputeCenterVoucherGrantsResolver,
  ProgramVoucherGrantsResolver,
]);

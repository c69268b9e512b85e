import { defineEntityType } from '../../common/entity-type';
import { voucherGrantEditing } from './voucher-grant.editing';
import { ComputeVoucherGrant } from './voucher-grant.entity';

/** The ComputeVoucherGrant type as the shared machinery sees it: see src/common/entity-type.ts. */
export const voucherGrantType = defineEntityType(ComputeVoucherGrant, {
  alias: 'cvg',
  editing: voucherGrantEditing,
});

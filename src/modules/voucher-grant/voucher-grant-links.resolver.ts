import { ComputeCenter } from '../compute-center/compute-center.entity';
import { Enterprise } from '../enterprise/enterprise.entity';
import { ComputeVoucherProgram } from '../voucher-program/voucher-program.entity';
import { voucherGrantList } from './voucher-grant.resolver';
import { voucherGrantsVia } from './voucher-grant.service';

// Links from types lower in the module order (see eslint.config.mjs) to this module's records:
// resolved here, so the lower modules never import this one.

export const EnterpriseVoucherGrantsResolver = voucherGrantList.field(
  Enterprise,
  'computeVoucherGrants',
  '算力券 Compute-voucher grants the firm received.',
  voucherGrantsVia.enterprise,
);

export const ComputeCenterVoucherGrantsResolver = voucherGrantList.field(
  ComputeCenter,
  'computeVoucherGrants',
  '算力券 Compute-voucher grants redeemed at the facility.',
  voucherGrantsVia.computeCenter,
  { filter: false },
);

export const ProgramVoucherGrantsResolver = voucherGrantList.field(
  ComputeVoucherProgram,
  'grants',
  'Grants made under the programme.',
  voucherGrantsVia.program,
);

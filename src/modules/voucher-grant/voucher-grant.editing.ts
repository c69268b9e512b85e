import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { EditingRules, referenceId } from '../../common/editing/entity-editing';
import type { Values } from '../../common/editing/record-writer';
import type { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { ComputeCenter } from '../compute-center/compute-center.entity';
import { Enterprise } from '../enterprise/enterprise.entity';
import { ComputeVoucherProgram } from '../voucher-program/voucher-program.entity';
import { ComputeVoucherGrant } from './voucher-grant.entity';
import type { CreateComputeVoucherGrantInput, UpdateComputeVoucherGrantInput } from './voucher-grant.inputs';

type GrantFields = { [K in keyof CreateComputeVoucherGrantInput]?: CreateComputeVoucherGrantInput[K] | null };

async function cleanGrant(tx: SqlEntityManager, input: GrantFields, errors: UserErrors): Promise<Values> {
  const at = (f: string) => ['input', f];
  const required = <K extends 'programId' | 'enterpriseId' | 'amountYuan'>(f: K) =>
    input[f] === null ? (errors.add(at(f), `${f} cannot be cleared.`), undefined) : input[f];
  return {
    programId: await referenceId(tx, required('programId') as string | undefined, ComputeVoucherProgram, at('programId'), errors),
    enterpriseId: await referenceId(tx, required('enterpriseId') as string | undefined, Enterprise, at('enterpriseId'), errors),
    computeCenterId: await referenceId(tx, input.computeCenterId, ComputeCenter, at('computeCenterId'), errors),
    amountYuan: check.yuan(required('amountYuan') as number | undefined, at('amountYuan'), errors, true),
    grantedOn: check.date(input.grantedOn, at('grantedOn'), errors),
    note: check.optionalText(input.note, at('note'), errors),
  };
}

export const voucherGrantEditing: EditingRules<ComputeVoucherGrant, CreateComputeVoucherGrantInput, UpdateComputeVoucherGrantInput> = {
  fields: ['programId', 'enterpriseId', 'computeCenterId', 'amountYuan', 'grantedOn', 'note'],
  validateCreate: (tx, input, errors) => cleanGrant(tx, input, errors),
  validateUpdate: (tx, input, _id, errors) => cleanGrant(tx, input, errors),
};

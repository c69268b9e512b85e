import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { EditingRules, namedDependants } from '../../common/editing/entity-editing';
import type { Values } from '../../common/editing/record-writer';
import type { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { tableOf } from '../../common/entity-type';
import { sql } from '../../common/sql';
import { Enterprise } from '../enterprise/enterprise.entity';
import { ComputeVoucherProgram } from './voucher-program.entity';
import type { CreateComputeVoucherProgramInput, UpdateComputeVoucherProgramInput } from './voucher-program.inputs';

/** The grants table, named here because the grants' module sits above this one (see eslint.config.mjs). */
export const GRANT_TABLE = 'compute_voucher_grant';

type ProgramFields = { [K in keyof CreateComputeVoucherProgramInput]?: CreateComputeVoucherProgramInput[K] | null };

function cleanProgram(input: ProgramFields, errors: UserErrors): Values {
  const at = (f: string) => ['input', f];
  return {
    nameZh: check.requiredName(input.nameZh, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn, at('nameEn'), errors, 300),
    year: check.year(input.year, at('year'), errors),
    issuerZh: check.optionalText(input.issuerZh, at('issuerZh'), errors, 200),
    totalBudgetYuan: check.yuan(input.totalBudgetYuan, at('totalBudgetYuan'), errors, false),
    rules: check.optionalText(input.rules, at('rules'), errors),
  };
}

export const voucherProgramEditing: EditingRules<ComputeVoucherProgram, CreateComputeVoucherProgramInput, UpdateComputeVoucherProgramInput> = {
  fields: ['nameZh', 'nameEn', 'year', 'issuerZh', 'totalBudgetYuan', 'rules'],
  validateCreate: async (_tx, input, errors) => cleanProgram(input, errors),
  validateUpdate: async (_tx, input, _id, errors) => cleanProgram(input, errors),
  // Grants cannot outlive their programme: they are deleted one by one first, never detached.
  dependants: async (tx: SqlEntityManager, id: number) => [
    await namedDependants(
      tx,
      'compute voucher grants 算力券发放记录',
      sql`select e.name_zh || ' ' || g.amount_yuan::text || '元' as name_zh from ${sql.ident(GRANT_TABLE)} g join ${sql.ident(tableOf(Enterprise))} e on e.id = g.enterprise_id where g.program_id = ${id}`,
    ),
  ],
};

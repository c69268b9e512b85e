import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { listSourceOf } from '../../common/entity-type';
import { applyComposed, applyIntRange, withSharedFields } from '../../common/filter-compose';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, listEntities, loadById } from '../../common/relay/entity-list';
import { orderingBy } from '../../common/relay/ordering';
import { voucherProgramType } from './voucher-program.descriptor';
import { ComputeVoucherProgram } from './voucher-program.entity';
import { ComputeVoucherProgramFilter, ComputeVoucherProgramOrderField } from './voucher-program.inputs';

/** Adds the conditions of `filter` (with its AND/OR/NOT) to a query over `compute_voucher_program as cvp`. */
export function applyVoucherProgramFilter(qb: Knex.QueryBuilder, knex: Knex, filter: ComputeVoucherProgramFilter): void {
  applyComposed(
    qb,
    knex,
    filter,
    withSharedFields('cvp', (q, _knex, f: ComputeVoucherProgramFilter) => applyIntRange(q, 'cvp.year', f.year, 'year')),
  );
}

export const voucherProgramSource = listSourceOf<ComputeVoucherProgram, ComputeVoucherProgramFilter>(voucherProgramType, applyVoucherProgramFilter);

/** The ordering an `orderBy` asks for (id ascending when none). */
export const voucherProgramOrdering = orderingBy<ComputeVoucherProgramOrderField>(voucherProgramSource, {
  [ComputeVoucherProgramOrderField.YEAR]: ['year', [{ expr: 'cvp.year', nullable: 'int' }]],
});

export function listVoucherPrograms(ctx: Context, options: ListOptions<ComputeVoucherProgramFilter>): Promise<Connection<ComputeVoucherProgram>> {
  return listEntities(ctx, voucherProgramSource, options);
}

export function voucherProgramById(ctx: Context, id: number): Promise<ComputeVoucherProgram | null> {
  return loadById(ctx, voucherProgramSource, id);
}

/** A stored yuan amount (numeric, read as text by the driver) as a number. */
export function yuanOf(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { listSourceOf, tableOf } from '../../common/entity-type';
import { BadUserInputError } from '../../common/errors';
import { applyComposed, withSharedFields } from '../../common/filter-compose';
import { filterIds, filterValues } from '../../common/filters';
import { INVENTED_KINDS } from '../../common/provenance';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { orderingBy } from '../../common/relay/ordering';
import { ComputeVoucherProgram } from '../voucher-program/voucher-program.entity';
import { voucherGrantType } from './voucher-grant.descriptor';
import { ComputeVoucherGrant } from './voucher-grant.entity';
import { ComputeVoucherGrantFilter, ComputeVoucherGrantOrderField } from './voucher-grant.inputs';
import { ComputeVoucherYearTotal } from './voucher-grant.types';

const PROGRAM_TABLE = tableOf(ComputeVoucherProgram);

/** A grant's year: the year of its date, else its programme's year (null when neither is known). */
const GRANT_YEAR = `coalesce(extract(year from cvg.granted_on)::int, (select f_prog.year from ${PROGRAM_TABLE} f_prog where f_prog.id = cvg.program_id))`;

/** Adds the conditions of `filter` (with its AND/OR/NOT) to a query over `compute_voucher_grant as cvg`. */
export function applyVoucherGrantFilter(qb: Knex.QueryBuilder, knex: Knex, filter: ComputeVoucherGrantFilter): void {
  applyComposed(qb, knex, filter, withSharedFields('cvg', applyVoucherGrantFields));
}

function applyVoucherGrantFields(qb: Knex.QueryBuilder, knex: Knex, filter: ComputeVoucherGrantFilter): void {
  const programIds = filterIds(filter.programIds, 'ComputeVoucherProgram', 'programIds');
  if (programIds) qb.whereIn('cvg.program_id', programIds);
  const firmIds = filterIds(filter.enterpriseIds, 'Enterprise', 'enterpriseIds');
  if (firmIds) qb.whereIn('cvg.enterprise_id', firmIds);
  const centerIds = filterIds(filter.computeCenterIds, 'ComputeCenter', 'computeCenterIds');
  if (centerIds) qb.whereIn('cvg.compute_center_id', centerIds);
  const parkIds = filterIds(filter.parkIds, 'Park', 'parkIds');
  if (parkIds) qb.whereExists(knex('enterprise_park as f_ep').whereRaw('f_ep.enterprise_id = cvg.enterprise_id').whereIn('f_ep.park_id', parkIds));
  const sectors = filterValues(filter.sectors, 'sectors');
  if (sectors) {
    qb.whereExists(knex('enterprise_sector as f_es').whereRaw('f_es.enterprise_id = cvg.enterprise_id').whereIn('f_es.sector_code', sectors));
  }
  if (filter.year) {
    const from = filter.year.from ?? null;
    const to = filter.year.to ?? null;
    if (from !== null && to !== null && from > to) throw new BadUserInputError(`Range "year" has from ${from} greater than to ${to}.`, { field: 'year' });
    qb.whereRaw(`${GRANT_YEAR} is not null`);
    if (from !== null) qb.whereRaw(`${GRANT_YEAR} >= ?`, [from]);
    if (to !== null) qb.whereRaw(`${GRANT_YEAR} <= ?`, [to]);
  }
}

export const voucherGrantSource = listSourceOf<ComputeVoucherGrant, ComputeVoucherGrantFilter>(voucherGrantType, applyVoucherGrantFilter);

/** The ordering an `orderBy` asks for (id ascending when none). */
export const voucherGrantOrdering = orderingBy<ComputeVoucherGrantOrderField>(voucherGrantSource, {
  [ComputeVoucherGrantOrderField.GRANTED_ON]: ['grantedOn', [{ expr: `(cvg.granted_on - date '1970-01-01')`, nullable: 'int' }]],
  // Amounts are at most 10亿元 (validate.MAX_YUAN), so whole yuan fit the integer key.
  [ComputeVoucherGrantOrderField.AMOUNT]: ['amount', [{ expr: 'round(cvg.amount_yuan)::int' }]],
});

/** Relations that list grants, by the column that names their parent. */
export const voucherGrantsVia = {
  enterprise: { table: voucherGrantType.table, parentColumn: 'enterprise_id' },
  computeCenter: { table: voucherGrantType.table, parentColumn: 'compute_center_id' },
  program: { table: voucherGrantType.table, parentColumn: 'program_id' },
} satisfies Record<string, Via>;

export function listVoucherGrants(
  ctx: Context,
  options: ListOptions<ComputeVoucherGrantFilter>,
  parent: { id: number | string; via: Via } | null = null,
): Promise<Connection<ComputeVoucherGrant>> {
  return listEntities(ctx, voucherGrantSource, options, parent);
}

export function voucherGrantById(ctx: Context, id: number): Promise<ComputeVoucherGrant | null> {
  return loadById(ctx, voucherGrantSource, id);
}

/**
 * Grants per year (the grant date's year, else the programme's; unknown years last): counts,
 * firms and amounts summed by the database, over the grants the filter selects. One statement.
 */
export async function voucherTotalsByYear(ctx: Context, filter: ComputeVoucherGrantFilter | null): Promise<ComputeVoucherYearTotal[]> {
  const knex = ctx.em.getKnex();
  const base = knex(`${voucherGrantType.table} as cvg`);
  if (filter) applyVoucherGrantFilter(base, knex, filter);
  const invented = INVENTED_KINDS.map(() => '?').join(', ');
  base
    .select(
      knex.raw(`${GRANT_YEAR} as year`),
      knex.raw('count(*)::int as grants'),
      knex.raw('count(distinct cvg.enterprise_id)::int as firms'),
      knex.raw('sum(cvg.amount_yuan)::text as amount'),
      knex.raw(`count(*) filter (where cvg.provenance_kind in (${invented}))::int as invented`, [...INVENTED_KINDS]),
      knex.raw(`coalesce(sum(cvg.amount_yuan) filter (where cvg.provenance_kind not in (${invented})), 0)::text as evidence_amount`, [...INVENTED_KINDS]),
    )
    .groupByRaw('1')
    .orderByRaw('1 asc nulls last');
  const rows = (await ctx.em.execute(base)) as Array<{
    year: number | null;
    grants: number;
    firms: number;
    amount: string;
    invented: number;
    evidence_amount: string;
  }>;
  return rows.map((r) =>
    Object.assign(new ComputeVoucherYearTotal(), {
      year: r.year === null ? null : Number(r.year),
      grantCount: Number(r.grants),
      firmCount: Number(r.firms),
      amountYuan: Number(r.amount),
      sampleGrantCount: Number(r.invented),
      nonSampleAmountYuan: Number(r.evidence_amount),
    }),
  );
}

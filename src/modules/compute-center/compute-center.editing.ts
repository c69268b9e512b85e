import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { FieldChanges } from '../../common/editing/audit';
import { EditingRules, namedDependants, referenceId } from '../../common/editing/entity-editing';
import type { Values } from '../../common/editing/record-writer';
import type { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { toGlobalId } from '../../common/global-id';
import { runSql, sql } from '../../common/sql';
import { Park } from '../park/park.entity';
import { ComputeCenter } from './compute-center.entity';
import type { CreateComputeCenterInput, UpdateComputeCenterInput } from './compute-center.inputs';
import { COMPUTE_CAPACITY_TABLE } from './compute-capacity.types';

/**
 * The 算力券 grants redeemed at a facility. Grants and firms belong to higher modules, which this
 * one must not import; their tables are spelled here as the migration spells them.
 */
export const REDEEMING_GRANTS = {
  table: 'compute_voucher_grant',
  column: 'compute_center_id',
  firmTable: 'enterprise',
  type: 'ComputeVoucherGrant',
} as const;

type CenterFields = { [K in keyof CreateComputeCenterInput]?: CreateComputeCenterInput[K] | null };

const at = (f: string) => ['input', f];

/** The kind's note: required whenever a kind is stated, so that every stated kind names its source. */
function kindNote(input: CenterFields, errors: UserErrors): string | null | undefined {
  const note = check.optionalText(input.kindNote, at('kindNote'), errors, 1000);
  if (input.kind !== undefined && input.kind !== null && !note && !errors.list.some((e) => e.field.join('.') === 'input.kindNote')) {
    errors.add(at('kindNote'), 'A kind must say which source states it: send kindNote with kind (e.g. 来源称其为智算中心).');
    return undefined;
  }
  return note;
}

async function cleanCenter(tx: SqlEntityManager, input: CenterFields, errors: UserErrors): Promise<Values> {
  return {
    nameZh: check.requiredName(input.nameZh, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn, at('nameEn'), errors, 300),
    operatorZh: check.optionalText(input.operatorZh, at('operatorZh'), errors, 200),
    kind: input.kind,
    kindNote: kindNote(input, errors),
    inComputeNetwork: input.inComputeNetwork,
    status: input.status === null ? (errors.add(at('status'), 'status cannot be cleared.'), undefined) : input.status,
    description: check.optionalText(input.description, at('description'), errors),
    parkId: await referenceId(tx, input.parkId, Park, at('parkId'), errors),
  };
}

/** A facility's capacities as the audit shows them: kind, PFLOPS and the figure's source. */
export async function capacityRows(tx: SqlEntityManager, centerId: number, kind?: string): Promise<Values[]> {
  return runSql<Values>(
    tx,
    sql`select kind, capacity_pflops::float8 as "capacityPflops", provenance_kind as "provenanceKind", provenance_source as source, provenance_url as url, provenance_note as note
          from ${sql.ident(COMPUTE_CAPACITY_TABLE)} where compute_center_id = ${centerId}${kind ? sql` and kind = ${kind}` : sql.empty} order by id`,
  );
}

export const computeCenterEditing: EditingRules<ComputeCenter, CreateComputeCenterInput, UpdateComputeCenterInput> = {
  fields: ['nameZh', 'nameEn', 'operatorZh', 'kind', 'kindNote', 'inComputeNetwork', 'status', 'description', 'parkId'],
  validateCreate: (tx, input, errors) => cleanCenter(tx, input, errors),
  validateUpdate: (tx, input, _id, errors) => cleanCenter(tx, input, errors),

  // Capacities are value rows of the facility: they go with it (ON DELETE CASCADE) and into its audit entry.
  async ownedRows(tx, id): Promise<FieldChanges> {
    const rows = await capacityRows(tx, id);
    return rows.length ? { capacities: { before: rows, after: null } } : {};
  },

  dependants: async (tx, id) => [
    await namedDependants(
      tx,
      'compute voucher grants redeemed here 在此兑付的算力券',
      sql`select e.name_zh || ' ' || g.amount_yuan::text || '元' as name_zh from ${sql.ident(REDEEMING_GRANTS.table)} g
            join ${sql.ident(REDEEMING_GRANTS.firmTable)} e on e.id = g.enterprise_id where g.${sql.ident(REDEEMING_GRANTS.column)} = ${id}`,
    ),
  ],

  // A grant outlives the facility it was redeemed at: detaching keeps it and clears its facility.
  async detach(tx, id) {
    const { table, column, type } = REDEEMING_GRANTS;
    const rows = await runSql<{ other: number }>(
      tx,
      sql`update ${sql.ident(table)} set ${sql.ident(column)} = null where ${sql.ident(column)} = ${id} returning id as other`,
    );
    const changes: FieldChanges = {};
    if (rows.length) changes.computeVoucherGrants = { before: rows.map((r) => toGlobalId(type, r.other)), after: null };
    return changes;
  },
};

import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { EditingRules, referenceId } from '../../common/editing/entity-editing';
import type { Values } from '../../common/editing/record-writer';
import { UserErrorCode, UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { toGlobalId } from '../../common/global-id';
import { runSql, sql } from '../../common/sql';
import { tableOf } from '../../common/entity-type';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Designation } from './designation.entity';
import type { AddDesignationInput, UpdateDesignationInput } from './designation.inputs';

const at = (f: string) => ['input', f];

function required<T>(value: T | null | undefined, field: string, errors: UserErrors): T | undefined {
  if (value === null) errors.add(at(field), `${field} cannot be cleared.`);
  return value ?? undefined;
}

/** DUPLICATE when the firm already holds this kind at this level (another record than `self`). */
async function checkUnique(
  tx: SqlEntityManager,
  held: { firmId: number; kind: string; level: string; self: number | null },
  errors: UserErrors,
): Promise<void> {
  const { firmId, kind, level, self } = held;
  const rows = await runSql<{ id: number }>(
    tx,
    sql`select id from ${sql.ident(tableOf(Designation))} where enterprise_id = ${firmId} and kind = ${kind} and level = ${level}
        and id <> ${self ?? 0}`,
  );
  if (rows.length) {
    errors.add(at('kind'), `The firm already holds ${kind} at ${level} level; change that record's year instead.`, UserErrorCode.DUPLICATE, {
      existingId: toGlobalId('Designation', rows[0].id),
    });
  }
}

export const designationEditing: EditingRules<Designation, AddDesignationInput, UpdateDesignationInput> = {
  fields: ['enterpriseId', 'kind', 'level', 'year'],
  async validateCreate(tx, input, errors) {
    const enterpriseId = await referenceId(tx, input.enterpriseId, Enterprise, at('enterpriseId'), errors);
    const year = input.year === null ? (errors.add(at('year'), 'A year is required.'), undefined) : check.year(input.year, at('year'), errors);
    if (enterpriseId) await checkUnique(tx, { firmId: enterpriseId, kind: input.kind, level: input.level, self: null }, errors);
    return { enterpriseId, kind: input.kind, level: input.level, year } satisfies Values;
  },
  async validateUpdate(tx, input, id, errors) {
    const values: Values = {
      kind: required(input.kind, 'kind', errors),
      level: required(input.level, 'level', errors),
      year: check.year(required(input.year, 'year', errors), at('year'), errors),
    };
    if ((values.kind || values.level) && errors.empty) {
      const [row] = await runSql<{ enterprise_id: number; kind: string; level: string }>(
        tx,
        sql`select enterprise_id, kind, level from ${sql.ident(tableOf(Designation))} where id = ${id}`,
      );
      // A missing record is reported as NOT_FOUND by the writer that follows.
      if (row) {
        await checkUnique(
          tx,
          { firmId: row.enterprise_id, kind: (values.kind as string) ?? row.kind, level: (values.level as string) ?? row.level, self: id },
          errors,
        );
      }
    }
    return values;
  },
};

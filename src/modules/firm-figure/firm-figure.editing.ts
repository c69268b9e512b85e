import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { EditingRules, referenceId } from '../../common/editing/entity-editing';
import { UserErrorCode, UserErrors } from '../../common/editing/user-error';
import { MIN_YEAR } from '../../common/editing/validate';
import { tableOf } from '../../common/entity-type';
import { toGlobalId } from '../../common/global-id';
import { runSql, sql } from '../../common/sql';
import { Enterprise } from '../enterprise/enterprise.entity';
import { FirmFigureMetric, MAX_HEADCOUNT, MAX_MONEY_WAN_YUAN } from './firm-figure.enums';
import { FirmFigure } from './firm-figure.entity';
import type { AddFirmFigureInput, UpdateFirmFigureInput } from './firm-figure.inputs';

const at = (f: string) => ['input', f];

/** A figure is for a year that has begun: 1900 to this year. */
function figureYear(value: number | null | undefined, errors: UserErrors): number | undefined {
  const last = new Date().getFullYear();
  if (value === null || value === undefined || !Number.isInteger(value) || value < MIN_YEAR || value > last) {
    errors.add(at('year'), `A year between ${MIN_YEAR} and ${last} is expected, got ${value}.`);
    return undefined;
  }
  return value;
}

/** The value checked against its metric: finite, not negative, whole for a headcount, below a typo guard. */
export function figureValue(metric: FirmFigureMetric, value: number | null | undefined, errors: UserErrors): number | undefined {
  const max = metric === FirmFigureMetric.HEADCOUNT ? MAX_HEADCOUNT : MAX_MONEY_WAN_YUAN;
  if (value === null || value === undefined || !Number.isFinite(value)) errors.add(at('value'), 'A number is required.');
  else if (value < 0) errors.add(at('value'), `A ${metric} figure cannot be negative, got ${value}.`);
  else if (metric === FirmFigureMetric.HEADCOUNT && !Number.isInteger(value))
    errors.add(at('value'), `A headcount is a whole number of persons, got ${value}.`);
  else if (value > max)
    errors.add(
      at('value'),
      `${value} is above ${max}, the largest ${metric} accepted (${metric === FirmFigureMetric.HEADCOUNT ? 'persons' : '万元'}); check the unit.`,
    );
  else return value;
  return undefined;
}

async function checkUnique(tx: SqlEntityManager, firmId: number, year: number, metric: string, errors: UserErrors): Promise<void> {
  const rows = await runSql<{ id: number }>(
    tx,
    sql`select id from ${sql.ident(tableOf(FirmFigure))} where enterprise_id = ${firmId} and year = ${year} and metric = ${metric}`,
  );
  if (rows.length) {
    errors.add(at('metric'), `The firm already has a ${metric} figure for ${year}; update that one instead.`, UserErrorCode.DUPLICATE, {
      existingId: toGlobalId('FirmFigure', rows[0].id),
    });
  }
}

export const firmFigureEditing: EditingRules<FirmFigure, AddFirmFigureInput, UpdateFirmFigureInput> = {
  fields: ['enterpriseId', 'year', 'metric', 'value'],
  async validateCreate(tx, input, errors) {
    const enterpriseId = await referenceId(tx, input.enterpriseId, Enterprise, at('enterpriseId'), errors);
    const year = figureYear(input.year, errors);
    const value = figureValue(input.metric, input.value, errors);
    if (enterpriseId && year !== undefined) await checkUnique(tx, enterpriseId, year, input.metric, errors);
    return { enterpriseId, year, metric: input.metric, value };
  },
  async validateUpdate(tx, input, id, errors) {
    const [row] = await runSql<{ metric: FirmFigureMetric }>(tx, sql`select metric from ${sql.ident(tableOf(FirmFigure))} where id = ${id}`);
    // A missing record is reported as NOT_FOUND by the writer that follows.
    return { value: row ? figureValue(row.metric, input.value, errors) : input.value };
  },
};

import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { FieldChanges } from '../../common/editing/audit';
import { EditingRules, referenceId } from '../../common/editing/entity-editing';
import type { Values } from '../../common/editing/record-writer';
import type { RelationSpec } from '../../common/editing/relation-writer';
import type { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { decodeGlobalId, toGlobalId } from '../../common/global-id';
import { runSql, sql } from '../../common/sql';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Institution } from '../institution/institution.entity';
import { NationalInnovationTask } from './national-task.entity';
import type { CreateNationalInnovationTaskInput, UpdateNationalInnovationTaskInput } from './national-task.inputs';

type TaskFields = { [K in keyof CreateNationalInnovationTaskInput]?: CreateNationalInnovationTaskInput[K] | null };

/** The two winner links, by the winner's type: a task ↔ a firm, a task ↔ an institution. */
export const taskWinnerRelations = {
  Enterprise: {
    name: 'winners',
    inverseName: 'nationalTasks',
    pivot: 'national_task_enterprise_winner',
    left: { type: 'NationalInnovationTask', table: 'national_innovation_task', key: 'id', pivotColumn: 'task_id', field: 'taskId' },
    right: { type: 'Enterprise', table: 'enterprise', key: 'id', pivotColumn: 'enterprise_id', field: 'winnerId' },
  },
  Institution: {
    name: 'winners',
    inverseName: 'nationalTasks',
    pivot: 'national_task_institution_winner',
    left: { type: 'NationalInnovationTask', table: 'national_innovation_task', key: 'id', pivotColumn: 'task_id', field: 'taskId' },
    right: { type: 'Institution', table: 'institution', key: 'id', pivotColumn: 'institution_id', field: 'winnerId' },
  },
} satisfies Record<string, RelationSpec>;

export type WinnerType = keyof typeof taskWinnerRelations;

/** The type a winner's global ID names, or a userError at `path` when it names neither a firm nor an institution. */
export function winnerTypeOf(id: string, path: string[], errors: UserErrors): WinnerType | null {
  const type = decodeGlobalId(id)?.type;
  if (type === 'Enterprise' || type === 'Institution') return type;
  errors.add(path, `Expected the ID of an Enterprise or an Institution${type ? `, got the ID of a ${type}` : ''}.`);
  return null;
}

function cleanTask(input: TaskFields, errors: UserErrors, creating: boolean): Values {
  const at = (f: string) => ['input', f];
  let year = check.year(input.year, at('year'), errors);
  if (input.year === null || (creating && input.year === undefined)) {
    errors.add(at('year'), 'A year is required.');
    year = undefined;
  }
  return {
    nameZh: check.requiredName(input.nameZh, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn, at('nameEn'), errors, 500),
    issuerZh:
      input.issuerZh === null
        ? (errors.add(at('issuerZh'), 'issuerZh cannot be cleared.'), undefined)
        : check.requiredName(input.issuerZh, at('issuerZh'), errors),
    issuerEn: check.optionalText(input.issuerEn, at('issuerEn'), errors, 300),
    batch: check.optionalText(input.batch, at('batch'), errors, 200),
    year,
    description: check.optionalText(input.description, at('description'), errors),
  };
}

/** The firms and institutions a create input names as winners, each checked to exist (userErrors at input.winnerIds.i otherwise). */
async function resolveWinners(
  tx: SqlEntityManager,
  winnerIds: readonly string[] | null | undefined,
  errors: UserErrors,
): Promise<Record<WinnerType, number[]>> {
  const found: Record<WinnerType, number[]> = { Enterprise: [], Institution: [] };
  for (const [i, id] of (winnerIds ?? []).entries()) {
    const path = ['input', 'winnerIds', String(i)];
    const type = winnerTypeOf(id, path, errors);
    if (!type) continue;
    const local = await referenceId(tx, id, type === 'Enterprise' ? Enterprise : Institution, path, errors);
    if (typeof local === 'number' && !found[type].includes(local)) found[type].push(local);
  }
  return found;
}

/** Links a new task to its winners; returns the audit change. */
async function linkWinners(tx: SqlEntityManager, taskId: number, winnerIds: readonly string[] | null | undefined, errors: UserErrors): Promise<FieldChanges> {
  if (!winnerIds?.length) return {};
  const found = await resolveWinners(tx, winnerIds, errors);
  if (!errors.empty) return {};
  const linked: string[] = [];
  for (const type of ['Enterprise', 'Institution'] as const) {
    if (!found[type].length) continue;
    const { pivot, left, right } = taskWinnerRelations[type];
    await runSql(
      tx,
      sql`insert into ${sql.ident(pivot)} (${sql.ident(left.pivotColumn)}, ${sql.ident(right.pivotColumn)})
          select ${taskId}, unnest(${sql.array(found[type], 'int')}) on conflict do nothing`,
    );
    linked.push(...found[type].map((id) => toGlobalId(type, id)));
  }
  return { winnerIds: { before: null, after: linked } };
}

export const nationalTaskEditing: EditingRules<NationalInnovationTask, CreateNationalInnovationTaskInput, UpdateNationalInnovationTaskInput> = {
  fields: ['nameZh', 'nameEn', 'issuerZh', 'issuerEn', 'batch', 'year', 'description'],
  async validateCreate(tx, input, errors) {
    const values = cleanTask(input, errors, true);
    // Checked before anything is written, so one answer lists every problem of the input.
    await resolveWinners(tx, input.winnerIds, errors);
    return values;
  },
  validateUpdate: async (_tx, input, _id, errors) => cleanTask(input, errors, false),
  afterCreate: (tx, id, input, errors) => linkWinners(tx, id, input.winnerIds, errors),
};

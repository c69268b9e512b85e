import type { Knex } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../common/context';
import { listSourceOf } from '../../common/entity-type';
import { applyComposed, applyIntRange, withSharedFields } from '../../common/filter-compose';
import { filterIds, filterValues } from '../../common/filters';
import { decodeGlobalId } from '../../common/global-id';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { orderingBy } from '../../common/relay/ordering';
import type { PaginationArgs } from '../../common/relay/pagination';
import { listUnion } from '../../common/relay/union-list';
import { parseSearchQuery, searchCondition } from '../../common/search-query';
import { organizationArms, OrganizationNode } from '../institution/institution.types';
import { nationalTaskType } from './national-task.descriptor';
import { taskWinnerRelations } from './national-task.editing';
import { NationalInnovationTask } from './national-task.entity';
import { NationalInnovationTaskFilter, NationalInnovationTaskOrderField } from './national-task.inputs';

/** Adds the conditions of `filter` (with its and/or/not) to a query over `national_innovation_task as nt`. */
export function applyNationalTaskFilter(qb: Knex.QueryBuilder, knex: Knex, filter: NationalInnovationTaskFilter): void {
  applyComposed<NationalInnovationTaskFilter>(qb, knex, filter, withSharedFields('nt', applyTaskFields));
}

function applyTaskFields(qb: Knex.QueryBuilder, knex: Knex, filter: NationalInnovationTaskFilter): void {
  applyIntRange(qb, 'nt.year', filter.year, 'year');
  const winners = filterValues(filter.winnerIds, 'winnerIds');
  if (winners) {
    // Every ID that is not an institution's must be a firm's: anything else is BAD_USER_INPUT.
    const isInstitutionId = (id: string) => decodeGlobalId(id)?.type === 'Institution';
    const firms = filterIds(
      winners.filter((id) => !isInstitutionId(id)),
      'Enterprise',
      'winnerIds',
    );
    const institutions = filterIds(winners.filter(isInstitutionId), 'Institution', 'winnerIds');
    const { Enterprise: e, Institution: i } = taskWinnerRelations;
    qb.where(function wonByAny(this: Knex.QueryBuilder) {
      this.whereRaw('false');
      if (firms?.length) this.orWhereExists(knex(`${e.pivot} as f_we`).whereRaw('f_we.task_id = nt.id').whereIn('f_we.enterprise_id', firms));
      if (institutions?.length) this.orWhereExists(knex(`${i.pivot} as f_wi`).whereRaw('f_wi.task_id = nt.id').whereIn('f_wi.institution_id', institutions));
    });
  }
  const query = parseSearchQuery(filter.search, 'search');
  if (query) qb.whereRaw(...(searchCondition('nt', query) as [string, Knex.RawBinding[]]));
}

export const nationalTaskSource = listSourceOf<NationalInnovationTask, NationalInnovationTaskFilter>(nationalTaskType, applyNationalTaskFilter);

/** The ordering an `orderBy` asks for (id ascending when none). */
export const nationalTaskOrdering = orderingBy<NationalInnovationTaskOrderField>(nationalTaskSource, {
  [NationalInnovationTaskOrderField.YEAR]: ['year', [{ expr: 'nt.year' }]],
  [NationalInnovationTaskOrderField.NAME]: ['name', [{ expr: 'nt.name_pinyin collate "C"' }, { expr: 'nt.name_zh collate "C"' }]],
});

export const nationalTasksVia = {
  enterpriseWinner: { table: taskWinnerRelations.Enterprise.pivot, nodeColumn: 'task_id', parentColumn: 'enterprise_id' },
  institutionWinner: { table: taskWinnerRelations.Institution.pivot, nodeColumn: 'task_id', parentColumn: 'institution_id' },
} satisfies Record<string, Via>;

export function listNationalTasks(
  ctx: Context,
  options: ListOptions<NationalInnovationTaskFilter>,
  parent: { id: number | string; via: Via } | null = null,
): Promise<Connection<NationalInnovationTask>> {
  return listEntities(ctx, nationalTaskSource, options, parent);
}

export function nationalTaskById(ctx: Context, id: number): Promise<NationalInnovationTask | null> {
  return loadById(ctx, nationalTaskSource, id);
}

/** A task's winners (揭榜单位), firms first then institutions, each in id order. */
export function listTaskWinners(ctx: Context, taskId: number, args: PaginationArgs, info: GraphQLResolveInfo): Promise<Connection<OrganizationNode>> {
  const arms = organizationArms(
    { pivot: taskWinnerRelations.Enterprise.pivot, parentColumn: 'task_id' },
    { pivot: taskWinnerRelations.Institution.pivot, parentColumn: 'task_id' },
  );
  return listUnion(ctx, { name: 'task-winners', arms }, taskId, { args, info });
}

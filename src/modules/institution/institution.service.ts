import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { applyComposed, withSharedFields } from '../../common/filter-compose';
import { filterValues } from '../../common/filters';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { orderingBy } from '../../common/relay/ordering';
import { parseSearchQuery, searchCondition } from '../../common/search-query';
import { listSourceOf } from '../../common/entity-type';
import { institutionType } from './institution.descriptor';
import { Institution } from './institution.entity';
import { InstitutionFilter, InstitutionOrderField } from './institution.inputs';

/** Adds the conditions of `filter` (with its and/or/not) to a query over `institution as inst`. */
export function applyInstitutionFilter(qb: Knex.QueryBuilder, knex: Knex, filter: InstitutionFilter): void {
  applyComposed<InstitutionFilter>(qb, knex, filter, withSharedFields('inst', applyInstitutionFields));
}

function applyInstitutionFields(qb: Knex.QueryBuilder, _knex: Knex, filter: InstitutionFilter): void {
  const kinds = filterValues(filter.kinds, 'kinds');
  if (kinds) qb.whereIn('inst.kind', kinds);
  const districts = filterValues(filter.districts, 'districts');
  if (districts) qb.whereIn('inst.district', districts);
  const query = parseSearchQuery(filter.search, 'search');
  if (query) qb.whereRaw(...(searchCondition('inst', query) as [string, Knex.RawBinding[]]));
}

export const institutionSource = listSourceOf<Institution, InstitutionFilter>(institutionType, applyInstitutionFilter);

/** The ordering an `orderBy` asks for (id ascending when none). */
export const institutionOrdering = orderingBy<InstitutionOrderField>(institutionSource, {
  [InstitutionOrderField.NAME]: ['name', [{ expr: 'inst.name_pinyin collate "C"' }, { expr: 'inst.name_zh collate "C"' }]],
});

/** Lists of institutions hanging off other records, through the higher modules' link tables. */
export const institutionsVia = {
  hostedPlatform: { table: 'platform_institution_host', nodeColumn: 'institution_id', parentColumn: 'platform_id' },
  wonTask: { table: 'national_task_institution_winner', nodeColumn: 'institution_id', parentColumn: 'task_id' },
} satisfies Record<string, Via>;

export function listInstitutions(
  ctx: Context,
  options: ListOptions<InstitutionFilter>,
  parent: { id: number | string; via: Via } | null = null,
): Promise<Connection<Institution>> {
  return listEntities(ctx, institutionSource, options, parent);
}

export function institutionById(ctx: Context, id: number): Promise<Institution | null> {
  return loadById(ctx, institutionSource, id);
}

import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { applyComposed, withSharedFields, applyIntRange } from '../../common/filter-compose';
import { filterIds, filterValues } from '../../common/filters';
import { orderingBy } from '../../common/relay/ordering';
import { parseSearchQuery, searchCondition } from '../../common/search-query';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { Scenario } from './scenario.entity';
import { ScenarioFilter, ScenarioOrderField } from './scenario.inputs';
import { listSourceOf } from '../../common/entity-type';
import { scenarioType } from './scenario.descriptor';

/** Adds the conditions of `filter` (with its AND/OR/NOT, nested up to 5 levels) to a query over `scenario as s`. */
export function applyScenarioFilter(qb: Knex.QueryBuilder, knex: Knex, filter: ScenarioFilter): void {
  applyComposed<ScenarioFilter>(qb, knex, filter, withSharedFields('s', applyScenarioFields));
}

function applyScenarioFields(qb: Knex.QueryBuilder, _knex: Knex, filter: ScenarioFilter): void {
  const sectors = filterValues(filter.sectors, 'sectors');
  if (sectors) qb.whereIn('s.sector_code', sectors);
  const statuses = filterValues(filter.statuses, 'statuses');
  if (statuses) qb.whereIn('s.status', statuses);
  const parkIds = filterIds(filter.parkIds, 'Park', 'parkIds');
  if (parkIds) qb.whereIn('s.park_id', parkIds);
  const years = filterValues(filter.years, 'years');
  if (years) qb.whereIn('s.year', years);
  const query = parseSearchQuery(filter.search, 'search');
  if (query) qb.whereRaw(...(searchCondition('s', query) as [string, Knex.RawBinding[]]));
  applyIntRange(qb, 's.year', filter.yearRange, 'yearRange');
}

export const scenarioSource = listSourceOf<Scenario, ScenarioFilter>(scenarioType, applyScenarioFilter);

/** The ordering an `orderBy` asks for (id ascending when none). */
export const scenarioOrdering = orderingBy<ScenarioOrderField>(scenarioSource, {
  [ScenarioOrderField.NAME]: ['name', [{ expr: 's.name_pinyin collate "C"' }, { expr: 's.name_zh collate "C"' }]],
  [ScenarioOrderField.YEAR]: ['year', [{ expr: 's.year', nullable: 'int' }]],
});

export const scenariosVia = {
  provider: { table: 'scenario_provider', nodeColumn: 'scenario_id', parentColumn: 'enterprise_id' },
  park: { table: scenarioType.table, parentColumn: 'park_id' },
  sector: { table: scenarioType.table, parentColumn: 'sector_code', parentType: 'text' },
} satisfies Record<string, Via>;

export function listScenarios(
  ctx: Context,
  options: ListOptions<ScenarioFilter>,
  parent: { id: number | string; via: Via } | null = null,
): Promise<Connection<Scenario>> {
  return listEntities(ctx, scenarioSource, options, parent);
}

export function scenarioById(ctx: Context, id: number): Promise<Scenario | null> {
  return loadById(ctx, scenarioSource, id);
}

import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { filterIds, filterValues, searchPattern } from '../../common/filters';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, ListSource, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { Scenario } from './scenario.entity';
import type { ScenarioFilter } from './scenario.inputs';

/** Adds the conditions of `filter` to a query over `scenario as s`. */
export function applyScenarioFilter(qb: Knex.QueryBuilder, _knex: Knex, filter: ScenarioFilter): void {
  const sectors = filterValues(filter.sectors, 'sectors');
  if (sectors) qb.whereIn('s.sector_code', sectors);
  const statuses = filterValues(filter.statuses, 'statuses');
  if (statuses) qb.whereIn('s.status', statuses);
  const parkIds = filterIds(filter.parkIds, 'Park', 'parkIds');
  if (parkIds) qb.whereIn('s.park_id', parkIds);
  const years = filterValues(filter.years, 'years');
  if (years) qb.whereIn('s.year', years);
  const pattern = searchPattern(filter.search, 'search');
  if (pattern) {
    qb.where((w) => w.whereRaw('lower(s.name_zh) like ?', [pattern]).orWhereRaw("lower(coalesce(s.name_en, '')) like ?", [pattern]));
  }
}

export const scenarioSource: ListSource<Scenario, ScenarioFilter> = {
  name: 'Scenario',
  entity: Scenario,
  table: 'scenario',
  alias: 's',
  ordering: { name: 'id', terms: [{ expr: 's.id', dir: 'asc' }] },
  applyFilter: applyScenarioFilter,
};

export const scenariosVia = {
  provider: { table: 'scenario_provider', nodeColumn: 'scenario_id', parentColumn: 'enterprise_id' },
  park: { table: 'scenario', parentColumn: 'park_id' },
  sector: { table: 'scenario', parentColumn: 'sector_code', parentType: 'text' },
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

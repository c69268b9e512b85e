import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { filterIds, filterValues, searchPattern } from '../../common/filters';
import { parseIntegerId } from '../../common/global-id';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, ListSource, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { Enterprise } from './enterprise.entity';
import type { EnterpriseFilter } from './enterprise.inputs';

/** Adds the conditions of `filter` to a query over `enterprise as e`. */
export function applyEnterpriseFilter(qb: Knex.QueryBuilder, knex: Knex, filter: EnterpriseFilter): void {
  const sectors = filterValues(filter.sectors, 'sectors');
  if (sectors) {
    qb.whereExists(knex('enterprise_sector as f_es').whereRaw('f_es.enterprise_id = e.id').whereIn('f_es.sector_code', sectors));
  }
  const parkIds = filterIds(filter.parkIds, 'Park', 'parkIds');
  if (parkIds) {
    qb.whereExists(knex('enterprise_park as f_ep').whereRaw('f_ep.enterprise_id = e.id').whereIn('f_ep.park_id', parkIds));
  }
  const districts = filterValues(filter.districts, 'districts');
  if (districts) {
    qb.whereExists(
      knex('enterprise_park as f_dp').join('park as f_p', 'f_p.id', 'f_dp.park_id').whereRaw('f_dp.enterprise_id = e.id').whereIn('f_p.district', districts),
    );
  }
  const layers = filterValues(filter.layers, 'layers');
  if (layers) qb.whereIn('e.layer', layers);
  const pattern = searchPattern(filter.search, 'search');
  if (pattern) {
    qb.where((w) =>
      w
        .whereRaw('lower(e.name_zh) like ?', [pattern])
        .orWhereRaw("lower(coalesce(e.name_en, '')) like ?", [pattern])
        .orWhereRaw("lower(array_to_string(e.aliases, ' ')) like ?", [pattern]),
    );
  }
}

export const enterpriseSource: ListSource<Enterprise, EnterpriseFilter> = {
  name: 'Enterprise',
  entity: Enterprise,
  table: 'enterprise',
  alias: 'e',
  ordering: { name: 'id', terms: [{ expr: 'e.id', dir: 'asc' }] },
  applyFilter: applyEnterpriseFilter,
};

/** Relations that list enterprises, by the pivot that links them to their parent. */
export const enterprisesVia = {
  park: { table: 'enterprise_park', nodeColumn: 'enterprise_id', parentColumn: 'park_id' },
  sector: { table: 'enterprise_sector', nodeColumn: 'enterprise_id', parentColumn: 'sector_code', parentType: 'text' },
  hostedPlatform: { table: 'platform_host', nodeColumn: 'enterprise_id', parentColumn: 'platform_id' },
  providedScenario: { table: 'scenario_provider', nodeColumn: 'enterprise_id', parentColumn: 'scenario_id' },
  developedModel: { table: 'large_model_developer', nodeColumn: 'enterprise_id', parentColumn: 'large_model_id' },
} satisfies Record<string, Via>;

/** The directory's enterprises, or those linked to `parent`, filtered and paged. */
export function listEnterprises(
  ctx: Context,
  options: ListOptions<EnterpriseFilter>,
  parent: { id: number | string; via: Via } | null = null,
): Promise<Connection<Enterprise>> {
  return listEntities(ctx, enterpriseSource, options, parent);
}

export function enterpriseById(ctx: Context, id: number): Promise<Enterprise | null> {
  return loadById(ctx, enterpriseSource, id);
}

/** The enterprise a global ID names, or null when none has it; a wrong-type ID is BAD_USER_INPUT. */
export function enterpriseByGlobalId(ctx: Context, id: string, argument = 'id'): Promise<Enterprise | null> {
  return enterpriseById(ctx, parseIntegerId(id, 'Enterprise', argument));
}

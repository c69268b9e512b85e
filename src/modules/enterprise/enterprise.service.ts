import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { applyComposed, withSharedFields, applyIntRange } from '../../common/filter-compose';
import { filterIds, filterValues } from '../../common/filters';
import { orderingBy } from '../../common/relay/ordering';
import { parseSearchQuery, searchCondition } from '../../common/search-query';
import { parseIntegerId } from '../../common/global-id';
import { BadUserInputError } from '../../common/errors';
import { lookupCity, lookupProvince } from '../../common/vocabulary/cities';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { districtCondition } from '../district/district.service';
import { CHAIN_CLOSURE, CHAIN_LINK_TABLE, CHAIN_NODE_FIRMS } from '../chain-node/chain-node.service';
import { Enterprise } from './enterprise.entity';
import { EnterpriseFilter, EnterpriseOrderField } from './enterprise.inputs';
import { listSourceOf } from '../../common/entity-type';
import { enterpriseType } from './enterprise.descriptor';
import { enterpriseKeptCount } from './enterprise.counts';
// eslint-disable-next-line import-x/no-restricted-paths -- the hostsPlatform filter joins the platforms' table, named by its descriptor
import { platformType } from '../platform/platform.descriptor';
// eslint-disable-next-line import-x/no-restricted-paths -- the holdsDesignation filter joins the recognitions' table, named by its descriptor
import { designationType } from '../designation/designation.descriptor';

/**
 * Adds the conditions of `filter` (with its AND/OR/NOT, nested up to 5 levels) to a query over
 * `enterprise as e`.
 */
export function applyEnterpriseFilter(qb: Knex.QueryBuilder, knex: Knex, filter: EnterpriseFilter): void {
  applyComposed<EnterpriseFilter>(qb, knex, filter, withSharedFields('e', applyEnterpriseFields));
}

/** The filter's own fields, without AND/OR/NOT. */
function applyEnterpriseFields(qb: Knex.QueryBuilder, knex: Knex, filter: EnterpriseFilter): void {
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
    const [inDistricts, bindings] = districtCondition('f_p.district', districts);
    qb.whereExists(
      knex('enterprise_park as f_dp')
        .join('park as f_p', 'f_p.id', 'f_dp.park_id')
        .whereRaw('f_dp.enterprise_id = e.id')
        .whereRaw(inDistricts, bindings as Knex.RawBinding[]),
    );
  }
  const chainNodeIds = filterIds(filter.chainNodes, 'ChainNode', 'chainNodes');
  if (chainNodeIds) {
    qb.whereExists(
      knex(`${CHAIN_LINK_TABLE} as f_ecn`)
        .join(`${CHAIN_CLOSURE} as f_cc`, 'f_cc.descendant_id', 'f_ecn.chain_node_id')
        .whereRaw('f_ecn.enterprise_id = e.id')
        .whereIn('f_cc.ancestor_id', chainNodeIds),
    );
  }
  const layers = filterValues(filter.layers, 'layers');
  if (layers) qb.whereIn('e.layer', layers);
  const query = parseSearchQuery(filter.search, 'search');
  if (query) qb.whereRaw(...(searchCondition('e', query) as [string, Knex.RawBinding[]]));
  applyIntRange(qb, 'e.founded_year', filter.foundedYear, 'foundedYear');
  if (filter.hostsPlatform) {
    const kinds = filterValues(filter.hostsPlatform.kinds, 'hostsPlatform.kinds');
    const levels = filterValues(filter.hostsPlatform.levels, 'hostsPlatform.levels');
    const sub = knex('platform_host as f_ph').join(`${platformType.table} as f_ip`, 'f_ip.id', 'f_ph.platform_id').whereRaw('f_ph.enterprise_id = e.id');
    if (kinds) sub.whereIn('f_ip.kind', kinds);
    if (levels) sub.whereIn('f_ip.level', levels);
    qb.whereExists(sub);
  }
  if (filter.holdsDesignation) {
    const kinds = filterValues(filter.holdsDesignation.kinds, 'holdsDesignation.kinds');
    const levels = filterValues(filter.holdsDesignation.levels, 'holdsDesignation.levels');
    const sub = knex(`${designationType.table} as f_fd`).whereRaw('f_fd.enterprise_id = e.id');
    if (kinds) sub.whereIn('f_fd.kind', kinds);
    if (levels) sub.whereIn('f_fd.level', levels);
    applyIntRange(sub, 'f_fd.year', filter.holdsDesignation.year, 'holdsDesignation.year');
    qb.whereExists(sub);
  }
  const presence = filterValues(filter.presence, 'presence');
  if (presence) qb.whereIn('e.presence', presence);
  const provinces = filterValues(filter.headquartersProvinces, 'headquartersProvinces');
  if (provinces)
    qb.whereIn(
      'e.headquarters_province',
      provinces.map((p, i) => provinceName(p, `headquartersProvinces[${i}]`)),
    );
  const cities = filterValues(filter.headquartersCities, 'headquartersCities');
  if (cities)
    qb.whereIn(
      'e.headquarters_city',
      cities.map((c, i) => cityName(c, `headquartersCities[${i}]`)),
    );
  if (filter.providesScenario) {
    const sectorCodes = filterValues(filter.providesScenario.sectors, 'providesScenario.sectors');
    const statuses = filterValues(filter.providesScenario.statuses, 'providesScenario.statuses');
    const sub = knex('scenario_provider as f_sp').join('scenario as f_s', 'f_s.id', 'f_sp.scenario_id').whereRaw('f_sp.enterprise_id = e.id');
    if (sectorCodes) sub.whereIn('f_s.sector_code', sectorCodes);
    if (statuses) sub.whereIn('f_s.status', statuses);
    qb.whereExists(sub);
  }
}

function provinceName(name: string, argument: string): string {
  const found = lookupProvince(name);
  if (!found) throw new BadUserInputError(`"${name}" is not a province-level division of the reference list (e.g. 广东省, Guangdong).`, { field: argument });
  return found;
}

function cityName(name: string, argument: string): string {
  const found = lookupCity(name);
  if ('error' in found) throw new BadUserInputError(found.error, { field: argument });
  return found.city.nameZh;
}

export const enterpriseSource = listSourceOf<Enterprise, EnterpriseFilter>(enterpriseType, applyEnterpriseFilter, enterpriseKeptCount);

/** The ordering an `orderBy` asks for (id ascending when none). */
export const enterpriseOrdering = orderingBy<EnterpriseOrderField>(enterpriseSource, {
  [EnterpriseOrderField.NAME]: ['name', [{ expr: 'e.name_pinyin collate "C"' }, { expr: 'e.name_zh collate "C"' }]],
  [EnterpriseOrderField.FOUNDED_YEAR]: ['foundedYear', [{ expr: 'e.founded_year', nullable: 'int' }]],
});

/** Relations that list enterprises, by the pivot that links them to their parent. */
export const enterprisesVia = {
  park: { table: 'enterprise_park', nodeColumn: 'enterprise_id', parentColumn: 'park_id' },
  sector: { table: 'enterprise_sector', nodeColumn: 'enterprise_id', parentColumn: 'sector_code', parentType: 'text' },
  hostedPlatform: { table: 'platform_host', nodeColumn: 'enterprise_id', parentColumn: 'platform_id' },
  providedScenario: { table: 'scenario_provider', nodeColumn: 'enterprise_id', parentColumn: 'scenario_id' },
  developedModel: { table: 'large_model_developer', nodeColumn: 'enterprise_id', parentColumn: 'large_model_id' },
  chainNode: { table: CHAIN_NODE_FIRMS, nodeColumn: 'enterprise_id', parentColumn: 'chain_node_id' },
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

import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { applyComposed, withSharedFields, applyGeoRadius, applyIntRange } from '../../common/filter-compose';
import { filterValues } from '../../common/filters';
import { orderingBy } from '../../common/relay/ordering';
import { parseSearchQuery, searchCondition } from '../../common/search-query';
import { parseIntegerId } from '../../common/global-id';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { districtCondition } from '../district/district.service';
import { Park } from './park.entity';
import { ParkFilter, ParkOrderField } from './park.inputs';
import { listSourceOf } from '../../common/entity-type';
import { parkType } from './park.descriptor';

/** Adds the conditions of `filter` (with its AND/OR/NOT, nested up to 5 levels) to a query over `park as p`. */
export function applyParkFilter(qb: Knex.QueryBuilder, knex: Knex, filter: ParkFilter): void {
  applyComposed<ParkFilter>(qb, knex, filter, withSharedFields('p', applyParkFields));
}

function applyParkFields(qb: Knex.QueryBuilder, knex: Knex, filter: ParkFilter): void {
  const districts = filterValues(filter.districts, 'districts');
  if (districts) {
    const [inDistricts, bindings] = districtCondition('p.district', districts);
    qb.whereRaw(inDistricts, bindings as Knex.RawBinding[]);
  }
  const roles = filterValues(filter.roles, 'roles');
  if (roles) qb.whereIn('p.role', roles);
  const sectors = filterValues(filter.focusSectors, 'focusSectors');
  if (sectors) {
    qb.whereExists(knex('park_focus_sector as f_ps').whereRaw('f_ps.park_id = p.id').whereIn('f_ps.sector_code', sectors));
  }
  const query = parseSearchQuery(filter.search, 'search');
  if (query) qb.whereRaw(...(searchCondition('p', query) as [string, Knex.RawBinding[]]));
  applyIntRange(qb, 'p.founded_year', filter.foundedYear, 'foundedYear');
  if (filter.hasEnterprises) {
    const sectorCodes = filterValues(filter.hasEnterprises.sectors, 'hasEnterprises.sectors');
    const layers = filterValues(filter.hasEnterprises.layers, 'hasEnterprises.layers');
    const sub = knex('enterprise_park as f_ep').join('enterprise as f_e', 'f_e.id', 'f_ep.enterprise_id').whereRaw('f_ep.park_id = p.id');
    if (layers) sub.whereIn('f_e.layer', layers);
    if (sectorCodes) {
      sub.whereExists(knex('enterprise_sector as f_es').whereRaw('f_es.enterprise_id = f_e.id').whereIn('f_es.sector_code', sectorCodes));
    }
    qb.whereExists(sub);
  }
  applyGeoRadius(qb, 'p.latitude', 'p.longitude', filter.near, 'near');
}

/** Number of firms in park `p`: an expression usable as a keyset sort key. */
const ENTERPRISE_COUNT = '(select count(*)::int from enterprise_park o_ep where o_ep.park_id = p.id)';

export const parkSource = listSourceOf<Park, ParkFilter>(parkType, applyParkFilter);

/** The ordering an `orderBy` asks for (id ascending when none). */
export const parkOrdering = orderingBy<ParkOrderField>(parkSource, {
  [ParkOrderField.NAME]: ['name', [{ expr: 'p.name_pinyin collate "C"' }, { expr: 'p.name_zh collate "C"' }]],
  [ParkOrderField.FOUNDED_YEAR]: ['foundedYear', [{ expr: 'p.founded_year', nullable: 'int' }]],
  [ParkOrderField.ENTERPRISE_COUNT]: ['enterpriseCount', [{ expr: ENTERPRISE_COUNT }]],
});

export const parksVia = {
  enterprise: { table: 'enterprise_park', nodeColumn: 'park_id', parentColumn: 'enterprise_id' },
  focusSector: { table: 'park_focus_sector', nodeColumn: 'park_id', parentColumn: 'sector_code', parentType: 'text' },
} satisfies Record<string, Via>;

/** The directory's parks, or those linked to `parent`, filtered and paged. */
export function listParks(ctx: Context, options: ListOptions<ParkFilter>, parent: { id: number | string; via: Via } | null = null): Promise<Connection<Park>> {
  return listEntities(ctx, parkSource, options, parent);
}

export function parkById(ctx: Context, id: number): Promise<Park | null> {
  return loadById(ctx, parkSource, id);
}

export function parkByGlobalId(ctx: Context, id: string, argument = 'id'): Promise<Park | null> {
  return parkById(ctx, parseIntegerId(id, 'Park', argument));
}

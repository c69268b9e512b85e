import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { filterValues, searchPattern } from '../../common/filters';
import { parseIntegerId } from '../../common/global-id';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, ListSource, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { Park } from './park.entity';
import type { ParkFilter } from './park.inputs';

/** Adds the conditions of `filter` to a query over `park as p`. */
export function applyParkFilter(qb: Knex.QueryBuilder, knex: Knex, filter: ParkFilter): void {
  const districts = filterValues(filter.districts, 'districts');
  if (districts) qb.whereIn('p.district', districts);
  const roles = filterValues(filter.roles, 'roles');
  if (roles) qb.whereIn('p.role', roles);
  const sectors = filterValues(filter.focusSectors, 'focusSectors');
  if (sectors) {
    qb.whereExists(knex('park_focus_sector as f_ps').whereRaw('f_ps.park_id = p.id').whereIn('f_ps.sector_code', sectors));
  }
  const pattern = searchPattern(filter.search, 'search');
  if (pattern) {
    qb.where((w) =>
      w
        .whereRaw('lower(p.name_zh) like ?', [pattern])
        .orWhereRaw("lower(coalesce(p.name_en, '')) like ?", [pattern])
        .orWhereRaw("lower(array_to_string(p.aliases, ' ')) like ?", [pattern]),
    );
  }
}

export const parkSource: ListSource<Park, ParkFilter> = {
  name: 'Park',
  entity: Park,
  table: 'park',
  alias: 'p',
  ordering: { name: 'id', terms: [{ expr: 'p.id', dir: 'asc' }] },
  applyFilter: applyParkFilter,
};

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

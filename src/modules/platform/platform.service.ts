import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { filterIds, filterValues, searchPattern } from '../../common/filters';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, ListSource, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { InnovationPlatform } from './platform.entity';
import type { PlatformFilter } from './platform.inputs';

/** Adds the conditions of `filter` to a query over `innovation_platform as ip`. */
export function applyPlatformFilter(qb: Knex.QueryBuilder, knex: Knex, filter: PlatformFilter): void {
  const kinds = filterValues(filter.kinds, 'kinds');
  if (kinds) qb.whereIn('ip.kind', kinds);
  const levels = filterValues(filter.levels, 'levels');
  if (levels) qb.whereIn('ip.level', levels);
  const parkIds = filterIds(filter.parkIds, 'Park', 'parkIds');
  if (parkIds) qb.whereIn('ip.park_id', parkIds);
  const sectors = filterValues(filter.sectors, 'sectors');
  if (sectors) {
    qb.whereExists(knex('platform_sector as f_ps').whereRaw('f_ps.platform_id = ip.id').whereIn('f_ps.sector_code', sectors));
  }
  const pattern = searchPattern(filter.search, 'search');
  if (pattern) {
    qb.where((w) =>
      w
        .whereRaw('lower(ip.name_zh) like ?', [pattern])
        .orWhereRaw("lower(coalesce(ip.name_en, '')) like ?", [pattern])
        .orWhereRaw("lower(array_to_string(ip.aliases, ' ')) like ?", [pattern]),
    );
  }
}

export const platformSource: ListSource<InnovationPlatform, PlatformFilter> = {
  name: 'InnovationPlatform',
  entity: InnovationPlatform,
  table: 'innovation_platform',
  alias: 'ip',
  ordering: { name: 'id', terms: [{ expr: 'ip.id', dir: 'asc' }] },
  applyFilter: applyPlatformFilter,
};

export const platformsVia = {
  host: { table: 'platform_host', nodeColumn: 'platform_id', parentColumn: 'enterprise_id' },
  park: { table: 'innovation_platform', parentColumn: 'park_id' },
  sector: { table: 'platform_sector', nodeColumn: 'platform_id', parentColumn: 'sector_code', parentType: 'text' },
} satisfies Record<string, Via>;

export function listPlatforms(
  ctx: Context,
  options: ListOptions<PlatformFilter>,
  parent: { id: number | string; via: Via } | null = null,
): Promise<Connection<InnovationPlatform>> {
  return listEntities(ctx, platformSource, options, parent);
}

export function platformById(ctx: Context, id: number): Promise<InnovationPlatform | null> {
  return loadById(ctx, platformSource, id);
}

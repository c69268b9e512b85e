import type { Knex } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import type { PaginationArgs } from '../../common/relay/pagination';
import { listUnion } from '../../common/relay/union-list';
import { organizationArms, OrganizationNode } from '../institution/institution.types';
import type { Context } from '../../common/context';
import { applyComposed, withSharedFields, applyIntRange } from '../../common/filter-compose';
import { filterIds, filterValues } from '../../common/filters';
import { orderingBy } from '../../common/relay/ordering';
import { parseSearchQuery, searchCondition } from '../../common/search-query';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { InnovationPlatform } from './platform.entity';
import { PlatformFilter, PlatformOrderField } from './platform.inputs';
import { listSourceOf } from '../../common/entity-type';
import { platformType } from './platform.descriptor';

/** Adds the conditions of `filter` (with its AND/OR/NOT, nested up to 5 levels) to a query over `innovation_platform as ip`. */
export function applyPlatformFilter(qb: Knex.QueryBuilder, knex: Knex, filter: PlatformFilter): void {
  applyComposed<PlatformFilter>(qb, knex, filter, withSharedFields('ip', applyPlatformFields));
}

function applyPlatformFields(qb: Knex.QueryBuilder, knex: Knex, filter: PlatformFilter): void {
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
  const query = parseSearchQuery(filter.search, 'search');
  if (query) qb.whereRaw(...(searchCondition('ip', query) as [string, Knex.RawBinding[]]));
  applyIntRange(qb, 'ip.founded_year', filter.foundedYear, 'foundedYear');
}

export const platformSource = listSourceOf<InnovationPlatform, PlatformFilter>(platformType, applyPlatformFilter);

/** The ordering an `orderBy` asks for (id ascending when none). */
export const platformOrdering = orderingBy<PlatformOrderField>(platformSource, {
  [PlatformOrderField.NAME]: ['name', [{ expr: 'ip.name_pinyin collate "C"' }, { expr: 'ip.name_zh collate "C"' }]],
  [PlatformOrderField.FOUNDED_YEAR]: ['foundedYear', [{ expr: 'ip.founded_year', nullable: 'int' }]],
});

export const platformsVia = {
  host: { table: 'platform_host', nodeColumn: 'platform_id', parentColumn: 'enterprise_id' },
  institutionHost: { table: 'platform_institution_host', nodeColumn: 'platform_id', parentColumn: 'institution_id' },
  park: { table: platformType.table, parentColumn: 'park_id' },
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

/** A platform's hosts (依托单位), firms first then institutions, each in id order. */
export function listPlatformHosts(ctx: Context, platformId: number, args: PaginationArgs, info: GraphQLResolveInfo): Promise<Connection<OrganizationNode>> {
  const arms = organizationArms({ pivot: 'platform_host', parentColumn: 'platform_id' }, { pivot: 'platform_institution_host', parentColumn: 'platform_id' });
  return listUnion(ctx, { name: 'platform-hosts', arms }, platformId, { args, info });
}

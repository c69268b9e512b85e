import type { Knex } from '@mikro-orm/postgresql';
import { filterValues } from '../../common/filters';
import type { KeptCount, Via } from '../../common/relay/entity-list';
import type { EnterpriseFilter } from './enterprise.inputs';

/** The table the enterprise-count triggers keep (migration 20261204120000_enterprise_counts). */
export const ENTERPRISE_COUNT_TABLE = 'enterprise_count';

/** The filter fields a kept count covers; any other field set means counting the matches. */
const COVERED_FIELDS = new Set(['sectors', 'layers']);

/**
 * The kept count for a list of firms, when its filter has a shape `enterprise_count` holds: at the
 * root or in one park, at most one sector, any layers (a firm has one layer, so the counts of
 * several layers add up exactly). Several sectors (a firm may have two), AND/OR/NOT or any other
 * field: null, and `totalCount` counts every match as before.
 */
export function enterpriseKeptCount(filter: EnterpriseFilter | null | undefined, via: Via | null): KeptCount | null {
  if (via && !(via.table === 'enterprise_park' && via.parentColumn === 'park_id')) return null;
  if (filter) {
    for (const [field, value] of Object.entries(filter)) {
      if (value !== null && value !== undefined && !COVERED_FIELDS.has(field)) return null;
    }
  }
  const sectors = filterValues(filter?.sectors, 'sectors');
  if (sectors && sectors.length > 1) return null;
  const layers = filterValues(filter?.layers, 'layers');
  const sector: string = sectors ? sectors[0] : '';
  return (knex: Knex, parentKey: string | null) => {
    const qb = knex(`${ENTERPRISE_COUNT_TABLE} as kc`).select(knex.raw('coalesce(sum(kc.n), 0)::int as __total')).where('kc.sector_code', sector);
    if (parentKey) qb.whereRaw(`kc.park_id = ${parentKey}`);
    else qb.where('kc.park_id', 0);
    if (layers) qb.whereIn('kc.layer', layers);
    else qb.where('kc.layer', '');
    return qb;
  };
}

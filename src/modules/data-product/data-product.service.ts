import type { Knex } from '@mikro-orm/postgresql';
import type { Context } from '../../common/context';
import { listSourceOf } from '../../common/entity-type';
import { applyComposed, applyIntRange, withSharedFields } from '../../common/filter-compose';
import { filterIds, filterValues } from '../../common/filters';
import type { Connection } from '../../common/relay/connection.types';
import { ListOptions, listEntities, loadById, Via } from '../../common/relay/entity-list';
import { orderingBy } from '../../common/relay/ordering';
import { parseSearchQuery, searchCondition } from '../../common/search-query';
import { dataProductType } from './data-product.descriptor';
import { DataProduct } from './data-product.entity';
import { DataProductOrderField } from './data-product.enums';
import { DataProductFilter } from './data-product.inputs';

/** Adds the conditions of `filter` (with its AND/OR/NOT) to a query over `data_product as dp`. */
export function applyDataProductFilter(qb: Knex.QueryBuilder, knex: Knex, filter: DataProductFilter): void {
  applyComposed<DataProductFilter>(qb, knex, filter, withSharedFields('dp', applyDataProductFields));
}

function applyDataProductFields(qb: Knex.QueryBuilder, knex: Knex, filter: DataProductFilter): void {
  const kinds = filterValues(filter.kinds, 'kinds');
  if (kinds) qb.whereIn('dp.kind', kinds);
  const providers = filterIds(filter.providerIds, 'Enterprise', 'providerIds');
  if (providers) qb.whereIn('dp.provider_id', providers);
  const exchanges = filterValues(filter.exchanges, 'exchanges');
  if (exchanges) qb.whereIn('dp.exchange', exchanges);
  const sectors = filterValues(filter.sectors, 'sectors');
  if (sectors) {
    qb.whereExists(knex('data_product_sector as f_ds').whereRaw('f_ds.data_product_id = dp.id').whereIn('f_ds.sector_code', sectors));
  }
  applyIntRange(qb, 'extract(year from dp.listed_on)::int', filter.listedYear, 'listedYear');
  const query = parseSearchQuery(filter.search, 'search');
  if (query) qb.whereRaw(...(searchCondition('dp', query) as [string, Knex.RawBinding[]]));
}

export const dataProductSource = listSourceOf<DataProduct, DataProductFilter>(dataProductType, applyDataProductFilter);

/** The ordering an `orderBy` asks for (id ascending when none). */
export const dataProductOrdering = orderingBy<DataProductOrderField>(dataProductSource, {
  [DataProductOrderField.NAME]: ['name', [{ expr: 'dp.name_pinyin collate "C"' }, { expr: 'dp.name_zh collate "C"' }]],
  [DataProductOrderField.LISTED_ON]: ['listedOn', [{ expr: `(dp.listed_on - date '2000-01-01')`, nullable: 'int' }]],
});

export const dataProductsVia = {
  provider: { table: dataProductType.table, parentColumn: 'provider_id' },
  sector: { table: 'data_product_sector', nodeColumn: 'data_product_id', parentColumn: 'sector_code', parentType: 'text' },
} satisfies Record<string, Via>;

export function listDataProducts(
  ctx: Context,
  options: ListOptions<DataProductFilter>,
  parent: { id: number | string; via: Via } | null = null,
): Promise<Connection<DataProduct>> {
  return listEntities(ctx, dataProductSource, options, parent);
}

export function dataProductById(ctx: Context, id: number): Promise<DataProduct | null> {
  return loadById(ctx, dataProductSource, id);
}

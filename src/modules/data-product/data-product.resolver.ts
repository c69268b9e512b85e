import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { pagedList } from '../../common/relay/paged-list';
import { RootConnectionArgs } from '../../common/relay/connection.types';
import { Enterprise } from '../enterprise/enterprise.entity';
import { enterpriseById } from '../enterprise/enterprise.service';
import { Sector } from '../sector/sector.entity';
import { sectorsOf } from '../sector/sector.service';
import { DataProduct } from './data-product.entity';
import { DataProductFilter, DataProductOrder } from './data-product.inputs';
import { dataProductOrdering, dataProductsVia, listDataProducts } from './data-product.service';
import { DataProductConnection } from './data-product.types';

const SECTOR_PIVOT = { table: 'data_product_sector', parentColumn: 'data_product_id' };

/** How data products are listed: the root query and the firms’ products. */
export const dataProductList = pagedList(
  DataProductConnection,
  listDataProducts,
  [DataProductFilter, 'Conditions the products must meet.'],
  [DataProductOrder, dataProductOrdering],
);

@Resolver(() => DataProduct)
export class DataProductResolver extends dataProductList.query(
  'dataProducts',
  '数据产品 Data products of the directory’s firms (数据要素), filtered and paged.',
  { paging: RootConnectionArgs },
) {
  @FieldResolver(() => Enterprise, { nullable: true, description: 'The firm that provides the product; null when unknown.' })
  provider(@Root() product: DataProduct, @Ctx() ctx: Context): Promise<Enterprise | null> | null {
    return product.provider ? enterpriseById(ctx, product.provider.id) : null;
  }

  @FieldResolver(() => [Sector], { description: 'Focus sectors the product serves, in the plan’s order.' })
  sectors(@Root() product: DataProduct, @Ctx() ctx: Context): Promise<Sector[]> {
    return sectorsOf(ctx, SECTOR_PIVOT, product.id);
  }
}

// A link from a type lower in the module order (see eslint.config.mjs): resolved here, so the
// enterprise module never imports this one.
export const EnterpriseDataProductsResolver = dataProductList.field(
  Enterprise,
  'dataProducts',
  '数据产品 Data products the firm provides.',
  dataProductsVia.provider,
  { order: false },
);

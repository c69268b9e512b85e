import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionArgs, RootConnectionArgs } from '../../common/relay/connection.types';
import { Enterprise } from '../enterprise/enterprise.entity';
import { enterpriseById } from '../enterprise/enterprise.service';
import { Sector } from '../sector/sector.entity';
import { sectorsOf } from '../sector/sector.service';
import { DataProduct } from './data-product.entity';
import { DataProductFilter, DataProductOrder } from './data-product.inputs';
import { dataProductOrdering, dataProductsVia, listDataProducts } from './data-product.service';
import { DataProductConnection } from './data-product.types';

const SECTOR_PIVOT = { table: 'data_product_sector', parentColumn: 'data_product_id' };

@Resolver(() => DataProduct)
export class DataProductResolver {
  @Query(() => DataProductConnection, { description: '数据产品 Data products of the directory’s firms (数据要素), filtered and paged.' })
  dataProducts(
    @Args() args: RootConnectionArgs,
    @Arg('filter', () => DataProductFilter, { nullable: true, description: 'Conditions the products must meet.' }) filter: DataProductFilter | null,
    @Arg('orderBy', () => DataProductOrder, { nullable: true, description: 'Order of the list; by default the order of entry (ID).' })
    orderBy: DataProductOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listDataProducts(ctx, { filter, args, info, ordering: dataProductOrdering(orderBy) });
  }

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
@Resolver(() => Enterprise)
export class EnterpriseDataProductsResolver {
  @FieldResolver(() => DataProductConnection, { description: '数据产品 Data products the firm provides.' })
  dataProducts(
    @Root() firm: Enterprise,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => DataProductFilter, { nullable: true, description: 'Conditions the products must meet.' }) filter: DataProductFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listDataProducts(ctx, { filter, args, info }, { id: firm.id, via: dataProductsVia.provider });
  }
}

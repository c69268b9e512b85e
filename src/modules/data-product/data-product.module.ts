import { defineModule } from '../../common/entity-type';
import { dataProductType } from './data-product.descriptor';
import { DataProductMutationResolver } from './data-product.mutations';
import { DataProductResolver, EnterpriseDataProductsResolver } from './data-product.resolver';

/** The DataProduct type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const dataProductModule = defineModule(dataProductType, [DataProductResolver, EnterpriseDataProductsResolver, DataProductMutationResolver]);

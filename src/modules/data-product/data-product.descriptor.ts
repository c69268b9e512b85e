import { defineEntityType } from '../../common/entity-type';
import { dataProductEditing } from './data-product.editing';
import { DataProduct } from './data-product.entity';

/** The DataProduct type as the shared machinery sees it: see src/common/entity-type.ts. */
export const dataProductType = defineEntityType(DataProduct, {
  alias: 'dp',
  search: { type: 'DATA_PRODUCT', order: 9 },
  graph: { kind: 'DATA_PRODUCT' },
  editing: dataProductEditing,
});

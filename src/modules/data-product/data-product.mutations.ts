import { Resolver } from 'type-graphql';
import { editingMutations } from '../../common/editing/editing-mutations';
import { dataProductType } from './data-product.descriptor';
import { DataProduct } from './data-product.entity';
import { CreateDataProductInput, DeleteDataProductInput, UpdateDataProductInput } from './data-product.inputs';
import { DataProductPayload } from './data-product.types';

/** Writes to data products (editor keys). Nothing depends on a product: delete needs no detach. */
@Resolver(() => DataProduct)
export class DataProductMutationResolver extends editingMutations(dataProductType, DataProductPayload, {
  create: {
    input: CreateDataProductInput,
    description: '新增数据产品 Adds a data product (editor key). Provenance: USER_ENTERED by the key.',
    inputDescription: 'The new product.',
  },
  update: { input: UpdateDataProductInput, description: '修改数据产品 Changes a product if it is still at expectedVersion; otherwise CONFLICT.' },
  delete: {
    input: DeleteDataProductInput,
    description: '删除数据产品 Deletes a product (its sector links go with it).',
    inputDescription: 'The product to delete.',
  },
}) {}

import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteWith, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import { editingOf } from '../../common/entity-type';
import { dataProductType } from './data-product.descriptor';
import { DataProduct } from './data-product.entity';
import { CreateDataProductInput, DeleteDataProductInput, UpdateDataProductInput } from './data-product.inputs';
import { DataProductPayload } from './data-product.types';

const editing = editingOf(dataProductType);

/** Writes to data products (editor keys). Nothing depends on a product: delete needs no detach. */
@Resolver(() => DataProduct)
export class DataProductMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => DataProductPayload, { description: '新增数据产品 Adds a data product (editor key). Provenance: USER_ENTERED by the key.' })
  async createDataProduct(
    @Arg('input', () => CreateDataProductInput, { description: 'The new product.' }) input: CreateDataProductInput,
    @Ctx() ctx: Context,
  ): Promise<DataProductPayload> {
    const { record, userErrors } = await createWith(ctx, editing, input);
    return { dataProduct: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DataProductPayload, { description: '修改数据产品 Changes a product if it is still at expectedVersion; otherwise CONFLICT.' })
  async updateDataProduct(
    @Arg('input', () => UpdateDataProductInput, { description: 'The changes.' }) input: UpdateDataProductInput,
    @Ctx() ctx: Context,
  ): Promise<DataProductPayload> {
    const { record, userErrors } = await updateWith(ctx, editing, input);
    return { dataProduct: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, { description: '删除数据产品 Deletes a product (its sector links go with it).' })
  deleteDataProduct(
    @Arg('input', () => DeleteDataProductInput, { description: 'The product to delete.' }) input: DeleteDataProductInput,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteWith(ctx, editing, input.id, false, ['input', 'id']);
  }
}

import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/editing/user-error';
import { connectionType } from '../../common/relay/connection.types';
import { DataProduct } from './data-product.entity';

export const DataProductConnection = connectionType(() => DataProduct, 'DataProduct', 'data product');

@ObjectType({ description: 'Result of createDataProduct / updateDataProduct.' })
export class DataProductPayload {
  @Field(() => DataProduct, { nullable: true, description: 'The product after the write; null when userErrors is not empty.' })
  dataProduct!: DataProduct | null;

  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}

import { writePayload } from '../../common/payload-type';
import { ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { DataProduct } from './data-product.entity';

export const DataProductConnection = connectionType(() => DataProduct, 'DataProduct', 'data product');

@ObjectType({ description: 'Result of createDataProduct / updateDataProduct.' })
export class DataProductPayload extends writePayload(() => DataProduct, 'dataProduct', 'product') {}

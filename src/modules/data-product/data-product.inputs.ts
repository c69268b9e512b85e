import { OptionalField } from '../../common/inputs/fields';
import { GraphQLDate } from 'graphql-scalars';
import { DescribedRecordInput, deleteInput, describedUpdateInput } from '../../common/inputs/record-inputs';
import { Field, ID, InputType } from 'type-graphql';
import { composableFilter } from '../../common/composable-filter';
import { IntRange, orderInput } from '../../common/filter.inputs';
import { SectorCode } from '../sector/sector-code.enum';
import { DataProductKind, DataProductOrderField } from './data-product.enums';

@InputType({
  description:
    '数据产品筛选 Narrows a list of data products. Fields combine with AND; values inside one list with OR; and, or and not nest other filters (at most 5 levels).',
})
export class DataProductFilter extends composableFilter('DataProductFilter', (): object => DataProductFilter) {
  @OptionalField([DataProductKind], 'Products of any of these kinds.') kinds?: DataProductKind[] | null;
  @OptionalField([SectorCode], 'Products serving any of these sectors.') sectors?: SectorCode[] | null;
  @OptionalField([ID], 'Products of any of these provider firms (Enterprise IDs).') providerIds?: string[] | null;
  @OptionalField([String], 'Products listed on any of these exchanges (exact names).') exchanges?: string[] | null;
  @OptionalField(IntRange, 'Year of listing within this range; unlisted products never match.') listedYear?: IntRange | null;

  @OptionalField(String, '搜索 Text matching a name or alias: Chinese substring, pinyin, pinyin initials, traditional characters or English; 1-200 characters.')
  search?: string | null;
}

export const DataProductOrder = orderInput('DataProductOrder', DataProductOrderField, 'data products');
export type DataProductOrder = InstanceType<typeof DataProductOrder>;

@InputType({ description: '新增数据产品 A new data product. Provenance: USER_ENTERED by the key.' })
export class CreateDataProductInput extends DescribedRecordInput {
  @OptionalField([String], 'Other names, e.g. the listing code.') aliases?: string[] | null;

  @Field(() => DataProductKind, { description: 'Kind of product.' })
  kind!: DataProductKind;

  @OptionalField(ID, 'The provider firm (Enterprise ID).') providerId?: string | null;
  @OptionalField(String, 'The exchange that lists it.') exchange?: string | null;
  @OptionalField(GraphQLDate, 'Listing date (YYYY-MM-DD), not in the future.') listedOn?: string | null;
  @OptionalField([SectorCode], 'Sectors it serves.') sectors?: SectorCode[] | null;
}

@InputType({ description: '修改数据产品 Changes to a data product; only the fields sent change, null clears an optional field.' })
export class UpdateDataProductInput extends describedUpdateInput('product') {
  @OptionalField([String], 'Other names; replaces the list.') aliases?: string[] | null;
  @OptionalField(DataProductKind, 'Kind; cannot be cleared.') kind?: DataProductKind | null;
  @OptionalField(ID, 'The provider firm; null clears it.') providerId?: string | null;
  @OptionalField(String, 'The exchange that lists it.') exchange?: string | null;
  @OptionalField(GraphQLDate, 'Listing date.') listedOn?: string | null;
}

@InputType({ description: '删除数据产品 The product to delete.' })
export class DeleteDataProductInput extends deleteInput('product') {}

import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { composableFilter } from '../../common/composable-filter';
import { IntRange, orderInput } from '../../common/filter.inputs';
import { SectorCode } from '../sector/sector-code.enum';
import { DataProductKind, DataProductOrderField } from './data-product.enums';

@InputType({
  description:
    '数据产品筛选 Narrows a list of data products. Fields combine with AND; values inside one list with OR; and, or and not nest other filters (at most 5 levels).',
})
export class DataProductFilter extends composableFilter('DataProductFilter', (): object => DataProductFilter) {
  @Field(() => [DataProductKind], { nullable: true, description: 'Products of any of these kinds.' })
  kinds?: DataProductKind[] | null;

  @Field(() => [SectorCode], { nullable: true, description: 'Products serving any of these sectors.' })
  sectors?: SectorCode[] | null;

  @Field(() => [ID], { nullable: true, description: 'Products of any of these provider firms (Enterprise IDs).' })
  providerIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Products listed on any of these exchanges (exact names).' })
  exchanges?: string[] | null;

  @Field(() => IntRange, { nullable: true, description: 'Year of listing within this range; unlisted products never match.' })
  listedYear?: IntRange | null;

  @Field(() => String, {
    nullable: true,
    description: '搜索 Text matching a name or alias: Chinese substring, pinyin, pinyin initials, traditional characters or English; 1-200 characters.',
  })
  search?: string | null;
}

export const DataProductOrder = orderInput('DataProductOrder', DataProductOrderField, 'data products');
export type DataProductOrder = InstanceType<typeof DataProductOrder>;

@InputType({ description: '新增数据产品 A new data product. Provenance: USER_ENTERED by the key.' })
export class CreateDataProductInput {
  @Field({ description: 'Chinese name, not blank.' })
  nameZh!: string;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => [String], { nullable: true, description: 'Other names, e.g. the listing code.' })
  aliases?: string[] | null;

  @Field(() => DataProductKind, { description: 'Kind of product.' })
  kind!: DataProductKind;

  @Field(() => ID, { nullable: true, description: 'The provider firm (Enterprise ID).' })
  providerId?: string | null;

  @Field(() => String, { nullable: true, description: 'The exchange that lists it.' })
  exchange?: string | null;

  @Field(() => GraphQLDate, { nullable: true, description: 'Listing date (YYYY-MM-DD), not in the future.' })
  listedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;

  @Field(() => [SectorCode], { nullable: true, description: 'Sectors it serves.' })
  sectors?: SectorCode[] | null;
}

@InputType({ description: '修改数据产品 Changes to a data product; only the fields sent change, null clears an optional field.' })
export class UpdateDataProductInput {
  @Field(() => ID, { description: 'The product to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT and nothing is written.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'Chinese name; cannot be cleared.' })
  nameZh?: string | null;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => [String], { nullable: true, description: 'Other names; replaces the list.' })
  aliases?: string[] | null;

  @Field(() => DataProductKind, { nullable: true, description: 'Kind; cannot be cleared.' })
  kind?: DataProductKind | null;

  @Field(() => ID, { nullable: true, description: 'The provider firm; null clears it.' })
  providerId?: string | null;

  @Field(() => String, { nullable: true, description: 'The exchange that lists it.' })
  exchange?: string | null;

  @Field(() => GraphQLDate, { nullable: true, description: 'Listing date.' })
  listedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string | null;
}

@InputType({ description: '删除数据产品 The product to delete.' })
export class DeleteDataProductInput {
  @Field(() => ID, { description: 'ID of the product to delete.' })
  id!: string;
}

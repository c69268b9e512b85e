import { composableFilter, legacyCombinators } from '../../common/composable-filter';
import { DescribedRecordInput, describedUpdateInput, detachingDeleteInput } from '../../common/inputs/record-inputs';
import { OptionalField, SearchField } from '../../common/inputs/fields';
import { Field, Float, InputType, Int } from 'type-graphql';
import { GeoRadius, IntRange, listOrder, ORDER_BY_NAME } from '../../common/filter.inputs';
import { GeoPointInput } from '../../common/geo-point.inputs';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { SectorCode } from '../sector/sector-code.enum';
import { ParkRole } from './park-role.enum';

@InputType({ description: 'Parks where at least one firm meets every given condition.' })
export class HasEnterprisesFilter {
  @OptionalField([SectorCode], 'The firm serves any of these sectors.') sectors?: SectorCode[] | null;
  @OptionalField([ChainLayer], 'The firm is in any of these chain layers (基础层, 技术层, 应用层).') layers?: ChainLayer[] | null;
}

@InputType({
  description:
    'Narrows a list of parks. Fields combine with AND; values inside one list combine with OR. and, or and not nest other filters (at most 5 levels).',
})
export class ParkFilter extends composableFilter('ParkFilter', (): object => ParkFilter) {
  @OptionalField(
    [String],
    'Parks in any of these districts: a division or functional zone by name or alias (崂山区, 黄岛, 西海岸新区 = 黄岛区); see Query.districts.',
  )
  districts?: string[] | null;

  @OptionalField([ParkRole], 'Parks with any of these roles.') roles?: ParkRole[] | null;
  @OptionalField([SectorCode], 'Parks focusing on any of these sectors.') focusSectors?: SectorCode[] | null;
  @SearchField() search?: string | null;
  @OptionalField(IntRange, 'Year founded or opened within this range; parks with unknown year never match.') foundedYear?: IntRange | null;
  @OptionalField(HasEnterprisesFilter, 'Parks that have firms in a given sector or chain layer.') hasEnterprises?: HasEnterprisesFilter | null;
  @OptionalField(GeoRadius, '附近 Parks within a radius of a point (great-circle distance); parks without coordinates never match.') near?: GeoRadius | null;

  /** Deprecated spellings, declared by legacyCombinators below. */
  declare AND?: ParkFilter[] | null;
  declare OR?: ParkFilter[] | null;
  declare NOT?: ParkFilter | null;
}
legacyCombinators(ParkFilter);

export const { fields: ParkOrderField, input: ParkOrder } = listOrder('Park', 'parks', {
  NAME: ORDER_BY_NAME,
  FOUNDED_YEAR: '成立年份 Year founded or opened; unknown years last.',
  ENTERPRISE_COUNT: '企业数量 Number of firms located in the park.',
});
export type ParkOrder = InstanceType<typeof ParkOrder>;
export type ParkOrderField = (typeof ParkOrderField)[keyof typeof ParkOrderField];

@InputType({ description: '新增园区 A new park.' })
export class CreateParkInput extends DescribedRecordInput {
  @OptionalField([String], 'Other names (别名).') aliases?: string[] | null;

  @Field({ description: 'District in Chinese, e.g. 崂山区.' })
  district!: string;

  @Field(() => ParkRole, { description: '主承载区 PRIMARY or 特色承载区 FEATURED.' })
  role!: ParkRole;

  @Field(() => Float, {
    nullable: true,
    deprecationReason: 'Use location: { latitude, longitude }, typed like Park.latitude.',
    description: 'Latitude, -90 to 90 (WGS84).',
  })
  latitude?: number | null;

  @Field(() => Float, {
    nullable: true,
    deprecationReason: 'Use location: { latitude, longitude }, typed like Park.longitude.',
    description: 'Longitude, -180 to 180 (WGS84).',
  })
  longitude?: number | null;

  @OptionalField(GeoPointInput, 'Where the park is (WGS84 latitude and longitude). Do not send together with latitude/longitude.')
  location?: GeoPointInput | null;

  @OptionalField(Int, 'Year founded or opened (1900 to next year).') foundedYear?: number | null;
  @OptionalField([SectorCode], 'Focus sectors of the park.') focusSectors?: SectorCode[] | null;
}

@InputType({ description: '修改园区 Changes to a park; only the fields sent change, null clears an optional field.' })
export class UpdateParkInput extends describedUpdateInput('park') {
  @OptionalField([String], 'Other names; replaces the list.') aliases?: string[] | null;
  @OptionalField(String, 'District; cannot be cleared.') district?: string | null;
  @OptionalField(ParkRole, 'Role; cannot be cleared.') role?: ParkRole | null;

  @Field(() => Float, { nullable: true, deprecationReason: 'Use location: { latitude, longitude }, typed like Park.latitude.', description: 'Latitude.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, deprecationReason: 'Use location: { latitude, longitude }, typed like Park.longitude.', description: 'Longitude.' })
  longitude?: number | null;

  @OptionalField(GeoPointInput, 'Where the park is (WGS84); null clears both coordinates. Do not send together with latitude/longitude.')
  location?: GeoPointInput | null;

  @OptionalField(Int, 'Year founded.') foundedYear?: number | null;
}

@InputType({ description: '删除园区 The park to delete, and whether to unlink what depends on it.' })
export class DeleteParkInput extends detachingDeleteInput(
  'park',
  'Remove the firms from the park and clear the park of its platforms, scenarios and compute centres, then delete it; otherwise they refuse the delete (HAS_DEPENDANTS).',
) {}

import { composableFilter, legacyCombinators } from '../../common/composable-filter';
import { DescribedRecordInput, deleteInput, describedUpdateInput } from '../../common/inputs/record-inputs';
import { OptionalField, SearchField } from '../../common/inputs/fields';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IntRange, listOrder, ORDER_BY_NAME } from '../../common/filter.inputs';
import { SectorCode } from '../sector/sector-code.enum';
import { PlatformKind, PlatformLevel } from '../../common/vocabulary/platform.enums';

@InputType({
  description:
    'Narrows a list of innovation platforms. Fields combine with AND; values inside one list with OR. and, or and not nest other filters (at most 5 levels).',
})
export class PlatformFilter extends composableFilter('PlatformFilter', (): object => PlatformFilter) {
  @OptionalField([PlatformKind], 'Platforms of any of these kinds.') kinds?: PlatformKind[] | null;
  @OptionalField([PlatformLevel], 'Platforms of any of these levels.') levels?: PlatformLevel[] | null;
  @OptionalField([ID], 'Platforms located in any of these parks (Park IDs).') parkIds?: string[] | null;
  @OptionalField([SectorCode], 'Platforms serving any of these sectors.') sectors?: SectorCode[] | null;
  @SearchField() search?: string | null;
  @OptionalField(IntRange, 'Year established or recognised within this range; unknown years never match.') foundedYear?: IntRange | null;

  /** Deprecated spellings, declared by legacyCombinators below. */
  declare AND?: PlatformFilter[] | null;
  declare OR?: PlatformFilter[] | null;
  declare NOT?: PlatformFilter | null;
}
legacyCombinators(PlatformFilter);

export const { fields: PlatformOrderField, input: PlatformOrder } = listOrder('Platform', 'platforms', {
  NAME: ORDER_BY_NAME,
  FOUNDED_YEAR: '成立年份 Year established or recognised; unknown years last.',
});
export type PlatformOrder = InstanceType<typeof PlatformOrder>;
export type PlatformOrderField = (typeof PlatformOrderField)[keyof typeof PlatformOrderField];

@InputType({ description: '新增创新平台 A new innovation platform.' })
export class CreateInnovationPlatformInput extends DescribedRecordInput {
  @OptionalField([String], 'Other names (别名).') aliases?: string[] | null;

  @Field(() => PlatformKind, { description: 'Kind of platform.' })
  kind!: PlatformKind;

  @Field(() => PlatformLevel, { description: 'Level: national, provincial or municipal.' })
  level!: PlatformLevel;

  @OptionalField(Int, 'Year established or recognised (1900 to next year).') foundedYear?: number | null;
  @OptionalField(ID, 'The park the platform is in.') parkId?: string | null;
  @OptionalField([ID], 'Firms hosting the platform (依托单位), Enterprise IDs.') hostIds?: string[] | null;

  @OptionalField([ID], 'Universities and research institutes hosting or co-hosting the platform (依托单位), Institution IDs.')
  hostInstitutionIds?: string[] | null;

  @OptionalField([SectorCode], 'Sectors the platform serves.') sectors?: SectorCode[] | null;
}

@InputType({
  description:
    '修改创新平台 Changes to a platform; only the fields sent change, null clears an optional field. Hosts change with link/unlinkPlatformHost (firms) and link/unlinkPlatformInstitutionHost (institutions).',
})
export class UpdateInnovationPlatformInput extends describedUpdateInput('platform') {
  @OptionalField([String], 'Other names; replaces the list.') aliases?: string[] | null;
  @OptionalField(PlatformKind, 'Kind; cannot be cleared.') kind?: PlatformKind | null;
  @OptionalField(PlatformLevel, 'Level; cannot be cleared.') level?: PlatformLevel | null;
  @OptionalField(Int, 'Year established.') foundedYear?: number | null;
  @OptionalField(ID, 'The park; null clears it.') parkId?: string | null;
}

@InputType({ description: '删除创新平台 The platform to delete.' })
export class DeleteInnovationPlatformInput extends deleteInput('platform') {}

@InputType({ description: 'An innovation platform and a university or institute that hosts or co-hosts it, to link or unlink (平台 ↔ 依托高校院所).' })
export class PlatformInstitutionHostInput {
  @Field(() => ID, { description: 'The platform.' })
  platformId!: string;

  @Field(() => ID, { description: 'The hosting institution.' })
  institutionId!: string;
}

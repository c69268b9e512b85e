import { composableFilter, legacyCombinators } from '../../common/composable-filter';
import { detachingDeleteInput, versionedInput } from '../../common/inputs/record-inputs';
import { GraphQLURL } from 'graphql-scalars';
import { OptionalField, SearchField } from '../../common/inputs/fields';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IntRange, listOrder, ORDER_BY_NAME } from '../../common/filter.inputs';
import { PlatformKind, PlatformLevel } from '../../common/vocabulary/platform.enums';
import { ScenarioStatus } from '../../common/vocabulary/scenario-status.enum';
import { SectorCode } from '../sector/sector-code.enum';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { DesignationKind, DesignationLevel } from '../../common/vocabulary/designation.enums';
import { Presence } from '../../common/vocabulary/presence.enum';

@InputType({ description: 'Firms hosting (依托单位) at least one platform that meets every given condition.' })
export class HostsPlatformFilter {
  @OptionalField([PlatformKind], 'The platform is of any of these kinds.') kinds?: PlatformKind[] | null;
  @OptionalField([PlatformLevel], 'The platform is of any of these levels (国家级, 省级, 市级).') levels?: PlatformLevel[] | null;
}

@InputType({ description: 'Firms providing at least one application scenario that meets every given condition.' })
export class ProvidesScenarioFilter {
  @OptionalField([SectorCode], 'The scenario is in any of these sectors.') sectors?: SectorCode[] | null;
  @OptionalField([ScenarioStatus], 'The scenario is at any of these stages.') statuses?: ScenarioStatus[] | null;
}

@InputType({
  description: '按资质筛选 Firms holding at least one recognition (专精特新, “小巨人”, 高新技术企业, 瞪羚, 独角兽, 链主) that meets every given condition.',
})
export class HoldsDesignationFilter {
  @OptionalField([DesignationKind], 'The recognition is of any of these kinds.') kinds?: DesignationKind[] | null;
  @OptionalField([DesignationLevel], 'The recognition was granted at any of these levels (国家级, 省级, 市级).') levels?: DesignationLevel[] | null;
  @OptionalField(IntRange, 'The recognition was granted (or last renewed) in a year within this range.') year?: IntRange | null;
}

@InputType({
  description:
    'Narrows a list of enterprises. Fields combine with AND; values inside one list combine with OR. and, or and not nest other filters (at most 5 levels).',
})
export class EnterpriseFilter extends composableFilter('EnterpriseFilter', (): object => EnterpriseFilter) {
  @OptionalField([SectorCode], 'Firms serving any of these sectors.') sectors?: SectorCode[] | null;
  @OptionalField([ID], 'Firms located in any of these parks (Park IDs).') parkIds?: string[] | null;

  @OptionalField(
    [String],
    'Firms in a park of any of these districts: a division or functional zone by name or alias (崂山区, 黄岛, 西海岸新区 = 黄岛区); see Query.districts.',
  )
  districts?: string[] | null;

  @OptionalField([ChainLayer], 'Firms in any of these chain layers.') layers?: ChainLayer[] | null;

  @OptionalField(
    [ID],
    '产业链环节 Firms linked to any of these chain-map nodes (ChainNode IDs) or to a node below one of them: 智能传感器 includes 图像传感器, 压力传感器, …; see Query.chainMap.',
  )
  chainNodes?: string[] | null;

  @SearchField() search?: string | null;
  @OptionalField(IntRange, 'Founding year (成立年份) within this range; firms with unknown year never match.') foundedYear?: IntRange | null;
  @OptionalField(HostsPlatformFilter, 'Firms hosting a platform of a given kind or level.') hostsPlatform?: HostsPlatformFilter | null;
  @OptionalField(ProvidesScenarioFilter, 'Firms providing a scenario in a given sector or stage.') providesScenario?: ProvidesScenarioFilter | null;

  @OptionalField(
    HoldsDesignationFilter,
    '资质 Firms holding a recognition of a given kind, level or year, e.g. { kinds: [LITTLE_GIANT], levels: [NATIONAL] } for 国家级专精特新“小巨人”.',
  )
  holdsDesignation?: HoldsDesignationFilter | null;
  @OptionalField([Presence], '在青布局 Firms with any of these presences in Qingdao (LOCAL, OUTSIDE, BOTH).') presence?: Presence[] | null;

  @OptionalField(
    [String],
    '总部省份 Firms headquartered in any of these provinces: Chinese (广东省, 广东) or English (Guangdong). An unknown name is BAD_USER_INPUT.',
  )
  headquartersProvinces?: string[] | null;

  @OptionalField(
    [String],
    '总部城市 Firms headquartered in any of these cities (see Query.cities): Chinese (深圳市, 深圳), English or pinyin (Shenzhen). An unknown or ambiguous name is BAD_USER_INPUT.',
  )
  headquartersCities?: string[] | null;

  /** Deprecated spellings, declared by legacyCombinators below. */
  declare AND?: EnterpriseFilter[] | null;
  declare OR?: EnterpriseFilter[] | null;
  declare NOT?: EnterpriseFilter | null;
}
legacyCombinators(EnterpriseFilter);

export const { fields: EnterpriseOrderField, input: EnterpriseOrder } = listOrder('Enterprise', 'firms', {
  NAME: ORDER_BY_NAME,
  FOUNDED_YEAR: '成立年份 Founding year; unknown years last.',
});
export type EnterpriseOrder = InstanceType<typeof EnterpriseOrder>;
export type EnterpriseOrderField = (typeof EnterpriseOrderField)[keyof typeof EnterpriseOrderField];

@InputType({ description: '新增企业 A new firm. Names are trimmed; the credit code is checked (GB 32100-2015) and must be unique.' })
export class CreateEnterpriseInput {
  @Field({ description: 'Registered Chinese name (企业名称), not blank.' })
  nameZh!: string;

  @OptionalField(String, 'English name.') nameEn?: string | null;
  @OptionalField([String], 'Short or former names (简称).') aliases?: string[] | null;
  @OptionalField(String, '统一社会信用代码 18-character unified social credit code; unique in the directory.') creditCode?: string | null;

  @Field(() => ChainLayer, { description: '产业链环节 Layer of the industry chain.' })
  layer!: ChainLayer;

  @OptionalField(Int, 'Year founded (1900 to next year).') foundedYear?: number | null;

  @Field(() => String, { nullable: true, deprecationReason: 'Use websiteUrl, typed URL like Enterprise.website.', description: 'Website, an http(s) address.' })
  website?: string | null;

  @OptionalField(GraphQLURL, 'Website, an http(s) address (the type Enterprise.website answers with). Do not send together with website.')
  websiteUrl?: URL | null;

  @OptionalField(String, 'What the firm does, Chinese first, English after.') summary?: string | null;
  @OptionalField([SectorCode], 'Focus sectors the firm serves (重点领域).') sectors?: SectorCode[] | null;
  @OptionalField([ID], 'Parks the firm is located in (Park IDs).') parkIds?: string[] | null;

  @OptionalField(String, '总部城市 City of the headquarters (see Query.cities): 深圳市, 深圳 or Shenzhen. Default 青岛市. An unknown city is a userError.')
  headquartersCity?: string | null;

  @OptionalField(Presence, '在青布局 LOCAL (default; the headquarters must then be 青岛市), OUTSIDE or BOTH (the headquarters must then be elsewhere).')
  presence?: Presence | null;
  @OptionalField([ID], '产业链环节 Chain-map nodes the firm works in (ChainNode IDs; not retired).') chainNodeIds?: string[] | null;
}

@InputType({
  description:
    '修改企业 Changes to a firm. Only the fields sent change; send null to clear an optional field. Relations change through the link/unlink mutations.',
})
export class UpdateEnterpriseInput extends versionedInput(
  'The firm to change.',
  'The version you read (Enterprise.version). If the firm has changed since, nothing is written and the payload says CONFLICT.',
) {
  @OptionalField(String, 'Registered Chinese name; cannot be cleared.') nameZh?: string | null;
  @OptionalField(String, 'English name.') nameEn?: string | null;
  @OptionalField([String], 'Short or former names; replaces the list.') aliases?: string[] | null;
  @OptionalField(String, 'Unified social credit code.') creditCode?: string | null;
  @OptionalField(ChainLayer, 'Layer of the industry chain; cannot be cleared.') layer?: ChainLayer | null;
  @OptionalField(Int, 'Year founded.') foundedYear?: number | null;

  @Field(() => String, { nullable: true, deprecationReason: 'Use websiteUrl, typed URL like Enterprise.website.', description: 'Website.' })
  website?: string | null;

  @OptionalField(GraphQLURL, 'Website, an http(s) address; null clears it. Do not send together with website.') websiteUrl?: URL | null;
  @OptionalField(String, 'What the firm does.') summary?: string | null;

  @OptionalField(String, '总部城市 City of the headquarters (see Query.cities); cannot be cleared. An unknown city is a userError.')
  headquartersCity?: string | null;

  @OptionalField(
    Presence,
    '在青布局 LOCAL, OUTSIDE or BOTH; cannot be cleared. LOCAL goes with headquarters in 青岛市, OUTSIDE and BOTH with headquarters elsewhere.',
  )
  presence?: Presence | null;
}

@InputType({ description: 'A firm and a park to link or unlink (企业 ↔ 园区).' })
export class EnterpriseParkInput {
  @Field(() => ID, { description: 'The firm.' })
  enterpriseId!: string;

  @Field(() => ID, { description: 'The park.' })
  parkId!: string;
}

@InputType({ description: 'A firm and a focus sector to link or unlink (企业 ↔ 重点领域).' })
export class EnterpriseSectorInput {
  @Field(() => ID, { description: 'The firm.' })
  enterpriseId!: string;

  @Field(() => SectorCode, { description: 'The sector.' })
  sector!: SectorCode;
}

@InputType({ description: 'A scenario and a firm that provides it, to link or unlink (场景 ↔ 提供方企业).' })
export class ScenarioProviderInput {
  @Field(() => ID, { description: 'The scenario.' })
  scenarioId!: string;

  @Field(() => ID, { description: 'The firm providing it.' })
  enterpriseId!: string;
}

@InputType({ description: 'An innovation platform and a firm that hosts it, to link or unlink (平台 ↔ 依托单位).' })
export class PlatformHostInput {
  @Field(() => ID, { description: 'The platform.' })
  platformId!: string;

  @Field(() => ID, { description: 'The hosting firm.' })
  enterpriseId!: string;
}

@InputType({ description: '删除企业 The firm to delete, and whether to unlink what depends on it.' })
export class DeleteEnterpriseInput extends detachingDeleteInput(
  'firm',
  'Unlink the platforms, scenarios, models and national tasks that depend on the firm, then delete it; otherwise such dependants refuse the delete (HAS_DEPENDANTS).',
) {}

@InputType({ description: 'A firm and a chain-map node to link or unlink (企业 ↔ 产业链环节).' })
export class EnterpriseChainNodeInput {
  @Field(() => ID, { description: 'The firm.' })
  enterpriseId!: string;

  @Field(() => ID, { description: 'The chain node (ChainNode ID); linking needs one that is not retired.' })
  chainNodeId!: string;
}

import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Presence } from '../../common/vocabulary/presence.enum';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { DesignationKind, DesignationLevel } from '../../common/vocabulary/designation.enums';
import { ChainNode } from '../chain-node/chain-node.entity';
import { Park } from '../park/park.entity';
import { PlatformKind, PlatformLevel } from '../../common/vocabulary/platform.enums';
import { ScenarioStatus } from '../../common/vocabulary/scenario-status.enum';
import { Sector } from '../sector/sector.entity';

@ObjectType({ description: '按重点领域计数 Number of records in one focus sector.' })
export class SectorCount {
  @Field(() => Sector, { description: 'The sector.' })
  sector!: Sector;

  @Field(() => Int, { description: 'Number of matching records in the sector (0 when none).' })
  count!: number;
}

@ObjectType({ description: '按园区计数 Number of records in one park.' })
export class ParkCount {
  /** Local id of the park; the `park` field loads it, batched with every other park of the request. */
  parkId!: number;

  @Field(() => Park, { description: 'The park.' })
  park?: Park;

  @Field(() => Int, { description: 'Number of matching records in the park (at least 1: parks without any are left out).' })
  count!: number;
}

@ObjectType({ description: '按产业链环节计数 Number of firms in one chain layer.' })
export class LayerCount {
  @Field(() => ChainLayer, { description: 'The layer: 基础层, 技术层 or 应用层.' })
  layer!: ChainLayer;

  @Field(() => Int, { description: 'Number of matching firms in the layer (0 when none).' })
  count!: number;
}

@ObjectType({ description: '按在青布局计数 Number of firms with one presence in Qingdao.' })
export class PresenceCount {
  @Field(() => Presence, { description: 'The presence: LOCAL, OUTSIDE or BOTH.' })
  presence!: Presence;

  @Field(() => Int, { description: 'Number of matching firms with this presence (0 when none).' })
  count!: number;
}

@ObjectType({ description: '按总部省份计数 Number of firms headquartered in one province.' })
export class ProvinceCount {
  @Field({ description: 'The province-level division, Chinese (e.g. 广东省).' })
  province!: string;

  @Field({ description: 'The province in English (e.g. Guangdong).' })
  provinceEn!: string;

  @Field(() => Int, { description: 'Number of matching firms headquartered there.' })
  count!: number;
}

@ObjectType({ description: '按总部城市计数 Number of firms headquartered in one city.' })
export class HeadquartersCityCount {
  @Field({ description: 'The city, Chinese (e.g. 深圳市).' })
  city!: string;

  @Field({ description: 'The city in English (e.g. Shenzhen).' })
  cityEn!: string;

  @Field({ description: 'Its province, Chinese (e.g. 广东省).' })
  province!: string;

  @Field(() => Int, { description: 'Number of matching firms headquartered there.' })
  count!: number;
}

@ObjectType({ description: '按行政区计数 Number of firms located in one district.' })
export class DistrictCount {
  @Field({
    description:
      'Canonical name of the administrative division (区/市), e.g. 黄岛区 for parks recorded in 西海岸新区; a functional zone no source places in a division keeps its own name (高新区).',
  })
  district!: string;

  @Field(() => Int, { description: 'Number of matching firms with a park in the district; a firm counts once per district.' })
  count!: number;
}

@ObjectType({ description: '按资质计数 Number of firms holding one kind of recognition at one level.' })
export class DesignationCount {
  @Field(() => DesignationKind, { description: 'The kind of recognition.' })
  kind!: DesignationKind;

  @Field(() => DesignationLevel, { description: 'The level that granted it.' })
  level!: DesignationLevel;

  @Field(() => Int, { description: 'Number of matching firms holding it (0 when none).' })
  count!: number;
}

@ObjectType({
  description:
    '按年度企业指标汇总 The yearly figures (Enterprise.figures) of the selected firms for one year. “Reported” totals leave out every SAMPLE or SYNTHETIC figure ' +
    'and every figure of a sample or synthetic firm; those are counted apart in the sample fields, never mixed in. Money is in 万元.',
})
export class FigureYearSummary {
  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field(() => Int, { description: 'Selected firms with at least one reported figure for the year.' })
  firmsWithFigures!: number;

  @Field(() => Int, { description: 'Selected firms with a reported revenue figure for the year.' })
  firmsWithRevenue!: number;

  @Field(() => Float, {
    description: 'Sum of the reported revenue (营业收入) of those firms, 万元. Not the industry’s revenue: only firms with a figure count.',
  })
  revenueTotal!: number;

  @Field(() => Int, { description: 'Sum of the reported headcounts (从业人数), persons.' })
  headcountTotal!: number;

  @Field(() => Float, { description: 'Sum of the reported R&D spending (研发投入), 万元.' })
  rdSpendingTotal!: number;

  @Field(() => Int, { description: '示例 Selected firms whose figures for the year are sample or synthetic (invented), counted apart.' })
  sampleFirms!: number;

  @Field(() => Float, { description: '示例 Sum of the invented revenue figures, 万元: demonstration only, never a real total.' })
  sampleRevenueTotal!: number;
}

@ObjectType({ description: '按产业链节点计数 Number of firms in one node of the chain map, its descendants included.' })
export class ChainNodeCount {
  @Field(() => ChainNode, { description: 'The node (layer, segment or sub-segment).' })
  chainNode!: ChainNode;

  @Field(() => Int, { description: 'Number of matching firms linked to the node or to a node below it, each counted once (0 when none).' })
  count!: number;
}

@ObjectType({
  description:
    '企业分面统计 Counts of the firms a filter selects, by sector, park, layer and district, for showing "智慧海洋 (12)" beside a filter. ' +
    'A firm in several sectors or parks counts in each, so a list can add up to more than `total`.',
})
export class EnterpriseFacets {
  @Field(() => Int, { description: 'Number of firms the filter selects.' })
  total!: number;

  @Field(() => [SectorCount], { description: 'All eight sectors in the plan’s order, zero counts included.' })
  bySector!: SectorCount[];

  @Field(() => [ParkCount], { description: 'Parks holding at least one selected firm, most firms first (ties by park ID).' })
  byPark!: ParkCount[];

  @Field(() => [LayerCount], { description: 'The three chain layers in chain order (基础层, 技术层, 应用层), zero counts included.' })
  byLayer!: LayerCount[];

  @Field(() => [DistrictCount], { description: 'Districts holding at least one selected firm, most firms first (ties by name).' })
  byDistrict!: DistrictCount[];

  @Field(() => [DesignationCount], {
    description:
      '按资质 Every kind of recognition at every level, in schema order (kind, then 国家级, 省级, 市级), zero counts included; a firm holding several counts in each.',
  })
  byDesignation!: DesignationCount[];

  @Field(() => [FigureYearSummary], { description: '按年度指标 Years for which a selected firm has a figure, oldest first, with counts and sums.' })
  byFigureYear!: FigureYearSummary[];
  @Field(() => [PresenceCount], { description: '在青布局 LOCAL, OUTSIDE and BOTH in that order, zero counts included.' })
  byPresence!: PresenceCount[];

  @Field(() => [ProvinceCount], { description: '总部省份 Provinces where at least one selected firm is headquartered, most firms first (ties by name).' })
  byHeadquartersProvince!: ProvinceCount[];

  @Field(() => [HeadquartersCityCount], { description: '总部城市 Cities where at least one selected firm is headquartered, most firms first (ties by name).' })
  byHeadquartersCity!: HeadquartersCityCount[];
  @Field(() => [ChainNodeCount], {
    description:
      '按产业链环节 Every node of the chain map that is not retired, in map order (depth-first), zero counts included: firms linked to the node or below it. A firm in several segments counts in each.',
  })
  byChainNode!: ChainNodeCount[];
}

@ObjectType({ description: '按场景状态计数 Number of scenarios at one stage.' })
export class ScenarioStatusCount {
  @Field(() => ScenarioStatus, { description: 'The stage.' })
  status!: ScenarioStatus;

  @Field(() => Int, { description: 'Number of matching scenarios at the stage (0 when none).' })
  count!: number;
}

@ObjectType({ description: '按年份计数 Number of records of one year.' })
export class YearCount {
  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field(() => Int, { description: 'Number of matching records of the year.' })
  count!: number;
}

@ObjectType({ description: '场景分面统计 Counts of the scenarios a filter selects, by sector, status, park and year.' })
export class ScenarioFacets {
  @Field(() => Int, { description: 'Number of scenarios the filter selects.' })
  total!: number;

  @Field(() => [SectorCount], { description: 'All eight sectors in the plan’s order, zero counts included.' })
  bySector!: SectorCount[];

  @Field(() => [ScenarioStatusCount], { description: 'All five stages in order (规划中 … 典型示范), zero counts included.' })
  byStatus!: ScenarioStatusCount[];

  @Field(() => [ParkCount], { description: 'Parks holding at least one selected scenario, most first; scenarios without a park are counted in `withoutPark`.' })
  byPark!: ParkCount[];

  @Field(() => Int, { description: 'Selected scenarios not located in any park.' })
  withoutPark!: number;

  @Field(() => [YearCount], { description: 'Years with at least one selected scenario, oldest first; scenarios without a year are left out.' })
  byYear!: YearCount[];
}

@ObjectType({ description: '按平台类别计数 Number of platforms of one kind.' })
export class PlatformKindCount {
  @Field(() => PlatformKind, { description: 'The kind.' })
  kind!: PlatformKind;

  @Field(() => Int, { description: 'Number of matching platforms of the kind (0 when none).' })
  count!: number;
}

@ObjectType({ description: '按平台级别计数 Number of platforms of one level.' })
export class PlatformLevelCount {
  @Field(() => PlatformLevel, { description: 'The level.' })
  level!: PlatformLevel;

  @Field(() => Int, { description: 'Number of matching platforms of the level (0 when none).' })
  count!: number;
}

@ObjectType({ description: '创新平台分面统计 Counts of the innovation platforms a filter selects, by kind, level, park and sector.' })
export class PlatformFacets {
  @Field(() => Int, { description: 'Number of platforms the filter selects.' })
  total!: number;

  @Field(() => [PlatformKindCount], { description: 'All platform kinds in schema order, zero counts included.' })
  byKind!: PlatformKindCount[];

  @Field(() => [PlatformLevelCount], { description: 'The three levels (国家级, 省级, 市级), zero counts included.' })
  byLevel!: PlatformLevelCount[];

  @Field(() => [ParkCount], { description: 'Parks holding at least one selected platform, most first; platforms without a park are counted in `withoutPark`.' })
  byPark!: ParkCount[];

  @Field(() => Int, { description: 'Selected platforms not located in any park.' })
  withoutPark!: number;

  @Field(() => [SectorCount], {
    description: 'All eight sectors in the plan’s order, zero counts included; a platform serving several sectors counts in each.',
  })
  bySector!: SectorCount[];
}

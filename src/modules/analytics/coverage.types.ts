import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DirectoryFilterFields } from '../../common/filter.inputs';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { ParkRole } from '../park/park-role.enum';
import { ChainNode } from '../chain-node/chain-node.entity';
import { Park } from '../park/park.entity';
import { Sector } from '../sector/sector.entity';
import { SectorCode } from '../sector/sector-code.enum';

@InputType({ description: '覆盖矩阵筛选 Narrows the park × sector coverage matrix. Fields combine with AND; values inside one list with OR.' })
export class CoverageFilter extends DirectoryFilterFields {
  @Field(() => [ChainLayer], {
    nullable: true,
    description: 'Count only firms in these chain layers; `missingLayers` then looks at these layers only. Scenario and platform counts are not affected.',
  })
  layers?: ChainLayer[] | null;

  @Field(() => [ParkRole], { nullable: true, description: 'Only parks with any of these roles (主承载区 PRIMARY, 特色承载区 FEATURED).' })
  parkRoles?: ParkRole[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only these parks (Park IDs).' })
  parkIds?: string[] | null;

  @Field(() => [SectorCode], { nullable: true, description: 'Only these sectors.' })
  sectors?: SectorCode[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only cells where the sector is a focus sector (重点领域) of the park. Default false: every park × every sector.',
  })
  focusOnly?: boolean | null;
}

@ObjectType({ description: '覆盖矩阵单元 One park × sector cell of the coverage matrix.' })
export class CoverageCell {
  /** Local id of the park; the `park` field loads it, batched for the whole matrix. */
  parkId!: number;

  @Field(() => Park, { description: 'The park (row of the matrix).' })
  park?: Park;

  @Field(() => Sector, { description: 'The sector (column of the matrix).' })
  sector!: Sector;

  @Field({ description: 'Whether the sector is one of the park’s focus sectors (重点领域).' })
  isFocusSector!: boolean;

  @Field(() => Int, { description: 'Firms located in the park that serve the sector (in the filtered layers).' })
  enterpriseCount!: number;

  @Field(() => Int, { description: '“AI+” scenarios located in the park in the sector.' })
  scenarioCount!: number;

  @Field(() => Int, { description: 'Innovation platforms located in the park that serve the sector.' })
  platformCount!: number;

  @Field(() => [ChainLayer], {
    description: '缺失环节 Chain layers (of those filtered) with no firm of the park in the sector, in chain order: the start of gap analysis.',
  })
  missingLayers!: ChainLayer[];
}

@ObjectType({ description: '园区 × 产业链环节覆盖单元 One park × chain-map node cell: the park’s firms in that part of the chain.' })
export class ChainNodeCoverageCell {
  parkId!: number;

  @Field(() => Park, { description: 'The park (row).' })
  park?: Park;

  @Field(() => ChainNode, { description: 'The chain-map node (column): a layer, segment or sub-segment.' })
  chainNode!: ChainNode;

  @Field(() => Int, {
    description: 'Firms located in the park linked to the node or to a node below it, each once (in the filtered layers and provenance kinds).',
  })
  enterpriseCount!: number;
}

@ObjectType({ description: '园区算力设施 The compute facilities located in one park of the matrix.' })
export class ParkComputeCoverage {
  parkId!: number;

  @Field(() => Park, { description: 'The park.' })
  park?: Park;

  @Field(() => Int, { description: '算力设施数 Compute facilities (any kind) located in the park (in the filtered provenance kinds).' })
  computeCenterCount!: number;

  @Field(() => Int, { description: '智算设施数 Of those, facilities whose main kind is INTELLIGENT or that state an intelligent capacity.' })
  intelligentCenterCount!: number;

  @Field(() => Float, {
    nullable: true,
    description: '智算算力 Sum of the stated INTELLIGENT capacities of the park’s facilities, in PFLOPS; null when none of them states one.',
  })
  intelligentCapacityPflops!: number | null;
}

@ObjectType({
  description:
    '园区 × 重点领域覆盖矩阵 The park × sector coverage matrix: one cell per park and sector, parks by ID, sectors in the plan’s order. ' +
    'A firm or platform serving several sectors counts in each of its cells.',
})
export class Coverage {
  /** The last cell may be a promise: it waits for the data notice's tally (coverage.service.ts). */
  @Field(() => [CoverageCell], { description: 'The cells, row by row (park by park).' })
  cells!: Array<CoverageCell | Promise<CoverageCell>>;

  @Field(() => Int, { description: 'Number of parks (rows) in the matrix.' })
  parkCount!: number;

  @Field(() => Int, { description: 'Number of cells with no firm at all (in the filtered layers).' })
  emptyCellCount!: number;

  @Field(() => [ChainNodeCoverageCell], {
    description:
      '园区 × 产业链环节 The same parks against every chain-map node that is not retired: park by park, nodes in map order, zero counts included. The sector filters do not apply (a node is not a sector).',
  })
  chainNodeCells!: ChainNodeCoverageCell[];

  @Field(() => [ParkComputeCoverage], {
    description:
      '园区算力 The same parks, park by park, with the compute facilities located in each and their intelligent capacity (zero counts included). The sector and layer filters do not apply (a facility has no sector).',
  })
  computeByPark!: ParkComputeCoverage[];
}

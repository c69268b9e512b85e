import { ComputeKind } from '../compute-center/compute-center.enums';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { ProvenanceKind } from '../../common/provenance';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { ParkRole } from '../park/park-role.enum';
import { PlatformKind, PlatformLevel } from '../../common/vocabulary/platform.enums';
import { ScenarioStatus } from '../../common/vocabulary/scenario-status.enum';
import { SectorCode } from '../sector/sector-code.enum';
import { GraphEdgeKind, GraphNodeKind } from './graph.model';

@InputType({ description: '关系图筛选 Selects part of the relation graph. Conditions combine with AND; values in one list with OR.' })
export class RelationGraphFilter {
  @Field(() => [SectorCode], {
    nullable: true,
    description: 'Keep nodes tied to any of these sectors (firms, platforms and models serving them, parks focusing on them, their scenarios).',
  })
  sectors?: SectorCode[] | null;

  @Field(() => [ID], { nullable: true, description: 'Keep parks with these IDs and what is located in them.' })
  parkIds?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Keep parks in these districts (a division or functional zone by name or alias, e.g. 崂山区, 西海岸新区) and what is located in them.',
  })
  districts?: string[] | null;

  @Field(() => [GraphNodeKind], { nullable: true, description: 'Keep only nodes of these kinds.' })
  nodeKinds?: GraphNodeKind[] | null;

  @Field(() => [GraphEdgeKind], { nullable: true, description: 'Keep only relations of these kinds.' })
  edgeKinds?: GraphEdgeKind[] | null;

  @Field(() => ID, { nullable: true, description: 'Ego network (自我中心网络): keep nodes within `depth` hops of this node, in either direction.' })
  around?: string | null;

  @Field(() => Int, { nullable: true, description: 'Hops from `around`, 1 to 3 (default 1).' })
  depth?: number | null;

  @Field(() => [ProvenanceKind], {
    nullable: true,
    description: '数据来源 Keep only records of these provenance kinds (e.g. [PUBLIC_SOURCE, OFFICIAL_PLAN] leaves sample records out). Default: every kind.',
  })
  provenanceKinds?: ProvenanceKind[] | null;
}

/**
 * The attributes a vertex has in both of its shapes (the deprecated RelationGraphNode and
 * RelationGraphVertex); never in the schema itself.
 */
@ObjectType('RelationGraphVertexAttributes')
abstract class VertexAttributes {
  @Field(() => GraphNodeKind, { description: 'Kind of record.' })
  kind!: GraphNodeKind;

  @Field({ description: 'Chinese name.' })
  nameZh!: string;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn!: string | null;

  @Field(() => String, { nullable: true, description: 'Parks and institutions: district (所在区).' })
  district!: string | null;

  @Field(() => Int, { nullable: true, description: 'Scenarios: year.' })
  scenarioYear!: number | null;
}

@ObjectType({ description: '关系图节点 A vertex of the relation graph.' })
export class RelationGraphNode extends VertexAttributes {
  @Field(() => ID, { description: 'Global ID of the record; `node(id)` fetches it.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Firms: industry-chain layer (ChainLayer: 基础层, 技术层, 应用层).' })
  layer!: string | null;

  @Field(() => String, { nullable: true, description: 'Parks: role (ParkRole: 主承载区 PRIMARY, 特色承载区 FEATURED).' })
  role!: string | null;

  @Field(() => String, { nullable: true, description: 'Platforms: kind (PlatformKind).' })
  platformKind!: string | null;

  @Field(() => String, { nullable: true, description: 'Platforms: level (PlatformLevel).' })
  platformLevel!: string | null;

  @Field(() => String, { nullable: true, description: 'Scenarios: status (ScenarioStatus).' })
  scenarioStatus!: string | null;

  @Field(() => String, { nullable: true, description: 'Compute centres: kind (ComputeKind: 通算, 智算, 超算, 边缘); null when unknown.' })
  computeKind!: string | null;

  @Field(() => String, { description: 'Kind of source of the record (ProvenanceKind).' })
  provenanceKind!: string;
}

@ObjectType({
  description:
    '关系图顶点 A vertex of the relation graph: the drawing of one record. It has an ID of its own, so caches keyed by `id` alone (Relay, Apollo with dataIdFromObject by id) keep the vertex and the record apart; `recordId` and `record` lead to the record.',
})
export class RelationGraphVertex extends VertexAttributes {
  @Field(() => ID, {
    description: 'ID of this vertex, distinct from every record ID (it is not a Node: refetch the record through `record` or `node(id: recordId)`).',
  })
  id!: string;

  @Field(() => ID, { description: 'Global ID of the record drawn; `node(id)` fetches it, and edges name it in `source` and `target`.' })
  recordId!: string;

  @Field(() => Node, { nullable: true, description: 'The record drawn, as its own type (Enterprise, Park, ...); null if deleted since the graph was read.' })
  record?: Node | null;

  @Field(() => ChainLayer, { nullable: true, description: 'Firms: industry-chain layer (基础层, 技术层, 应用层).' })
  layer!: ChainLayer | null;

  @Field(() => ParkRole, { nullable: true, description: 'Parks: role (主承载区 PRIMARY, 特色承载区 FEATURED).' })
  role!: ParkRole | null;

  @Field(() => PlatformKind, { nullable: true, description: 'Platforms: kind.' })
  platformKind!: PlatformKind | null;

  @Field(() => PlatformLevel, { nullable: true, description: 'Platforms: level (国家级, 省级, 市级).' })
  platformLevel!: PlatformLevel | null;

  @Field(() => ScenarioStatus, { nullable: true, description: 'Scenarios: stage.' })
  scenarioStatus!: ScenarioStatus | null;

  @Field(() => ComputeKind, { nullable: true, description: 'Compute centres: kind (通算, 智算, 超算, 边缘); null when no source states it.' })
  computeKind!: ComputeKind | null;

  @Field(() => ProvenanceKind, { description: 'Kind of source of the record.' })
  provenanceKind!: ProvenanceKind;
}

@ObjectType({ description: '关系图的边 A directed relation between two vertices.' })
export class RelationGraphEdge {
  @Field(() => ID, { description: 'Stable ID of the relation, the same as in the file exports.' })
  id!: string;

  @Field(() => GraphEdgeKind, { description: 'Kind of relation.' })
  kind!: GraphEdgeKind;

  @Field(() => ID, { description: 'ID of the node the relation starts at.' })
  source!: string;

  @Field(() => ID, { description: 'ID of the node the relation points to.' })
  target!: string;
}

@ObjectType({ description: '关系图 A small part of the relation graph, for apps that draw it. Whole graphs: GET /export/graph.<format>.' })
export class RelationGraph {
  @Field(() => [RelationGraphNode], {
    description: 'The vertices, by kind, then by ID.',
    deprecationReason:
      'Use vertices: a RelationGraphNode carries the ID of the record it draws, so caches keyed by id alone store the record as a RelationGraphNode and lose its fields; its attributes are also untyped strings.',
  })
  nodes!: RelationGraphNode[];

  @Field(() => [RelationGraphVertex], { description: 'The vertices, by kind, then by ID (the same order as nodes), with enum-typed attributes.' })
  vertices!: RelationGraphVertex[];

  @Field(() => [RelationGraphEdge], { description: 'The relations whose both ends are among `nodes`.' })
  edges!: RelationGraphEdge[];
}

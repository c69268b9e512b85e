import { defineEnum, EnumValue } from '../../common/enum-type';
import type { EntityDescriptor } from '../../common/entity-type';
import { ENTITY_TYPES } from '../entity-types';

/** Kinds of vertex in the relation graph. */
export const GraphNodeKind = defineEnum('GraphNodeKind', '关系图节点类别 Kind of vertex in the relation graph.', {
  PARK: '产业园区 Industrial park.',
  ENTERPRISE: '企业 Firm.',
  PLATFORM: '创新平台 Innovation platform.',
  SCENARIO: '应用场景 "AI+" application scenario.',
  SECTOR: '重点领域 Focus sector.',
  LARGE_MODEL: '大模型 Large model.',
  COMPUTE_CENTER: '算力中心 Compute centre.',
  INSTITUTION: '高校院所 University or research institute.',
  NATIONAL_TASK: '国家人工智能创新任务 National AI innovation task.',
  DATA_PRODUCT: '数据产品 Data product.',
  CHAIN_NODE: '产业链节点 Layer, segment or sub-segment of the industry chain map.',
  VOUCHER_PROGRAM: '算力券项目 Compute-voucher programme (算力券).',
});
export type GraphNodeKind = EnumValue<typeof GraphNodeKind>;

/** Kinds of (directed) relation in the relation graph. */
export const GraphEdgeKind = defineEnum('GraphEdgeKind', '关系类别 Kind of directed relation in the relation graph.', {
  LOCATED_IN: '位于 Firm, platform, scenario or compute centre → park it is located in.',
  SERVES: '服务 Firm, platform, large model or data product → sector it serves.',
  FOCUSES_ON: '聚焦 Park → focus sector.',
  HOSTS: '依托 Firm or institution → innovation platform it hosts or co-hosts.',
  PROVIDES: '提供 Firm → scenario it provides.',
  IN_SECTOR: '所属领域 Scenario → its sector.',
  DEVELOPS: '研发 Firm → large model it develops.',
  WINS: '揭榜 Firm or institution → national AI innovation task it won.',
  OFFERS_DATA: '提供数据产品 Firm → data product it provides.',
  IN_CHAIN: '所属环节 Firm → chain-map segment it works in.',
  PART_OF: '上级环节 Chain-map segment → the node directly above it.',
  GRANTED: '获得算力券 Firm → compute-voucher programme it was granted vouchers from (one edge however many grants).',
  REDEEMED_AT: '兑付于 Compute-voucher programme → compute centre where its grants are redeemed (one edge however many grants).',
});
export type GraphEdgeKind = EnumValue<typeof GraphEdgeKind>;

export const NODE_KINDS = Object.values(GraphNodeKind);
export const EDGE_KINDS = Object.values(GraphEdgeKind);

/** A vertex as exported: global ID, kind, names and the attributes of its kind. */
export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  nameZh: string;
  nameEn: string | null;
  layer: string | null;
  district: string | null;
  role: string | null;
  platformKind: string | null;
  platformLevel: string | null;
  scenarioStatus: string | null;
  scenarioYear: number | null;
  computeKind: string | null;
  provenanceKind: string;
}

export interface GraphEdge {
  id: string;
  kind: GraphEdgeKind;
  source: string;
  target: string;
}

/** Node attributes other than the ID, in export order, with their type. */
export type AttributeType = 'string' | 'int';
export interface AttributeDef {
  name: Exclude<keyof GraphNode, 'id'>;
  type: AttributeType;
  description: string;
}

export const NODE_ATTRIBUTES: readonly AttributeDef[] = [
  {
    name: 'kind',
    type: 'string',
    description:
      'Node kind: PARK, ENTERPRISE, PLATFORM, SCENARIO, SECTOR, LARGE_MODEL, COMPUTE_CENTER, INSTITUTION, NATIONAL_TASK, DATA_PRODUCT, CHAIN_NODE, VOUCHER_PROGRAM',
  },
  { name: 'nameZh', type: 'string', description: 'Chinese name (中文名称)' },
  { name: 'nameEn', type: 'string', description: 'English name' },
  { name: 'layer', type: 'string', description: 'Enterprise or chain node: industry-chain layer (产业链层级)' },
  { name: 'district', type: 'string', description: 'Park or institution: district (所在区)' },
  { name: 'role', type: 'string', description: 'Park: role (PRIMARY 主承载区 / FEATURED 特色承载区)' },
  { name: 'platformKind', type: 'string', description: 'Platform: kind' },
  { name: 'platformLevel', type: 'string', description: 'Platform: level (NATIONAL, PROVINCIAL, MUNICIPAL)' },
  { name: 'scenarioStatus', type: 'string', description: 'Scenario: status' },
  { name: 'scenarioYear', type: 'int', description: 'Scenario: year' },
  {
    name: 'computeKind',
    type: 'string',
    description: 'Compute centre: kind (GENERAL 通算, INTELLIGENT 智算, SUPERCOMPUTING 超算, EDGE 边缘); empty when unknown',
  },
  { name: 'provenanceKind', type: 'string', description: 'Provenance of the record (OFFICIAL_PLAN, PUBLIC_SOURCE, SAMPLE, USER_ENTERED, SYNTHETIC)' },
];

/** How one node kind is stored. `key` is the primary key column; every other column is aliased to a GraphNode field. */
export interface NodeTable {
  kind: GraphNodeKind;
  /** GraphQL type name, used for the global ID. */
  typeName: string;
  table: string;
  key: 'id' | 'code';
  keyType: 'int' | 'text';
  columns: Partial<Record<keyof GraphNode, string>>;
}

/** The node tables of the types whose descriptors declare a graph kind, by kind. */
export function nodeTablesOf(types: readonly EntityDescriptor[]): Record<string, NodeTable> {
  const tables: Record<string, NodeTable> = {};
  for (const t of types) {
    if (!t.graph) continue;
    const { kind, attributes } = t.graph;
    tables[kind] = {
      kind: kind as GraphNodeKind,
      typeName: t.typeName,
      table: t.table,
      key: t.key.column as NodeTable['key'],
      keyType: t.key.type,
      columns: attributes,
    };
  }
  return tables;
}

export const NODE_TABLES = nodeTablesOf(ENTITY_TYPES) as Record<GraphNodeKind, NodeTable>;
for (const kind of NODE_KINDS) if (!NODE_TABLES[kind]) throw new Error(`No entity type declares the graph kind ${kind}.`);

export const NODE_KIND_BY_TYPE: ReadonlyMap<string, GraphNodeKind> = new Map(NODE_KINDS.map((k) => [NODE_TABLES[k].typeName, k]));

/** One edge type: which table links which kinds, by which columns. */
export interface EdgeTable {
  kind: GraphEdgeKind;
  source: GraphNodeKind;
  target: GraphNodeKind;
  table: string;
  sourceColumn: string;
  targetColumn: string;
  /** Short tag for edge IDs, unique per (kind, source kind). */
  tag: string;
  /**
   * Several rows of the table may link the same pair (a firm granted vouchers twice by one
   * programme): the graph reads each pair once.
   */
  distinct?: boolean;
  /**
   * The rows are records with a provenance of their own (voucher grants): the `provenanceKinds`
   * filter keeps only the edges some row of those kinds makes, so a sample grant never links two
   * real records in a graph that asks for real data only.
   */
  ownProvenance?: boolean;
}

/** Every relation the graph holds, in export order. */
export const EDGE_TABLES: readonly EdgeTable[] = [
  {
    kind: GraphEdgeKind.LOCATED_IN,
    source: GraphNodeKind.ENTERPRISE,
    target: GraphNodeKind.PARK,
    table: 'enterprise_park',
    sourceColumn: 'enterprise_id',
    targetColumn: 'park_id',
    tag: 'EP',
  },
  {
    kind: GraphEdgeKind.SERVES,
    source: GraphNodeKind.ENTERPRISE,
    target: GraphNodeKind.SECTOR,
    table: 'enterprise_sector',
    sourceColumn: 'enterprise_id',
    targetColumn: 'sector_code',
    tag: 'ES',
  },
  {
    kind: GraphEdgeKind.FOCUSES_ON,
    source: GraphNodeKind.PARK,
    target: GraphNodeKind.SECTOR,
    table: 'park_focus_sector',
    sourceColumn: 'park_id',
    targetColumn: 'sector_code',
    tag: 'PF',
  },
  {
    kind: GraphEdgeKind.HOSTS,
    source: GraphNodeKind.ENTERPRISE,
    target: GraphNodeKind.PLATFORM,
    table: 'platform_host',
    sourceColumn: 'enterprise_id',
    targetColumn: 'platform_id',
    tag: 'EH',
  },
  {
    kind: GraphEdgeKind.LOCATED_IN,
    source: GraphNodeKind.PLATFORM,
    target: GraphNodeKind.PARK,
    table: NODE_TABLES.PLATFORM.table,
    sourceColumn: 'id',
    targetColumn: 'park_id',
    tag: 'IP',
  },
  {
    kind: GraphEdgeKind.SERVES,
    source: GraphNodeKind.PLATFORM,
    target: GraphNodeKind.SECTOR,
    table: 'platform_sector',
    sourceColumn: 'platform_id',
    targetColumn: 'sector_code',
    tag: 'IS',
  },
  {
    kind: GraphEdgeKind.PROVIDES,
    source: GraphNodeKind.ENTERPRISE,
    target: GraphNodeKind.SCENARIO,
    table: 'scenario_provider',
    sourceColumn: 'enterprise_id',
    targetColumn: 'scenario_id',
    tag: 'EV',
  },
  {
    kind: GraphEdgeKind.IN_SECTOR,
    source: GraphNodeKind.SCENARIO,
    target: GraphNodeKind.SECTOR,
    table: NODE_TABLES.SCENARIO.table,
    sourceColumn: 'id',
    targetColumn: 'sector_code',
    tag: 'VS',
  },
  {
    kind: GraphEdgeKind.LOCATED_IN,
    source: GraphNodeKind.SCENARIO,
    target: GraphNodeKind.PARK,
    table: NODE_TABLES.SCENARIO.table,
    sourceColumn: 'id',
    targetColumn: 'park_id',
    tag: 'VP',
  },
  {
    kind: GraphEdgeKind.DEVELOPS,
    source: GraphNodeKind.ENTERPRISE,
    target: GraphNodeKind.LARGE_MODEL,
    table: 'large_model_developer',
    sourceColumn: 'enterprise_id',
    targetColumn: 'large_model_id',
    tag: 'EM',
  },
  {
    kind: GraphEdgeKind.SERVES,
    source: GraphNodeKind.LARGE_MODEL,
    target: GraphNodeKind.SECTOR,
    table: 'large_model_sector',
    sourceColumn: 'large_model_id',
    targetColumn: 'sector_code',
    tag: 'MS',
  },
  {
    kind: GraphEdgeKind.LOCATED_IN,
    source: GraphNodeKind.COMPUTE_CENTER,
    target: GraphNodeKind.PARK,
    table: NODE_TABLES.COMPUTE_CENTER.table,
    sourceColumn: 'id',
    targetColumn: 'park_id',
    tag: 'CP',
  },
  {
    kind: GraphEdgeKind.HOSTS,
    source: GraphNodeKind.INSTITUTION,
    target: GraphNodeKind.PLATFORM,
    table: 'platform_institution_host',
    sourceColumn: 'institution_id',
    targetColumn: 'platform_id',
    tag: 'NH',
  },
  {
    kind: GraphEdgeKind.WINS,
    source: GraphNodeKind.ENTERPRISE,
    target: GraphNodeKind.NATIONAL_TASK,
    table: 'national_task_enterprise_winner',
    sourceColumn: 'enterprise_id',
    targetColumn: 'task_id',
    tag: 'EW',
  },
  {
    kind: GraphEdgeKind.WINS,
    source: GraphNodeKind.INSTITUTION,
    target: GraphNodeKind.NATIONAL_TASK,
    table: 'national_task_institution_winner',
    sourceColumn: 'institution_id',
    targetColumn: 'task_id',
    tag: 'NW',
  },
  {
    kind: GraphEdgeKind.OFFERS_DATA,
    source: GraphNodeKind.ENTERPRISE,
    target: GraphNodeKind.DATA_PRODUCT,
    table: NODE_TABLES.DATA_PRODUCT.table,
    sourceColumn: 'provider_id',
    targetColumn: 'id',
    tag: 'ED',
  },
  {
    kind: GraphEdgeKind.SERVES,
    source: GraphNodeKind.DATA_PRODUCT,
    target: GraphNodeKind.SECTOR,
    table: 'data_product_sector',
    sourceColumn: 'data_product_id',
    targetColumn: 'sector_code',
    tag: 'DS',
  },
  {
    kind: GraphEdgeKind.IN_CHAIN,
    source: GraphNodeKind.ENTERPRISE,
    target: GraphNodeKind.CHAIN_NODE,
    table: 'enterprise_chain_node',
    sourceColumn: 'enterprise_id',
    targetColumn: 'chain_node_id',
    tag: 'EC',
  },
  {
    kind: GraphEdgeKind.PART_OF,
    source: GraphNodeKind.CHAIN_NODE,
    target: GraphNodeKind.CHAIN_NODE,
    table: NODE_TABLES.CHAIN_NODE.table,
    sourceColumn: 'id',
    targetColumn: 'parent_id',
    tag: 'CC',
  },
  {
    kind: GraphEdgeKind.GRANTED,
    source: GraphNodeKind.ENTERPRISE,
    target: GraphNodeKind.VOUCHER_PROGRAM,
    table: 'compute_voucher_grant',
    sourceColumn: 'enterprise_id',
    targetColumn: 'program_id',
    tag: 'EG',
    distinct: true,
    ownProvenance: true,
  },
  {
    kind: GraphEdgeKind.REDEEMED_AT,
    source: GraphNodeKind.VOUCHER_PROGRAM,
    target: GraphNodeKind.COMPUTE_CENTER,
    table: 'compute_voucher_grant',
    sourceColumn: 'program_id',
    targetColumn: 'compute_center_id',
    tag: 'GC',
    distinct: true,
    ownProvenance: true,
  },
];

import { ComputeKind } from '../compute-center/compute-center.enums';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { decodeGlobalId, toGlobalId } from '../../common/global-id';
import type { Node } from '../../common/node';
import type { ProvenanceKind } from '../../common/provenance';
import type { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { nodeByGlobalId } from '../node/node.service';
import type { ParkRole } from '../park/park-role.enum';
import type { PlatformKind, PlatformLevel } from '../../common/vocabulary/platform.enums';
import type { ScenarioStatus } from '../../common/vocabulary/scenario-status.enum';
import type { GraphNode } from './graph.model';
import { RelationGraph, RelationGraphFilter, RelationGraphVertex } from './graph.types';
import { relationGraph, RELATION_GRAPH_MAX_NODES } from './graph.subgraph';

/** The vertex of a record: an ID of its own (the record's type and key under the vertex type), typed attributes. */
export function vertexOf(node: GraphNode): RelationGraphVertex {
  const record = decodeGlobalId(node.id)!;
  return {
    id: toGlobalId('RelationGraphVertex', `${record.type}_${record.localId}`),
    recordId: node.id,
    kind: node.kind,
    nameZh: node.nameZh,
    nameEn: node.nameEn,
    layer: node.layer as ChainLayer | null,
    district: node.district,
    role: node.role as ParkRole | null,
    platformKind: node.platformKind as PlatformKind | null,
    platformLevel: node.platformLevel as PlatformLevel | null,
    scenarioStatus: node.scenarioStatus as ScenarioStatus | null,
    scenarioYear: node.scenarioYear,
    computeKind: node.computeKind as ComputeKind | null,
    provenanceKind: node.provenanceKind as ProvenanceKind,
  };
}

@Resolver()
export class GraphResolver {
  @Query(() => RelationGraph, {
    description: `关系图 The relation graph (or the part the filter selects) as nodes and edges, for drawing. At most ${RELATION_GRAPH_MAX_NODES} nodes; larger graphs are an error: use the file export.`,
  })
  async relationGraph(
    @Arg('filter', () => RelationGraphFilter, { nullable: true, description: 'Which part of the graph.' }) filter: RelationGraphFilter | null,
    @Arg('first', () => Int, {
      nullable: true,
      description: `Most nodes the caller accepts, 1 to ${RELATION_GRAPH_MAX_NODES} (default ${RELATION_GRAPH_MAX_NODES}).`,
    })
    first: number | null,
    @Ctx() ctx: Context,
  ): Promise<RelationGraph> {
    const graph = await relationGraph(ctx.em, filter ?? {}, first);
    return { ...graph, vertices: graph.nodes.map(vertexOf) };
  }
}

@Resolver(() => RelationGraphVertex)
export class RelationGraphVertexResolver {
  @FieldResolver()
  record(@Root() vertex: RelationGraphVertex, @Ctx() ctx: Context): Promise<Node | null> {
    return nodeByGlobalId(ctx, vertex.recordId);
  }
}

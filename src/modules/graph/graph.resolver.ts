import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { RelationGraph, RelationGraphFilter } from './graph.types';
import { relationGraph, RELATION_GRAPH_MAX_NODES } from './graph.subgraph';

@Resolver()
export class GraphResolver {
  @Query(() => RelationGraph, {
    description: `关系图 The relation graph (or the part the filter selects) as nodes and edges, for drawing. At most ${RELATION_GRAPH_MAX_NODES} nodes; larger graphs are an error: use the file export.`,
  })
  relationGraph(
    @Arg('filter', () => RelationGraphFilter, { nullable: true, description: 'Which part of the graph.' }) filter: RelationGraphFilter | null,
    @Arg('first', () => Int, { nullable: true, description: `Most nodes the caller accepts, 1 to ${RELATION_GRAPH_MAX_NODES} (default ${RELATION_GRAPH_MAX_NODES}).` })
    first: number | null,
    @Ctx() ctx: Context,
  ): Promise<RelationGraph> {
    return relationGraph(ctx.em, filter ?? {}, first);
  }
}

import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../common/errors';
import type { GraphFilterInput } from './graph.filter';
import type { GraphEdge, GraphNode } from './graph.model';
import { openGraph } from './graph.service';

export const RELATION_GRAPH_MAX_NODES = 500;

/**
 * A subgraph small enough to return in one response. The nodes are counted first (one statement
 * per kind); above `first` (at most 500) it is a BAD_USER_INPUT error that says how many there are.
 */
export async function relationGraph(em: SqlEntityManager, input: GraphFilterInput, first: number | null): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const cap = first ?? RELATION_GRAPH_MAX_NODES;
  if (!Number.isInteger(cap) || cap < 1 || cap > RELATION_GRAPH_MAX_NODES) {
    throw new BadUserInputError(`"first" must be from 1 to ${RELATION_GRAPH_MAX_NODES}; got ${cap}.`, { argument: 'first' });
  }
  const source = await openGraph(em, input, { batchSize: RELATION_GRAPH_MAX_NODES + 1 });
  const count = await source.countNodes();
  if (count > cap) {
    throw new BadUserInputError(
      `The selected graph has ${count} nodes; relationGraph returns at most ${cap}. Narrow the filter (sectors, parkIds, districts, nodeKinds, around) or download GET /export/graph.graphml.`,
      { argument: 'first', nodeCount: count, cap },
    );
  }
  const nodes: GraphNode[] = [];
  for await (const batch of source.nodes()) nodes.push(...batch);
  const edges: GraphEdge[] = [];
  for await (const batch of source.edges()) edges.push(...batch);
  return { nodes, edges };
}

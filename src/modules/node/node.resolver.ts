import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { Node } from '../../common/node';
import { nodeByGlobalId, nodesByGlobalIds } from './node.service';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Fetches any object by its global ID; null when it does not exist.' })
  node(@Arg('id', () => ID, { description: 'A global ID, as returned in an `id` field.' }) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    return nodeByGlobalId(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Fetches up to 100 objects by global ID, in the order given; null for each that does not exist.' })
  nodes(@Arg('ids', () => [ID], { description: 'Global IDs (at most 100).' }) ids: string[], @Ctx() ctx: Context): Promise<Array<Node | null>> {
    return nodesByGlobalIds(ctx, ids);
  }
}

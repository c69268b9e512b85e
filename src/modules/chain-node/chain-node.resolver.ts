import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { Sector } from '../sector/sector.entity';
import { sectorByCode } from '../sector/sector.service';
import { ChainNode } from './chain-node.entity';
import { chainTree, depthOf, firmCount, namePath } from './chain-node.service';
import { ChainMap } from './chain-node.types';

const PATH_SEPARATOR = ' / ';

@Resolver(() => ChainNode)
export class ChainNodeResolver {
  @Query(() => ChainMap, {
    description:
      '产业链图谱 The industry chain map in one request: the three layers, their segments and sub-segments (the plan’s 核心产业“固链” and 数据要素 segments, cited; the sectors’ segments, editorial), with firm counts.',
  })
  async chainMap(
    @Arg('includeRetired', { defaultValue: false, description: 'Include retired nodes (已停用); left out by default.' }) includeRetired: boolean,
    @Ctx() ctx: Context,
  ): Promise<ChainMap> {
    const tree = await chainTree(ctx);
    const keep = (n: ChainNode) => includeRetired || !n.retired;
    // A retired node hides its subtree too: its descendants are retired as well (retiring requires it).
    return { nodes: tree.nodes.filter(keep), roots: tree.roots.filter(keep) };
  }

  @FieldResolver(() => String, { description: '路径 Chinese names from the layer down to this node, joined by " / ", e.g. 基础层 / 智能传感器 / 图像传感器.' })
  async path(@Root() node: ChainNode, @Ctx() ctx: Context): Promise<string> {
    return namePath(await chainTree(ctx), node, 'zh').join(PATH_SEPARATOR);
  }

  @FieldResolver(() => String, { description: 'English names from the layer down to this node (the Chinese name where a node has no English one).' })
  async pathEn(@Root() node: ChainNode, @Ctx() ctx: Context): Promise<string> {
    return namePath(await chainTree(ctx), node, 'en').join(PATH_SEPARATOR);
  }

  @FieldResolver(() => Int, { description: 'Level in the map: 0 for a layer (层级), 1 for a segment (环节), 2 for a sub-segment (细分环节).' })
  depth(@Root() node: ChainNode): number {
    return depthOf(node);
  }

  @FieldResolver(() => ChainNode, { nullable: true, description: 'The node above; null for the three layers.' })
  async parent(@Root() node: ChainNode, @Ctx() ctx: Context): Promise<ChainNode | null> {
    return node.parentId == null ? null : ((await chainTree(ctx)).byId.get(node.parentId) ?? null);
  }

  @FieldResolver(() => [ChainNode], { description: 'The nodes directly below, in map order.' })
  async children(
    @Root() node: ChainNode,
    @Arg('includeRetired', { defaultValue: false, description: 'Include retired children.' }) includeRetired: boolean,
    @Ctx() ctx: Context,
  ): Promise<ChainNode[]> {
    return ((await chainTree(ctx)).children.get(node.id) ?? []).filter((n) => includeRetired || !n.retired);
  }

  @FieldResolver(() => Int, { description: 'Firms linked to this node or to any node below it, each counted once.' })
  firmCount(@Root() node: ChainNode, @Ctx() ctx: Context): Promise<number> {
    return firmCount(ctx, node.id);
  }

  @FieldResolver(() => Sector, {
    nullable: true,
    description: 'The focus sector (重点领域) an application segment belongs to; null for segments every sector shares.',
  })
  sector(@Root() node: ChainNode, @Ctx() ctx: Context): Promise<Sector | null> | null {
    return node.sectorCode ? sectorByCode(ctx, node.sectorCode) : null;
  }
}

import { searchableRecord, VERSION_FOR_UPDATES } from '../../common/base-entity';
import { Entity, Enum, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';

@Entity({ tableName: 'chain_node' })
@ObjectType({
  implements: Node,
  description:
    '产业链节点 A node of the industry chain map (产业链图谱): one of the three layers (层级, the roots), a segment (环节) under a layer, or a sub-segment (细分环节) under a segment.',
})
export class ChainNode
  extends searchableRecord({
    version: VERSION_FOR_UPDATES,
    nameZh: 'Chinese name, e.g. 智能传感器.',
    nameEn: 'English name, e.g. Smart sensors.',
  })
  implements Node
{
  /** Local id of the parent node; null for the three layer roots. */
  @Property({ type: 'integer', nullable: true })
  parentId?: number | null;

  /** Stable key of a seeded node (seeds/chain-nodes.json); null for nodes editors add. Not in the schema. */
  @Property({ type: 'text', nullable: true })
  key?: string | null;

  @Enum({ items: () => ChainLayer })
  @Field(() => ChainLayer, { description: 'The layer (基础层, 技术层, 应用层) the node sits under; the root’s own layer for a root.' })
  layer!: ChainLayer;

  /** Code of the focus sector a segment belongs to (an application segment); null for segments every sector shares. */
  @Property({ type: 'text', nullable: true })
  sectorCode?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the segment covers, Chinese first, English after.' })
  description?: string | null;

  /** Order among its siblings (seed order, then order of creation). */
  @Property({ type: 'integer', default: 0 })
  position: number = 0;

  @Property({ type: 'boolean', default: false })
  @Field({ description: '已停用 Retired by an editor: kept with its firm links for history, left out of chainMap (unless asked), gaps and new links.' })
  retired: boolean = false;

  /** Ids from the root down to this node, `/1/4/9/`: the subtree of a node is every id_path it prefixes. */
  @Property({ type: 'text', default: '' })
  idPath: string = '';
}

import { writePayload } from '../../common/payload-type';
import { Field, ObjectType } from 'type-graphql';
import { ChainNode } from './chain-node.entity';

@ObjectType({
  description:
    '产业链图谱 The industry chain map: every node in one list, depth-first (each layer root, then its segments, each followed by its sub-segments), siblings in map order.',
})
export class ChainMap {
  @Field(() => [ChainNode], { description: 'Every node of the map, depth-first; rebuild the tree from parent/children or from path.' })
  nodes!: ChainNode[];

  @Field(() => [ChainNode], { description: 'The three layer roots (基础层, 技术层, 应用层), in chain order.' })
  roots!: ChainNode[];
}

@ObjectType({ description: 'Result of createChainNode / updateChainNode.' })
export class ChainNodePayload extends writePayload(() => ChainNode, 'chainNode', 'node') {}

import { defineEntityType } from '../../common/entity-type';
import { chainNodeEditing } from './chain-node.editing';
import { ChainNode } from './chain-node.entity';

/** The ChainNode type as the shared machinery sees it: see src/common/entity-type.ts. */
export const chainNodeType = defineEntityType(ChainNode, {
  alias: 'cn',
  search: { type: 'CHAIN_NODE', order: 8 },
  graph: { kind: 'CHAIN_NODE', attributes: { layer: 'layer' } },
  editing: chainNodeEditing,
});

import { defineModule } from '../../common/entity-type';
import { chainNodeType } from './chain-node.descriptor';
import { ChainNodeMutationResolver } from './chain-node.mutations';
import { ChainNodeResolver } from './chain-node.resolver';

/** The ChainNode type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const chainNodeModule = defineModule(chainNodeType, [ChainNodeResolver, ChainNodeMutationResolver]);

import { defineModule } from '../../common/entity-type';
import { computeCenterType } from './compute-center.descriptor';
import { ComputeCenterResolver } from './compute-center.resolver';
import { ComputeCenterMutationResolver } from './compute-center.mutations';
import { ParkComputeCentersResolver } from './compute-center-links.resolver';

/** The ComputeCenter type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const computeCenterModule = defineModule(computeCenterType, [ComputeCenterResolver, ComputeCenterMutationResolver, ParkComputeCentersResolver]);

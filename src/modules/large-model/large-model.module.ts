import { defineModule } from '../../common/entity-type';
import { largeModelType } from './large-model.descriptor';
import { LargeModelResolver } from './large-model.resolver';
import { LargeModelMutationResolver } from './large-model.mutations';
import { EnterpriseLargeModelsResolver } from './large-model-links.resolver';

/** The LargeModel type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const largeModelModule = defineModule(largeModelType, [LargeModelResolver, LargeModelMutationResolver, EnterpriseLargeModelsResolver]);

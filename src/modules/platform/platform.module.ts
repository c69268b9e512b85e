import { defineModule } from '../../common/entity-type';
import { platformType } from './platform.descriptor';
import { PlatformResolver } from './platform.resolver';
import { PlatformMutationResolver } from './platform.mutations';
import { EnterprisePlatformsResolver, InstitutionPlatformsResolver, ParkPlatformsResolver } from './platform-links.resolver';

/** The InnovationPlatform type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const platformModule = defineModule(platformType, [
  PlatformResolver,
  PlatformMutationResolver,
  ParkPlatformsResolver,
  EnterprisePlatformsResolver,
  InstitutionPlatformsResolver,
]);

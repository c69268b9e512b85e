import { defineModule } from '../../common/entity-type';
import { institutionType } from './institution.descriptor';
import { InstitutionMutationResolver } from './institution.mutations';
import { InstitutionResolver } from './institution.resolver';

/** The Institution type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const institutionModule = defineModule(institutionType, [InstitutionResolver, InstitutionMutationResolver]);

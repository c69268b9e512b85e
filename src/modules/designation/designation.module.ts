import { defineModule } from '../../common/entity-type';
import { designationType } from './designation.descriptor';
import { DesignationMutationResolver } from './designation.mutations';
import { DesignationResolver, EnterpriseDesignationsResolver } from './designation.resolver';

/** The Designation type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const designationModule = defineModule(designationType, [DesignationResolver, EnterpriseDesignationsResolver, DesignationMutationResolver]);

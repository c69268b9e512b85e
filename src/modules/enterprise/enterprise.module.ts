import { defineModule } from '../../common/entity-type';
import { enterpriseType } from './enterprise.descriptor';
import { EnterpriseParksResolver, EnterpriseResolver } from './enterprise.resolver';
import { EnterpriseMutationResolver } from './enterprise.mutations';
import { CityResolver, EnterpriseLocationResolver } from './enterprise-location.resolver';
import { ChainNodeEnterprisesResolver, EnterpriseChainNodesResolver, ParkEnterprisesResolver, SectorEnterprisesResolver } from './enterprise-links.resolver';

/** The Enterprise type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const enterpriseModule = defineModule(enterpriseType, [
  EnterpriseResolver,
  EnterpriseParksResolver,
  EnterpriseMutationResolver,
  ParkEnterprisesResolver,
  SectorEnterprisesResolver,
  EnterpriseLocationResolver,
  CityResolver,
  ChainNodeEnterprisesResolver,
  EnterpriseChainNodesResolver,
]);

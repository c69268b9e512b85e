import { defineModule } from '../../common/entity-type';
import { parkType } from './park.descriptor';
import { ParkResolver } from './park.resolver';
import { ParkMutationResolver } from './park.mutations';
import { ParkDistrictResolver } from './park-district.resolver';

/** The Park type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const parkModule = defineModule(parkType, [ParkResolver, ParkMutationResolver, ParkDistrictResolver]);

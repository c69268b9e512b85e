import { defineModule } from '../../common/entity-type';
import { districtType } from './district.descriptor';
import { DistrictResolver } from './district.resolver';

/** The District type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const districtModule = defineModule(districtType, [DistrictResolver]);

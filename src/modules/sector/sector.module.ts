import { defineModule } from '../../common/entity-type';
import { sectorType } from './sector.descriptor';
import { SectorResolver } from './sector.resolver';

/** The Sector type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const sectorModule = defineModule(sectorType, [SectorResolver]);

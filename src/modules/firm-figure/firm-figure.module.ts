import { defineModule } from '../../common/entity-type';
import { firmFigureType } from './firm-figure.descriptor';
import { FirmFigureMutationResolver } from './firm-figure.mutations';
import { EnterpriseFiguresResolver, FirmFigureResolver } from './firm-figure.resolver';

/** The FirmFigure type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const firmFigureModule = defineModule(firmFigureType, [FirmFigureResolver, EnterpriseFiguresResolver, FirmFigureMutationResolver]);

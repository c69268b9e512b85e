import { defineModule } from '../../common/entity-type';
import { scenarioType } from './scenario.descriptor';
import { ScenarioResolver } from './scenario.resolver';
import { ScenarioMutationResolver } from './scenario.mutations';
import { EnterpriseScenariosResolver, ParkScenariosResolver } from './scenario-links.resolver';

/** The Scenario type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const scenarioModule = defineModule(scenarioType, [ScenarioResolver, ScenarioMutationResolver, ParkScenariosResolver, EnterpriseScenariosResolver]);

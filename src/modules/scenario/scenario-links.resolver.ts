import { Enterprise } from '../enterprise/enterprise.entity';
import { Park } from '../park/park.entity';
import { scenarioList } from './scenario.resolver';
import { scenariosVia } from './scenario.service';

// Links from types lower in the module order (see eslint.config.mjs) to this module's records:
// resolved here, so the lower module never imports this one.
export const ParkScenariosResolver = scenarioList.field(Park, 'scenarios', 'Application scenarios located in the park.', scenariosVia.park);

export const EnterpriseScenariosResolver = scenarioList.field(Enterprise, 'scenarios', 'Application scenarios the firm provides.', scenariosVia.provider);

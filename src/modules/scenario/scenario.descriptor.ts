import { defineEntityType } from '../../common/entity-type';
import { scenarioEditing } from './scenario.editing';
import { Scenario } from './scenario.entity';

/** The Scenario type as the shared machinery sees it: see src/common/entity-type.ts. */
export const scenarioType = defineEntityType(Scenario, {
  alias: 's',
  search: { type: 'SCENARIO', order: 4 },
  graph: { kind: 'SCENARIO', attributes: { scenarioStatus: 'status', scenarioYear: 'year' } },
  editing: scenarioEditing,
});

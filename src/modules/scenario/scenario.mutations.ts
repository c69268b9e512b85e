import { Resolver } from 'type-graphql';
import { editingMutations } from '../../common/editing/editing-mutations';
import { scenarioType } from './scenario.descriptor';
import { Scenario } from './scenario.entity';
import { CreateScenarioInput, DeleteScenarioInput, UpdateScenarioInput } from './scenario.inputs';
import { ScenarioPayload } from './scenario.types';

/** Writes to scenarios (editor keys); each mutation in its own transaction, audited. */
@Resolver(() => Scenario)
export class ScenarioMutationResolver extends editingMutations(scenarioType, ScenarioPayload, {
  create: { input: CreateScenarioInput, description: '新增应用场景 Adds a scenario.', inputDescription: 'The new scenario.' },
  update: { input: UpdateScenarioInput, description: '修改应用场景 Changes a scenario if it is still at expectedVersion; otherwise CONFLICT.' },
  delete: {
    input: DeleteScenarioInput,
    description: '删除应用场景 Deletes a scenario (its provider links go with it).',
    inputDescription: 'The scenario to delete.',
    legacy: { idDescription: 'The scenario to delete.' },
  },
}) {}

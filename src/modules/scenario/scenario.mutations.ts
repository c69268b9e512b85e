import { Resolver } from 'type-graphql';
import { editingMutations } from '../../common/editing/editing-mutations';
import { scenarioType } from './scenario.descriptor';
import { Scenario } from './scenario.entity';
import { CreateScenarioInput, DeleteScenarioInput, UpdateScenarioInput } from './scenario.inputs';
import { ScenarioPayload } from './scenario.types';

/** Writes to scenarios (editor keys); each mutation in its own transaction, audited. */
@Resolver(() => Scenario)
export class ScenarioMutationResolver extends editingMutations({
  type: scenarioType,
  payload: ScenarioPayload,
  toPayload: (_ctx, scenario, userErrors) => ({ scenario, userErrors }),
  create: {
    name: 'createScenario',
    input: CreateScenarioInput,
    description: '新增应用场景 Adds a scenario.',
    inputDescription: 'The new scenario.',
  },
  update: {
    name: 'updateScenario',
    input: UpdateScenarioInput,
    description: '修改应用场景 Changes a scenario if it is still at expectedVersion; otherwise CONFLICT.',
    inputDescription: 'The changes.',
  },
  delete: {
    name: 'deleteScenario',
    input: DeleteScenarioInput,
    description: '删除应用场景 Deletes a scenario (its provider links go with it).',
    inputDescription: 'The scenario to delete.',
    legacy: { idDescription: 'The scenario to delete.' },
  },
}) {}

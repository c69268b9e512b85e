import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteFromArguments, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import { Scenario } from './scenario.entity';
import { CreateScenarioInput, DeleteScenarioInput, UpdateScenarioInput } from './scenario.inputs';
import { ScenarioPayload } from './scenario.types';
import { editingOf } from '../../common/entity-type';
import { scenarioType } from './scenario.descriptor';

const editing = editingOf(scenarioType);

/** Writes to "AI+" scenarios (editor keys). Nothing depends on a scenario: delete needs no detach. */
@Resolver(() => Scenario)
export class ScenarioMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => ScenarioPayload, { description: '新增应用场景 Adds a scenario.' })
  async createScenario(
    @Arg('input', () => CreateScenarioInput, { description: 'The new scenario.' }) input: CreateScenarioInput,
    @Ctx() ctx: Context,
  ): Promise<ScenarioPayload> {
    const { record, userErrors } = await createWith(ctx, editing, input);
    return { scenario: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => ScenarioPayload, { description: '修改应用场景 Changes a scenario if it is still at expectedVersion; otherwise CONFLICT.' })
  async updateScenario(
    @Arg('input', () => UpdateScenarioInput, { description: 'The changes.' }) input: UpdateScenarioInput,
    @Ctx() ctx: Context,
  ): Promise<ScenarioPayload> {
    const { record, userErrors } = await updateWith(ctx, editing, input);
    return { scenario: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, { description: '删除应用场景 Deletes a scenario (its provider links go with it).' })
  deleteScenario(
    @Arg('input', () => DeleteScenarioInput, { nullable: true, description: 'The scenario to delete.' }) input: DeleteScenarioInput | null,
    @Arg('id', () => ID, { nullable: true, deprecationReason: 'Use input: { id }.', description: 'The scenario to delete.' }) id: string | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteFromArguments(ctx, editing, { id, input });
  }
}

import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteFromArguments, EditingSpec, linkOnCreate, referenceId, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import type { Values } from '../../common/editing/record-writer';
import type { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { Scenario } from './scenario.entity';
import { CreateScenarioInput, DeleteScenarioInput, UpdateScenarioInput } from './scenario.inputs';
import { ScenarioPayload } from './scenario.types';

type ScenarioFields = { [K in keyof CreateScenarioInput]?: CreateScenarioInput[K] | null };

async function cleanScenario(tx: SqlEntityManager, input: ScenarioFields, errors: UserErrors): Promise<Values> {
  const at = (f: string) => ['input', f];
  const required = (f: 'sector' | 'status') => (input[f] === null ? (errors.add(at(f), `${f} cannot be cleared.`), undefined) : input[f]);
  return {
    nameZh: check.requiredName(input.nameZh, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn, at('nameEn'), errors, 300),
    sectorCode: required('sector'),
    status: required('status'),
    year: check.year(input.year, at('year'), errors),
    description: check.optionalText(input.description, at('description'), errors),
    parkId: await referenceId(tx, input.parkId, { type: 'Park', table: 'park' }, at('parkId'), errors),
  };
}

export const scenarioEditing: EditingSpec<Scenario, CreateScenarioInput, UpdateScenarioInput> = {
  type: 'Scenario',
  table: 'scenario',
  entity: Scenario,
  fields: ['nameZh', 'nameEn', 'sectorCode', 'status', 'year', 'description', 'parkId'],
  validateCreate: (tx, input, errors) => cleanScenario(tx, input, errors),
  validateUpdate: (tx, input, _id, errors) => cleanScenario(tx, input, errors),
  afterCreate: (tx, id, input, errors) =>
    linkOnCreate(tx, { pivot: 'scenario_provider', ownColumn: 'scenario_id', otherColumn: 'enterprise_id', type: 'Enterprise', table: 'enterprise', field: 'providerIds' }, id, input.providerIds, errors),
};

/** Writes to "AI+" scenarios (editor keys). Nothing depends on a scenario: delete needs no detach. */
@Resolver(() => Scenario)
export class ScenarioMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => ScenarioPayload, { description: '新增应用场景 Adds a scenario.' })
  async createScenario(@Arg('input', () => CreateScenarioInput, { description: 'The new scenario.' }) input: CreateScenarioInput, @Ctx() ctx: Context): Promise<ScenarioPayload> {
    const { record, userErrors } = await createWith(ctx, scenarioEditing, input);
    return { scenario: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => ScenarioPayload, { description: '修改应用场景 Changes a scenario if it is still at expectedVersion; otherwise CONFLICT.' })
  async updateScenario(@Arg('input', () => UpdateScenarioInput, { description: 'The changes.' }) input: UpdateScenarioInput, @Ctx() ctx: Context): Promise<ScenarioPayload> {
    const { record, userErrors } = await updateWith(ctx, scenarioEditing, input);
    return { scenario: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, { description: '删除应用场景 Deletes a scenario (its provider links go with it).' })
  deleteScenario(
    @Arg('input', () => DeleteScenarioInput, { nullable: true, description: 'The scenario to delete.' }) input: DeleteScenarioInput | null,
    @Arg('id', () => ID, { nullable: true, deprecationReason: 'Use input: { id }.', description: 'The scenario to delete.' }) id: string | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteFromArguments(ctx, scenarioEditing, { id, input });
  }
}

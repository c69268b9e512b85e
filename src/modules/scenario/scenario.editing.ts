import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { EditingRules, linkOnCreate, referenceId } from '../../common/editing/entity-editing';
import type { Values } from '../../common/editing/record-writer';
import type { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { Scenario } from './scenario.entity';
import type { CreateScenarioInput, UpdateScenarioInput } from './scenario.inputs';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Park } from '../park/park.entity';

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
    parkId: await referenceId(tx, input.parkId, Park, at('parkId'), errors),
  };
}

export const scenarioEditing: EditingRules<Scenario, CreateScenarioInput, UpdateScenarioInput> = {
  fields: ['nameZh', 'nameEn', 'sectorCode', 'status', 'year', 'description', 'parkId'],
  validateCreate: (tx, input, errors) => cleanScenario(tx, input, errors),
  validateUpdate: (tx, input, _id, errors) => cleanScenario(tx, input, errors),
  afterCreate: (tx, id, input, errors) =>
    linkOnCreate(
      tx,
      { pivot: 'scenario_provider', ownColumn: 'scenario_id', otherColumn: 'enterprise_id', other: Enterprise, field: 'providerIds' },
      id,
      input.providerIds,
      errors,
    ),
};

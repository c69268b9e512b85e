import { EditingRules, linkOnCreate } from '../../common/editing/entity-editing';
import type { Values } from '../../common/editing/record-writer';
import type { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { LargeModel } from './large-model.entity';
import type { CreateLargeModelInput, UpdateLargeModelInput } from './large-model.inputs';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Sector } from '../sector/sector.entity';

type ModelFields = { [K in keyof CreateLargeModelInput]?: CreateLargeModelInput[K] | null };

function cleanModel(input: ModelFields, errors: UserErrors): Values {
  const at = (f: string) => ['input', f];
  const required = (f: 'domain' | 'status') => (input[f] === null ? (errors.add(at(f), `${f} cannot be cleared.`), undefined) : input[f]);
  return {
    nameZh: check.requiredName(input.nameZh, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn, at('nameEn'), errors, 300),
    domain: required('domain'),
    status: required('status'),
    releasedYear: check.year(input.releasedYear, at('releasedYear'), errors),
    description: check.optionalText(input.description, at('description'), errors),
  };
}

export const largeModelEditing: EditingRules<LargeModel, CreateLargeModelInput, UpdateLargeModelInput> = {
  fields: ['nameZh', 'nameEn', 'domain', 'status', 'releasedYear', 'description'],
  validateCreate: async (_tx, input, errors) => cleanModel(input, errors),
  validateUpdate: async (_tx, input, _id, errors) => cleanModel(input, errors),
  afterCreate: async (tx, id, input, errors) => ({
    ...(await linkOnCreate(
      tx,
      { pivot: 'large_model_developer', ownColumn: 'large_model_id', otherColumn: 'enterprise_id', other: Enterprise, field: 'developerIds' },
      id,
      input.developerIds,
      errors,
    )),
    ...(await linkOnCreate(
      tx,
      { pivot: 'large_model_sector', ownColumn: 'large_model_id', otherColumn: 'sector_code', other: Sector, field: 'sectors', codes: true },
      id,
      input.sectors,
      errors,
    )),
  }),
};

import { EditingRules, linkOnCreate, referenceId } from '../../common/editing/entity-editing';
import type { Values } from '../../common/editing/record-writer';
import type { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { RelationSpec } from '../../common/editing/relation-writer';
import { InnovationPlatform } from './platform.entity';
import type { CreateInnovationPlatformInput, UpdateInnovationPlatformInput } from './platform.inputs';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Institution } from '../institution/institution.entity';
import { Park } from '../park/park.entity';
import { Sector } from '../sector/sector.entity';

type PlatformFields = { [K in keyof CreateInnovationPlatformInput]?: CreateInnovationPlatformInput[K] | null };

async function cleanPlatform(tx: SqlEntityManager, input: PlatformFields, errors: UserErrors): Promise<Values> {
  const at = (f: string) => ['input', f];
  const required = (f: 'kind' | 'level') => (input[f] === null ? (errors.add(at(f), `${f} cannot be cleared.`), undefined) : input[f]);
  return {
    nameZh: check.requiredName(input.nameZh, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn, at('nameEn'), errors, 300),
    aliases: check.aliasList(input.aliases, at('aliases'), errors),
    kind: required('kind'),
    level: required('level'),
    foundedYear: check.year(input.foundedYear, at('foundedYear'), errors),
    description: check.optionalText(input.description, at('description'), errors),
    parkId: await referenceId(tx, input.parkId, Park, at('parkId'), errors),
  };
}

export const platformEditing: EditingRules<InnovationPlatform, CreateInnovationPlatformInput, UpdateInnovationPlatformInput> = {
  fields: ['nameZh', 'nameEn', 'aliases', 'kind', 'level', 'foundedYear', 'description', 'parkId'],
  validateCreate: (tx, input, errors) => cleanPlatform(tx, input, errors),
  validateUpdate: (tx, input, _id, errors) => cleanPlatform(tx, input, errors),
  afterCreate: async (tx, id, input, errors) => ({
    ...(await linkOnCreate(
      tx,
      { pivot: 'platform_host', ownColumn: 'platform_id', otherColumn: 'enterprise_id', other: Enterprise, field: 'hostIds' },
      id,
      input.hostIds,
      errors,
    )),
    ...(await linkOnCreate(
      tx,
      { pivot: 'platform_institution_host', ownColumn: 'platform_id', otherColumn: 'institution_id', other: Institution, field: 'hostInstitutionIds' },
      id,
      input.hostInstitutionIds,
      errors,
    )),
    ...(await linkOnCreate(
      tx,
      { pivot: 'platform_sector', ownColumn: 'platform_id', otherColumn: 'sector_code', other: Sector, field: 'sectors', codes: true },
      id,
      input.sectors,
      errors,
    )),
  }),
};

/** The platform ↔ hosting institution link that link/unlinkPlatformInstitutionHost edit. */
export const platformInstitutionHost = {
  name: 'hostInstitutions',
  inverseName: 'platforms',
  pivot: 'platform_institution_host',
  left: { type: 'InnovationPlatform', table: 'innovation_platform', key: 'id', pivotColumn: 'platform_id', field: 'platformId' },
  right: { type: 'Institution', table: 'institution', key: 'id', pivotColumn: 'institution_id', field: 'institutionId' },
} satisfies RelationSpec;

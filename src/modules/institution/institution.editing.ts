import type { FieldChanges } from '../../common/editing/audit';
import { EditingRules, namedDependants } from '../../common/editing/entity-editing';
import type { Values } from '../../common/editing/record-writer';
import type { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { toGlobalId } from '../../common/global-id';
import { runSql, sql } from '../../common/sql';
import { Institution } from './institution.entity';
import type { CreateInstitutionInput, UpdateInstitutionInput } from './institution.inputs';

type InstitutionFields = { [K in keyof CreateInstitutionInput]?: CreateInstitutionInput[K] | null };

/**
 * The link tables that name an institution. They belong to the higher platform and national-task
 * modules, which this one must not import; their names are spelled here as the migration spells them.
 */
export const INSTITUTION_LINKS = {
  hostedPlatforms: {
    pivot: 'platform_institution_host',
    column: 'institution_id',
    other: 'platform_id',
    table: 'innovation_platform',
    type: 'InnovationPlatform',
  },
  wonTasks: {
    pivot: 'national_task_institution_winner',
    column: 'institution_id',
    other: 'task_id',
    table: 'national_innovation_task',
    type: 'NationalInnovationTask',
  },
} as const;

function cleanInstitution(input: InstitutionFields, errors: UserErrors): Values {
  const at = (f: string) => ['input', f];
  return {
    nameZh: check.requiredName(input.nameZh, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn, at('nameEn'), errors, 300),
    aliases: check.aliasList(input.aliases, at('aliases'), errors),
    kind: input.kind === null ? (errors.add(at('kind'), 'kind cannot be cleared.'), undefined) : input.kind,
    district: check.optionalText(input.district, at('district'), errors, 50),
    website: check.url(input.website, at('website'), errors),
    description: check.optionalText(input.description, at('description'), errors),
  };
}

export const institutionEditing: EditingRules<Institution, CreateInstitutionInput, UpdateInstitutionInput> = {
  fields: ['nameZh', 'nameEn', 'aliases', 'kind', 'district', 'website', 'description'],
  validateCreate: async (_tx, input, errors) => cleanInstitution(input, errors),
  validateUpdate: async (_tx, input, _id, errors) => cleanInstitution(input, errors),

  async dependants(tx, id) {
    const { hostedPlatforms: p, wonTasks: t } = INSTITUTION_LINKS;
    return Promise.all([
      namedDependants(
        tx,
        'hosted platforms 依托平台',
        sql`select o.name_zh from ${sql.ident(p.pivot)} l join ${sql.ident(p.table)} o on o.id = l.${sql.ident(p.other)} where l.${sql.ident(p.column)} = ${id}`,
      ),
      namedDependants(
        tx,
        'national tasks won 揭榜任务',
        sql`select o.name_zh from ${sql.ident(t.pivot)} l join ${sql.ident(t.table)} o on o.id = l.${sql.ident(t.other)} where l.${sql.ident(t.column)} = ${id}`,
      ),
    ]);
  },

  async detach(tx, id) {
    const changes: FieldChanges = {};
    for (const [field, link] of [
      ['platforms', INSTITUTION_LINKS.hostedPlatforms],
      ['nationalTasks', INSTITUTION_LINKS.wonTasks],
    ] as const) {
      const rows = await runSql<{ other: number }>(
        tx,
        sql`delete from ${sql.ident(link.pivot)} where ${sql.ident(link.column)} = ${id} returning ${sql.ident(link.other)} as other`,
      );
      if (rows.length) changes[field] = { before: rows.map((r) => toGlobalId(link.type, r.other)), after: null };
    }
    return changes;
  },
};

import { writePayload } from '../../common/payload-type';
import { createUnionType, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import type { UnionArm } from '../../common/relay/union-list';
import { Enterprise } from '../enterprise/enterprise.entity';
import { enterpriseType } from '../enterprise/enterprise.descriptor';
import { Institution } from './institution.entity';
import { institutionType } from './institution.descriptor';

export const InstitutionConnection = connectionType(() => Institution, 'Institution', 'institution');

@ObjectType({ description: 'Result of createInstitution / updateInstitution.' })
export class InstitutionPayload extends writePayload(() => Institution, 'institution', 'institution') {}

/** A firm or an institution: who hosts a platform (依托单位) or wins a national task (揭榜单位). */
export const Organization = createUnionType({
  name: 'Organization',
  description: '单位 An organisation of the directory: a firm (Enterprise) or a university or research institute (Institution).',
  types: () => [Enterprise, Institution] as const,
  resolveType: (value) => {
    if (value instanceof Enterprise) return Enterprise;
    if (value instanceof Institution) return Institution;
    return undefined;
  },
});

export type OrganizationNode = Enterprise | Institution;

export const OrganizationConnection = connectionType<OrganizationNode>(() => Organization, 'Organization', 'organisation (firm or institution)');

/** The two member types of an organisation list, firms first, for {@link listUnion}; the pivots are the caller's. */
export function organizationArms(firmPivot: { pivot: string; parentColumn: string }, institutionPivot: { pivot: string; parentColumn: string }): UnionArm[] {
  return [
    { order: 1, entity: Enterprise, table: enterpriseType.table, memberColumn: 'enterprise_id', ...firmPivot },
    { order: 2, entity: Institution, table: institutionType.table, memberColumn: 'institution_id', ...institutionPivot },
  ];
}

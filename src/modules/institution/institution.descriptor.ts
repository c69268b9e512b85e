import { defineEntityType } from '../../common/entity-type';
import { institutionEditing } from './institution.editing';
import { Institution } from './institution.entity';

/** The Institution type as the shared machinery sees it: see src/common/entity-type.ts. */
export const institutionType = defineEntityType(Institution, {
  alias: 'inst',
  search: { type: 'INSTITUTION', order: 6 },
  graph: { kind: 'INSTITUTION', attributes: { district: 'district' } },
  editing: institutionEditing,
});

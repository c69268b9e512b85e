import { defineEntityType } from '../../common/entity-type';
import { parkEditing } from './park.editing';
import { Park } from './park.entity';

/** The Park type as the shared machinery sees it: see src/common/entity-type.ts. */
export const parkType = defineEntityType(Park, {
  alias: 'p',
  search: { type: 'PARK', order: 1 },
  graph: { kind: 'PARK', attributes: { district: 'district', role: 'role' } },
  editing: parkEditing,
});

import { defineEntityType } from '../../common/entity-type';
import { designationEditing } from './designation.editing';
import { Designation } from './designation.entity';

/** The Designation type as the shared machinery sees it: see src/common/entity-type.ts. */
export const designationType = defineEntityType(Designation, {
  alias: 'fd',
  editing: designationEditing,
});

import { defineEntityType } from '../../common/entity-type';
import { designationEditing } from './designation.editing';
import { Designation } from './designation.entity';
import type { AddDesignationInput, UpdateDesignationInput } from './designation.inputs';

/** The Designation type as the shared machinery sees it: see src/common/entity-type.ts. */
export const designationType = defineEntityType<Designation, AddDesignationInput, UpdateDesignationInput>(Designation, {
  typeName: 'Designation',
  alias: 'fd',
  editing: designationEditing,
});

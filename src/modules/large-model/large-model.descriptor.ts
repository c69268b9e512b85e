import { defineEntityType } from '../../common/entity-type';
import { largeModelEditing } from './large-model.editing';
import { LargeModel } from './large-model.entity';
import type { CreateLargeModelInput, UpdateLargeModelInput } from './large-model.inputs';

/** The LargeModel type as the shared machinery sees it: see src/common/entity-type.ts. */
export const largeModelType = defineEntityType<LargeModel, CreateLargeModelInput, UpdateLargeModelInput>(LargeModel, {
  typeName: 'LargeModel',
  alias: 'lm',
  graph: { kind: 'LARGE_MODEL' },
  editing: largeModelEditing,
});

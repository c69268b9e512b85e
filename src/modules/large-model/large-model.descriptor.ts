import { defineEntityType } from '../../common/entity-type';
import { largeModelEditing } from './large-model.editing';
import { LargeModel } from './large-model.entity';

/** The LargeModel type as the shared machinery sees it: see src/common/entity-type.ts. */
export const largeModelType = defineEntityType(LargeModel, {
  alias: 'lm',
  graph: { kind: 'LARGE_MODEL' },
  editing: largeModelEditing,
});

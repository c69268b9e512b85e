import { defineEntityType } from '../../common/entity-type';
import { computeCenterEditing } from './compute-center.editing';
import { ComputeCenter } from './compute-center.entity';

/** The ComputeCenter type as the shared machinery sees it: see src/common/entity-type.ts. */
export const computeCenterType = defineEntityType(ComputeCenter, {
  alias: 'cc',
  search: { type: 'COMPUTE_CENTER', order: 5 },
  graph: { kind: 'COMPUTE_CENTER', attributes: { computeKind: 'kind' } },
  editing: computeCenterEditing,
});

import { defineEntityType } from '../../common/entity-type';
import { nationalTaskEditing } from './national-task.editing';
import { NationalInnovationTask } from './national-task.entity';

/** The NationalInnovationTask type as the shared machinery sees it: see src/common/entity-type.ts. */
export const nationalTaskType = defineEntityType(NationalInnovationTask, {
  alias: 'nt',
  search: { type: 'NATIONAL_INNOVATION_TASK', order: 7 },
  graph: { kind: 'NATIONAL_TASK' },
  editing: nationalTaskEditing,
});

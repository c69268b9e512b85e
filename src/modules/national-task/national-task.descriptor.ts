import { defineEntityType } from '../../common/entity-type';
import { nationalTaskEditing } from './national-task.editing';
import { NationalInnovationTask } from './national-task.entity';
import type { CreateNationalInnovationTaskInput, UpdateNationalInnovationTaskInput } from './national-task.inputs';

/** The NationalInnovationTask type as the shared machinery sees it: see src/common/entity-type.ts. */
export const nationalTaskType = defineEntityType<NationalInnovationTask, CreateNationalInnovationTaskInput, UpdateNationalInnovationTaskInput>(
  NationalInnovationTask,
  {
    typeName: 'NationalInnovationTask',
    alias: 'nt',
    search: { type: 'NATIONAL_INNOVATION_TASK', order: 7 },
    graph: { kind: 'NATIONAL_TASK' },
    editing: nationalTaskEditing,
  },
);

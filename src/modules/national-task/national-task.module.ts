import { defineModule } from '../../common/entity-type';
import { nationalTaskType } from './national-task.descriptor';
import { EnterpriseNationalTasksResolver, InstitutionNationalTasksResolver } from './national-task-links.resolver';
import { NationalTaskMutationResolver } from './national-task.mutations';
import { NationalTaskResolver } from './national-task.resolver';

/** The NationalInnovationTask type's descriptor and the resolvers that serve it: one entry of src/modules/entity-types.ts. */
export const nationalTaskModule = defineModule(nationalTaskType, [
  NationalTaskResolver,
  NationalTaskMutationResolver,
  EnterpriseNationalTasksResolver,
  InstitutionNationalTasksResolver,
]);

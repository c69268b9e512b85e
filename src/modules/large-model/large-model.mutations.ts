import { Resolver } from 'type-graphql';
import { editingMutations } from '../../common/editing/editing-mutations';
import { largeModelType } from './large-model.descriptor';
import { LargeModel } from './large-model.entity';
import { CreateLargeModelInput, DeleteLargeModelInput, UpdateLargeModelInput } from './large-model.inputs';
import { LargeModelPayload } from './large-model.types';

/** Writes to large models (editor keys). Nothing depends on a model: delete needs no detach. */
@Resolver(() => LargeModel)
export class LargeModelMutationResolver extends editingMutations(largeModelType, LargeModelPayload, {
  create: { input: CreateLargeModelInput, description: '新增大模型 Adds a large model.', inputDescription: 'The new model.' },
  update: { input: UpdateLargeModelInput, description: '修改大模型 Changes a model if it is still at expectedVersion; otherwise CONFLICT.' },
  delete: {
    input: DeleteLargeModelInput,
    description: '删除大模型 Deletes a model (its developer and sector links go with it).',
    inputDescription: 'The model to delete.',
    legacy: { idDescription: 'The model to delete.' },
  },
}) {}

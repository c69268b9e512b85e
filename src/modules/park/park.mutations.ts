import { Resolver } from 'type-graphql';
import { editingMutations } from '../../common/editing/editing-mutations';
import { parkType } from './park.descriptor';
import { Park } from './park.entity';
import { CreateParkInput, DeleteParkInput, UpdateParkInput } from './park.inputs';
import { ParkPayload } from './park.types';

/** Writes to parks (editor keys); each mutation in its own transaction, audited. */
@Resolver(() => Park)
export class ParkMutationResolver extends editingMutations(parkType, ParkPayload, {
  create: { input: CreateParkInput, description: '新增园区 Adds a park.', inputDescription: 'The new park.' },
  update: { input: UpdateParkInput, description: '修改园区 Changes a park if it is still at expectedVersion; otherwise CONFLICT.' },
  delete: {
    input: DeleteParkInput,
    description:
      '删除园区 Deletes a park; refused (HAS_DEPENDANTS) while firms, platforms, scenarios or compute centres are in it, unless input.detach is true.',
    inputDescription: 'The park to delete, and whether to clear it of what is in it.',
    legacy: {
      idDescription: 'The park to delete.',
      detachDescription: 'Remove the firms from the park and clear the park of its platforms, scenarios and compute centres, then delete it.',
    },
  },
}) {}

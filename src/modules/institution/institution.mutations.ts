import { Resolver } from 'type-graphql';
import { editingMutations } from '../../common/editing/editing-mutations';
import { institutionType } from './institution.descriptor';
import { Institution } from './institution.entity';
import { CreateInstitutionInput, DeleteInstitutionInput, UpdateInstitutionInput } from './institution.inputs';
import { InstitutionPayload } from './institution.types';

/** Writes to institutions (editor keys); each mutation runs in its own transaction and is audited. */
@Resolver(() => Institution)
export class InstitutionMutationResolver extends editingMutations(institutionType, InstitutionPayload, {
  create: {
    input: CreateInstitutionInput,
    description: '新增高校院所 Adds a university or research institute (editor key). Provenance: USER_ENTERED by the key.',
    inputDescription: 'The new institution.',
  },
  update: { input: UpdateInstitutionInput, description: '修改高校院所 Changes an institution if it is still at expectedVersion; otherwise CONFLICT.' },
  delete: {
    input: DeleteInstitutionInput,
    description: '删除高校院所 Deletes an institution. Refused (HAS_DEPENDANTS) while it hosts platforms or has won tasks, unless input.detach is true.',
    inputDescription: 'The institution to delete, and whether to unlink its links.',
    detach: true,
  },
}) {}

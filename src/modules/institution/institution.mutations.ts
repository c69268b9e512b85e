import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteWith, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import { editingOf } from '../../common/entity-type';
import { institutionType } from './institution.descriptor';
import { Institution } from './institution.entity';
import { CreateInstitutionInput, DeleteInstitutionInput, UpdateInstitutionInput } from './institution.inputs';
import { InstitutionPayload } from './institution.types';

const editing = editingOf(institutionType);

/** Writes to institutions (editor keys); each mutation runs in its own transaction and is audited. */
@Resolver(() => Institution)
export class InstitutionMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => InstitutionPayload, {
    description: '新增高校院所 Adds a university or research institute (editor key). Provenance: USER_ENTERED by the key.',
  })
  async createInstitution(
    @Arg('input', () => CreateInstitutionInput, { description: 'The new institution.' }) input: CreateInstitutionInput,
    @Ctx() ctx: Context,
  ): Promise<InstitutionPayload> {
    const { record, userErrors } = await createWith(ctx, editing, input);
    return { institution: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => InstitutionPayload, { description: '修改高校院所 Changes an institution if it is still at expectedVersion; otherwise CONFLICT.' })
  async updateInstitution(
    @Arg('input', () => UpdateInstitutionInput, { description: 'The changes.' }) input: UpdateInstitutionInput,
    @Ctx() ctx: Context,
  ): Promise<InstitutionPayload> {
    const { record, userErrors } = await updateWith(ctx, editing, input);
    return { institution: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, {
    description: '删除高校院所 Deletes an institution. Refused (HAS_DEPENDANTS) while it hosts platforms or has won tasks, unless input.detach is true.',
  })
  deleteInstitution(
    @Arg('input', () => DeleteInstitutionInput, { description: 'The institution to delete, and whether to unlink its links.' }) input: DeleteInstitutionInput,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteWith(ctx, editing, input.id, input.detach, ['input', 'id']);
  }
}

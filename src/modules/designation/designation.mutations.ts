import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteWith, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import { editingOf } from '../../common/entity-type';
import { enterpriseById } from '../enterprise/enterprise.service';
import { designationType } from './designation.descriptor';
import { Designation } from './designation.entity';
import { AddDesignationInput, RemoveDesignationInput, UpdateDesignationInput } from './designation.inputs';
import { DesignationPayload } from './designation.types';

const editing = editingOf(designationType);

/** Writes to firms' recognitions (editor keys), each in its own transaction with an audit entry. */
@Resolver(() => Designation)
export class DesignationMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => DesignationPayload, {
    description: '新增企业资质 Records a recognition for a firm (editor key). DUPLICATE when the firm already holds that kind at that level.',
  })
  async addDesignation(
    @Arg('input', () => AddDesignationInput, { description: 'The firm and the recognition.' }) input: AddDesignationInput,
    @Ctx() ctx: Context,
  ): Promise<DesignationPayload> {
    const { record, userErrors } = await createWith(ctx, editing, input);
    return this.payload(ctx, record, userErrors);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DesignationPayload, { description: '修改企业资质 Changes a recognition if it is still at expectedVersion; otherwise CONFLICT.' })
  async updateDesignation(
    @Arg('input', () => UpdateDesignationInput, { description: 'The changes.' }) input: UpdateDesignationInput,
    @Ctx() ctx: Context,
  ): Promise<DesignationPayload> {
    const { record, userErrors } = await updateWith(ctx, editing, input);
    return this.payload(ctx, record, userErrors);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, { description: '删除企业资质 Removes a recognition from a firm (editor key); the audit trail keeps what it held.' })
  removeDesignation(
    @Arg('input', () => RemoveDesignationInput, { description: 'The recognition to remove.' }) input: RemoveDesignationInput,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteWith(ctx, editing, input.id, false, ['input', 'id']);
  }

  private async payload(ctx: Context, record: Designation | null, userErrors: DesignationPayload['userErrors']): Promise<DesignationPayload> {
    const enterprise = record ? await enterpriseById({ ...ctx, em: ctx.em.fork() }, record.enterprise.id) : null;
    return { designation: record, enterprise, userErrors };
  }
}

import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteWith, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import { editingOf } from '../../common/entity-type';
import { enterpriseById } from '../enterprise/enterprise.service';
import { firmFigureType } from './firm-figure.descriptor';
import { FirmFigure } from './firm-figure.entity';
import { AddFirmFigureInput, RemoveFirmFigureInput, UpdateFirmFigureInput } from './firm-figure.inputs';
import { FirmFigurePayload } from './firm-figure.types';

const editing = editingOf(firmFigureType);

/** Writes to firms' yearly figures (editor keys), each in its own transaction with an audit entry. */
@Resolver(() => FirmFigure)
export class FirmFigureMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => FirmFigurePayload, {
    description: '新增企业指标 Records one yearly figure of a firm (editor key). DUPLICATE when the firm already has that metric for that year.',
  })
  async addFirmFigure(
    @Arg('input', () => AddFirmFigureInput, { description: 'The firm, year, metric and value.' }) input: AddFirmFigureInput,
    @Ctx() ctx: Context,
  ): Promise<FirmFigurePayload> {
    const { record, userErrors } = await createWith(ctx, editing, input);
    return this.payload(ctx, record, userErrors);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => FirmFigurePayload, { description: '修改企业指标 Corrects a figure if it is still at expectedVersion; otherwise CONFLICT.' })
  async updateFirmFigure(
    @Arg('input', () => UpdateFirmFigureInput, { description: 'The corrected value.' }) input: UpdateFirmFigureInput,
    @Ctx() ctx: Context,
  ): Promise<FirmFigurePayload> {
    const { record, userErrors } = await updateWith(ctx, editing, input);
    return this.payload(ctx, record, userErrors);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, { description: '删除企业指标 Removes a figure (editor key); the audit trail keeps its value.' })
  removeFirmFigure(
    @Arg('input', () => RemoveFirmFigureInput, { description: 'The figure to remove.' }) input: RemoveFirmFigureInput,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteWith(ctx, editing, input.id, false, ['input', 'id']);
  }

  private async payload(ctx: Context, record: FirmFigure | null, userErrors: FirmFigurePayload['userErrors']): Promise<FirmFigurePayload> {
    const enterprise = record ? await enterpriseById({ ...ctx, em: ctx.em.fork() }, record.enterprise.id) : null;
    return { firmFigure: record, enterprise, userErrors };
  }
}

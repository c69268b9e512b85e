import { Resolver } from 'type-graphql';
import { editingMutations } from '../../common/editing/editing-mutations';
import { enterpriseById } from '../enterprise/enterprise.service';
import { firmFigureType } from './firm-figure.descriptor';
import { FirmFigure } from './firm-figure.entity';
import { AddFirmFigureInput, RemoveFirmFigureInput, UpdateFirmFigureInput } from './firm-figure.inputs';
import { FirmFigurePayload } from './firm-figure.types';

/** Writes to firms' yearly figures (editor keys), each in its own transaction with an audit entry. */
@Resolver(() => FirmFigure)
export class FirmFigureMutationResolver extends editingMutations(firmFigureType, FirmFigurePayload, {
  toPayload: async (ctx, firmFigure, userErrors) => ({
    firmFigure,
    enterprise: firmFigure ? await enterpriseById({ ...ctx, em: ctx.em.fork() }, firmFigure.enterprise.id) : null,
    userErrors,
  }),
  create: {
    name: 'addFirmFigure',
    input: AddFirmFigureInput,
    description: '新增企业指标 Records one yearly figure of a firm (editor key). DUPLICATE when the firm already has that metric for that year.',
    inputDescription: 'The firm, year, metric and value.',
  },
  update: {
    input: UpdateFirmFigureInput,
    description: '修改企业指标 Corrects a figure if it is still at expectedVersion; otherwise CONFLICT.',
    inputDescription: 'The corrected value.',
  },
  delete: {
    name: 'removeFirmFigure',
    input: RemoveFirmFigureInput,
    description: '删除企业指标 Removes a figure (editor key); the audit trail keeps its value.',
    inputDescription: 'The figure to remove.',
  },
}) {}

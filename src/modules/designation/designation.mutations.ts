import { Resolver } from 'type-graphql';
import { editingMutations } from '../../common/editing/editing-mutations';
import { enterpriseById } from '../enterprise/enterprise.service';
import { designationType } from './designation.descriptor';
import { Designation } from './designation.entity';
import { AddDesignationInput, RemoveDesignationInput, UpdateDesignationInput } from './designation.inputs';
import { DesignationPayload } from './designation.types';

/** Writes to firms' recognitions (editor keys), each in its own transaction with an audit entry. */
@Resolver(() => Designation)
export class DesignationMutationResolver extends editingMutations(designationType, DesignationPayload, {
  toPayload: async (ctx, designation, userErrors) => ({
    designation,
    enterprise: designation ? await enterpriseById({ ...ctx, em: ctx.em.fork() }, designation.enterprise.id) : null,
    userErrors,
  }),
  create: {
    name: 'addDesignation',
    input: AddDesignationInput,
    description: '新增企业资质 Records a recognition for a firm (editor key). DUPLICATE when the firm already holds that kind at that level.',
    inputDescription: 'The firm and the recognition.',
  },
  update: { input: UpdateDesignationInput, description: '修改企业资质 Changes a recognition if it is still at expectedVersion; otherwise CONFLICT.' },
  delete: {
    name: 'removeDesignation',
    input: RemoveDesignationInput,
    description: '删除企业资质 Removes a recognition from a firm (editor key); the audit trail keeps what it held.',
    inputDescription: 'The recognition to remove.',
  },
}) {}

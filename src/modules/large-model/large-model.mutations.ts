import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteFromArguments, EditingSpec, linkOnCreate, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import type { Values } from '../../common/editing/record-writer';
import type { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { LargeModel } from './large-model.entity';
import { CreateLargeModelInput, DeleteLargeModelInput, UpdateLargeModelInput } from './large-model.inputs';
import { LargeModelPayload } from './large-model.types';

type ModelFields = { [K in keyof CreateLargeModelInput]?: CreateLargeModelInput[K] | null };

function cleanModel(input: ModelFields, errors: UserErrors): Values {
  const at = (f: string) => ['input', f];
  const required = (f: 'domain' | 'status') => (input[f] === null ? (errors.add(at(f), `${f} cannot be cleared.`), undefined) : input[f]);
  return {
    nameZh: check.requiredName(input.nameZh, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn, at('nameEn'), errors, 300),
    domain: required('domain'),
    status: required('status'),
    releasedYear: check.year(input.releasedYear, at('releasedYear'), errors),
    description: check.optionalText(input.description, at('description'), errors),
  };
}

export const largeModelEditing: EditingSpec<LargeModel, CreateLargeModelInput, UpdateLargeModelInput> = {
  type: 'LargeModel',
  table: 'large_model',
  entity: LargeModel,
  fields: ['nameZh', 'nameEn', 'domain', 'status', 'releasedYear', 'description'],
  validateCreate: async (_tx, input, errors) => cleanModel(input, errors),
  validateUpdate: async (_tx, input, _id, errors) => cleanModel(input, errors),
  afterCreate: async (tx, id, input, errors) => ({
    ...(await linkOnCreate(tx, { pivot: 'large_model_developer', ownColumn: 'large_model_id', otherColumn: 'enterprise_id', type: 'Enterprise', table: 'enterprise', field: 'developerIds' }, id, input.developerIds, errors)),
    ...(await linkOnCreate(tx, { pivot: 'large_model_sector', ownColumn: 'large_model_id', otherColumn: 'sector_code', type: 'Sector', table: 'sector', field: 'sectors', codes: true }, id, input.sectors, errors)),
  }),
};

/** Writes to large models (editor keys). Nothing depends on a model: delete needs no detach. */
@Resolver(() => LargeModel)
export class LargeModelMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => LargeModelPayload, { description: '新增大模型 Adds a large model.' })
  async createLargeModel(@Arg('input', () => CreateLargeModelInput, { description: 'The new model.' }) input: CreateLargeModelInput, @Ctx() ctx: Context): Promise<LargeModelPayload> {
    const { record, userErrors } = await createWith(ctx, largeModelEditing, input);
    return { largeModel: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => LargeModelPayload, { description: '修改大模型 Changes a model if it is still at expectedVersion; otherwise CONFLICT.' })
  async updateLargeModel(@Arg('input', () => UpdateLargeModelInput, { description: 'The changes.' }) input: UpdateLargeModelInput, @Ctx() ctx: Context): Promise<LargeModelPayload> {
    const { record, userErrors } = await updateWith(ctx, largeModelEditing, input);
    return { largeModel: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, { description: '删除大模型 Deletes a model (its developer and sector links go with it).' })
  deleteLargeModel(
    @Arg('input', () => DeleteLargeModelInput, { nullable: true, description: 'The model to delete.' }) input: DeleteLargeModelInput | null,
    @Arg('id', () => ID, { nullable: true, deprecationReason: 'Use input: { id }.', description: 'The model to delete.' }) id: string | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteFromArguments(ctx, largeModelEditing, { id, input });
  }
}

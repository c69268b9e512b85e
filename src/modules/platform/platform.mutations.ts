import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { createWith, deleteFromArguments, EditingSpec, linkOnCreate, referenceId, updateWith } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import type { Values } from '../../common/editing/record-writer';
import type { UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { InnovationPlatform } from './platform.entity';
import { CreateInnovationPlatformInput, DeleteInnovationPlatformInput, UpdateInnovationPlatformInput } from './platform.inputs';
import { InnovationPlatformPayload } from './platform.types';

type PlatformFields = { [K in keyof CreateInnovationPlatformInput]?: CreateInnovationPlatformInput[K] | null };

async function cleanPlatform(tx: SqlEntityManager, input: PlatformFields, errors: UserErrors): Promise<Values> {
  const at = (f: string) => ['input', f];
  const required = (f: 'kind' | 'level') => (input[f] === null ? (errors.add(at(f), `${f} cannot be cleared.`), undefined) : input[f]);
  return {
    nameZh: check.requiredName(input.nameZh, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn, at('nameEn'), errors, 300),
    aliases: check.aliasList(input.aliases, at('aliases'), errors),
    kind: required('kind'),
    level: required('level'),
    foundedYear: check.year(input.foundedYear, at('foundedYear'), errors),
    description: check.optionalText(input.description, at('description'), errors),
    parkId: await referenceId(tx, input.parkId, { type: 'Park', table: 'park' }, at('parkId'), errors),
  };
}

export const platformEditing: EditingSpec<InnovationPlatform, CreateInnovationPlatformInput, UpdateInnovationPlatformInput> = {
  type: 'InnovationPlatform',
  table: 'innovation_platform',
  entity: InnovationPlatform,
  fields: ['nameZh', 'nameEn', 'aliases', 'kind', 'level', 'foundedYear', 'description', 'parkId'],
  validateCreate: (tx, input, errors) => cleanPlatform(tx, input, errors),
  validateUpdate: (tx, input, _id, errors) => cleanPlatform(tx, input, errors),
  afterCreate: async (tx, id, input, errors) => ({
    ...(await linkOnCreate(tx, { pivot: 'platform_host', ownColumn: 'platform_id', otherColumn: 'enterprise_id', type: 'Enterprise', table: 'enterprise', field: 'hostIds' }, id, input.hostIds, errors)),
    ...(await linkOnCreate(tx, { pivot: 'platform_sector', ownColumn: 'platform_id', otherColumn: 'sector_code', type: 'Sector', table: 'sector', field: 'sectors', codes: true }, id, input.sectors, errors)),
  }),
};

/** Writes to innovation platforms (editor keys). Nothing depends on a platform: delete needs no detach. */
@Resolver(() => InnovationPlatform)
export class PlatformMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => InnovationPlatformPayload, { description: '新增创新平台 Adds an innovation platform.' })
  async createInnovationPlatform(
    @Arg('input', () => CreateInnovationPlatformInput, { description: 'The new platform.' }) input: CreateInnovationPlatformInput,
    @Ctx() ctx: Context,
  ): Promise<InnovationPlatformPayload> {
    const { record, userErrors } = await createWith(ctx, platformEditing, input);
    return { innovationPlatform: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => InnovationPlatformPayload, { description: '修改创新平台 Changes a platform if it is still at expectedVersion; otherwise CONFLICT.' })
  async updateInnovationPlatform(
    @Arg('input', () => UpdateInnovationPlatformInput, { description: 'The changes.' }) input: UpdateInnovationPlatformInput,
    @Ctx() ctx: Context,
  ): Promise<InnovationPlatformPayload> {
    const { record, userErrors } = await updateWith(ctx, platformEditing, input);
    return { innovationPlatform: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, { description: '删除创新平台 Deletes a platform (its host and sector links go with it).' })
  deleteInnovationPlatform(
    @Arg('input', () => DeleteInnovationPlatformInput, { nullable: true, description: 'The platform to delete.' }) input: DeleteInnovationPlatformInput | null,
    @Arg('id', () => ID, { nullable: true, deprecationReason: 'Use input: { id }.', description: 'The platform to delete.' }) id: string | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    return deleteFromArguments(ctx, platformEditing, { id, input });
  }
}

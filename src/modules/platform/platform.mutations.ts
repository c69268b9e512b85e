import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { localIdOf } from '../../common/editing/entity-editing';
import { setLink } from '../../common/editing/relation-writer';
import { UserErrors } from '../../common/editing/user-error';
import { institutionById } from '../institution/institution.service';
import { platformInstitutionHost } from './platform.editing';
import { platformById } from './platform.service';
import { InnovationPlatform } from './platform.entity';
import { CreateInnovationPlatformInput, DeleteInnovationPlatformInput, PlatformInstitutionHostInput, UpdateInnovationPlatformInput } from './platform.inputs';
import { InnovationPlatformPayload, PlatformInstitutionHostPayload } from './platform.types';
import { editingMutations } from '../../common/editing/editing-mutations';
import { platformType } from './platform.descriptor';

/** Writes to innovation platforms (editor keys). Nothing depends on a platform: delete needs no detach. */
@Resolver(() => InnovationPlatform)
export class PlatformMutationResolver extends editingMutations(platformType, InnovationPlatformPayload, {
  create: { input: CreateInnovationPlatformInput, description: '新增创新平台 Adds an innovation platform.', inputDescription: 'The new platform.' },
  update: { input: UpdateInnovationPlatformInput, description: '修改创新平台 Changes a platform if it is still at expectedVersion; otherwise CONFLICT.' },
  delete: {
    input: DeleteInnovationPlatformInput,
    description: '删除创新平台 Deletes a platform (its host and sector links go with it).',
    inputDescription: 'The platform to delete.',
    legacy: { idDescription: 'The platform to delete.' },
  },
}) {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => PlatformInstitutionHostPayload, {
    description: '高校院所依托平台 Records that a university or institute hosts or co-hosts a platform (依托单位).',
  })
  linkPlatformInstitutionHost(
    @Arg('input', () => PlatformInstitutionHostInput, { description: 'Platform and institution.' }) input: PlatformInstitutionHostInput,
    @Ctx() ctx: Context,
  ): Promise<PlatformInstitutionHostPayload> {
    return this.setHost(ctx, input, true);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => PlatformInstitutionHostPayload, { description: 'Removes a university or institute from a platform’s hosts.' })
  unlinkPlatformInstitutionHost(
    @Arg('input', () => PlatformInstitutionHostInput, { description: 'Platform and institution.' }) input: PlatformInstitutionHostInput,
    @Ctx() ctx: Context,
  ): Promise<PlatformInstitutionHostPayload> {
    return this.setHost(ctx, input, false);
  }

  private async setHost(ctx: Context, input: PlatformInstitutionHostInput, link: boolean): Promise<PlatformInstitutionHostPayload> {
    const errors = new UserErrors();
    const platformId = localIdOf(input.platformId, 'InnovationPlatform', ['input', 'platformId'], errors);
    const institutionId = localIdOf(input.institutionId, 'Institution', ['input', 'institutionId'], errors);
    const { changed, userErrors } = await setLink(ctx, platformInstitutionHost, { leftKey: platformId, rightKey: institutionId }, link, errors);
    if (userErrors.length) return { changed, innovationPlatform: null, institution: null, userErrors };
    const read = { ...ctx, em: ctx.em.fork() };
    const [innovationPlatform, institution] = await Promise.all([platformById(read, platformId!), institutionById(read, institutionId!)]);
    return { changed, innovationPlatform, institution, userErrors };
  }
}

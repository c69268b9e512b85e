import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { localIdOf } from '../../common/editing/entity-editing';
import { RelationSpec, setLink } from '../../common/editing/relation-writer';
import { UserErrors } from '../../common/editing/user-error';
import { Enterprise } from './enterprise.entity';
import { enterpriseRelations } from './enterprise.editing';
import {
  CreateEnterpriseInput,
  DeleteEnterpriseInput,
  EnterpriseChainNodeInput,
  EnterpriseParkInput,
  EnterpriseSectorInput,
  PlatformHostInput,
  ScenarioProviderInput,
  UpdateEnterpriseInput,
} from './enterprise.inputs';
import { enterpriseById } from './enterprise.service';
import { EnterprisePayload, RelationPayload } from './enterprise.types';
import { editingMutations } from '../../common/editing/editing-mutations';
import { linkableChainNodeIds } from '../chain-node/chain-node.service';
import { enterpriseType } from './enterprise.descriptor';

/** Writes to firms and their links. Each mutation runs in its own transaction; editor keys only. */
@Resolver(() => Enterprise)
export class EnterpriseMutationResolver extends editingMutations(enterpriseType, EnterprisePayload, {
  create: {
    input: CreateEnterpriseInput,
    description: '新增企业 Adds a firm (editor key). Provenance: USER_ENTERED by the key.',
    inputDescription: 'The new firm.',
  },
  update: { input: UpdateEnterpriseInput, description: '修改企业 Changes a firm if it is still at expectedVersion (editor key); otherwise CONFLICT.' },
  delete: {
    input: DeleteEnterpriseInput,
    description:
      '删除企业 Deletes a firm (editor key). Refused (HAS_DEPENDANTS) while it hosts platforms, provides scenarios, develops models or has won national tasks, unless input.detach is true.',
    inputDescription: 'The firm to delete, and whether to unlink its dependants.',
    legacy: { idDescription: 'The firm to delete.', detachDescription: 'Unlink the platforms, scenarios and models that depend on the firm, then delete it.' },
  },
}) {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => RelationPayload, { description: '企业入驻园区 Records that a firm is located in a park.' })
  linkEnterpriseToPark(@Arg('input', () => EnterpriseParkInput, { description: 'Firm and park.' }) input: EnterpriseParkInput, @Ctx() ctx: Context) {
    return this.link(ctx, enterpriseRelations.park, input.enterpriseId, input.parkId, true);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => RelationPayload, { description: '企业迁出园区 Removes a firm from a park.' })
  unlinkEnterpriseFromPark(@Arg('input', () => EnterpriseParkInput, { description: 'Firm and park.' }) input: EnterpriseParkInput, @Ctx() ctx: Context) {
    return this.link(ctx, enterpriseRelations.park, input.enterpriseId, input.parkId, false);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => RelationPayload, { description: 'Adds a focus sector the firm serves.' })
  linkEnterpriseToSector(@Arg('input', () => EnterpriseSectorInput, { description: 'Firm and sector.' }) input: EnterpriseSectorInput, @Ctx() ctx: Context) {
    return this.link(ctx, enterpriseRelations.sector, input.enterpriseId, input.sector, true);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => RelationPayload, { description: 'Removes a focus sector from the firm.' })
  unlinkEnterpriseFromSector(
    @Arg('input', () => EnterpriseSectorInput, { description: 'Firm and sector.' }) input: EnterpriseSectorInput,
    @Ctx() ctx: Context,
  ) {
    return this.link(ctx, enterpriseRelations.sector, input.enterpriseId, input.sector, false);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => RelationPayload, { description: '企业归入产业链环节 Records that a firm works in a chain-map segment (not a retired one).' })
  async linkEnterpriseToChainNode(
    @Arg('input', () => EnterpriseChainNodeInput, { description: 'Firm and chain node.' }) input: EnterpriseChainNodeInput,
    @Ctx() ctx: Context,
  ) {
    const errors = new UserErrors();
    // A retired node takes no new firms; an unknown one is NOT_FOUND (checked again inside the write).
    await linkableChainNodeIds(ctx.em.fork(), [input.chainNodeId], ['input', 'chainNodeId'], errors);
    errors.list.forEach((e) => (e.field = ['input', 'chainNodeId']));
    if (!errors.empty) return { changed: false, enterprise: null, userErrors: errors.list };
    return this.link(ctx, enterpriseRelations.chainNode, input.enterpriseId, input.chainNodeId, true);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => RelationPayload, { description: '企业移出产业链环节 Removes a firm from a chain-map segment.' })
  unlinkEnterpriseFromChainNode(
    @Arg('input', () => EnterpriseChainNodeInput, { description: 'Firm and chain node.' }) input: EnterpriseChainNodeInput,
    @Ctx() ctx: Context,
  ) {
    return this.link(ctx, enterpriseRelations.chainNode, input.enterpriseId, input.chainNodeId, false);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => RelationPayload, { description: 'Records that a firm provides a scenario (场景提供方).' })
  linkScenarioProvider(@Arg('input', () => ScenarioProviderInput, { description: 'Scenario and firm.' }) input: ScenarioProviderInput, @Ctx() ctx: Context) {
    return this.link(ctx, enterpriseRelations.scenarioProvider, input.scenarioId, input.enterpriseId, true);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => RelationPayload, { description: 'Removes a firm from a scenario’s providers.' })
  unlinkScenarioProvider(@Arg('input', () => ScenarioProviderInput, { description: 'Scenario and firm.' }) input: ScenarioProviderInput, @Ctx() ctx: Context) {
    return this.link(ctx, enterpriseRelations.scenarioProvider, input.scenarioId, input.enterpriseId, false);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => RelationPayload, { description: 'Records that a firm hosts an innovation platform (依托单位).' })
  linkPlatformHost(@Arg('input', () => PlatformHostInput, { description: 'Platform and firm.' }) input: PlatformHostInput, @Ctx() ctx: Context) {
    return this.link(ctx, enterpriseRelations.platformHost, input.platformId, input.enterpriseId, true);
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => RelationPayload, { description: 'Removes a firm from a platform’s hosts.' })
  unlinkPlatformHost(@Arg('input', () => PlatformHostInput, { description: 'Platform and firm.' }) input: PlatformHostInput, @Ctx() ctx: Context) {
    return this.link(ctx, enterpriseRelations.platformHost, input.platformId, input.enterpriseId, false);
  }

  private async link(ctx: Context, spec: RelationSpec, left: string, right: string, link: boolean): Promise<RelationPayload> {
    const errors = new UserErrors();
    const key = (end: RelationSpec['left'], value: string) => (end.key === 'code' ? value : localIdOf(value, end.type, ['input', end.field], errors));
    const leftKey = key(spec.left, left);
    const rightKey = key(spec.right, right);
    const { changed, userErrors } = await setLink(ctx, spec, { leftKey, rightKey }, link, errors);
    const firmId = spec.left.type === 'Enterprise' ? leftKey : rightKey;
    const enterprise = userErrors.length ? null : await enterpriseById({ ...ctx, em: ctx.em.fork() }, firmId as number);
    return { changed, enterprise, userErrors };
  }
}

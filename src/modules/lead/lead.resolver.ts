import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLDate } from 'graphql-scalars';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { ConnectionArgs } from '../../common/relay/connection.types';
import { Enterprise } from '../enterprise/enterprise.entity';
import { enterpriseById } from '../enterprise/enterprise.service';
import { Park } from '../park/park.entity';
import { parkById } from '../park/park.service';
import { SectorCode } from '../sector/sector-code.enum';
import { Lead, LeadNote, LeadStageChange } from './lead.entity';
import { AddLeadNoteInput, AssignLeadInput, CloseLeadInput, CreateLeadInput, MoveLeadStageInput, UpdateLeadInput } from './lead.inputs';
import { loadNotes, loadStageHistory } from './lead.read';
import { leadFunnel, listLeads, listStaleLeads } from './lead.service';
import { LeadStage } from './lead-stage.enum';
import { LeadConnection, LeadFunnel, LeadPayload } from './lead.types';
import { addLeadNote, closeLead, createLead, moveLeadStage, reopenLead, updateLead } from './lead.write';

/**
 * The confidential 招商 lead pipeline: promoter keys (their own parks) and admin keys only.
 * Anonymous callers get UNAUTHENTICATED, reader and editor keys FORBIDDEN; inside, every read and
 * write is narrowed to the caller's parks (lead.scope.ts).
 */
@Resolver(() => Lead)
export class LeadResolver {
  @Authorized(Authorize.PROMOTER)
  @Query(() => LeadConnection, { description: '招商线索 Leads of the parks your key covers (promoter or admin keys only), oldest first.' })
  leads(
    @Args() args: ConnectionArgs,
    @Arg('parkId', () => ID, { nullable: true, description: 'Only this park’s leads.' }) parkId: string | null,
    @Arg('stages', () => [LeadStage], { nullable: true, description: 'Only leads at these stages.' }) stages: LeadStage[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listLeads(ctx, { parkId, stages }, args, info);
  }

  @Authorized(Authorize.PROMOTER)
  @Query(() => LeadConnection, { description: '待跟进线索 Open leads with no activity (stage, note, owner, next action) for `days` days.' })
  staleLeads(
    @Args() args: ConnectionArgs,
    @Arg('days', () => Int, { defaultValue: 30, description: 'Days without activity (1-3650).' }) days: number,
    @Arg('parkId', () => ID, { nullable: true, description: 'Only this park’s leads.' }) parkId: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listStaleLeads(ctx, days, parkId, args, info);
  }

  @Authorized(Authorize.PROMOTER)
  @Query(() => LeadFunnel, { description: '招商漏斗 The funnel of one park’s leads: per stage the count, expected investment, conversion and median days.' })
  leadFunnel(
    @Arg('parkId', () => ID, { description: 'The park.' }) parkId: string,
    @Arg('sector', () => SectorCode, { nullable: true, description: 'Only leads for firms of this sector.' }) sector: SectorCode | null,
    @Arg('from', () => GraphQLDate, { nullable: true, description: 'Only leads created on or after this day.' }) from: string | null,
    @Arg('to', () => GraphQLDate, { nullable: true, description: 'Only leads created on or before this day.' }) to: string | null,
    @Ctx() ctx: Context,
  ) {
    return leadFunnel(ctx, { parkId, sector, from, to });
  }

  @FieldResolver(() => Enterprise, { description: 'The firm.' })
  async enterprise(@Root() lead: Lead, @Ctx() ctx: Context): Promise<Enterprise> {
    return (await enterpriseById(ctx, lead.enterpriseId))!;
  }

  @FieldResolver(() => Park, { description: 'The park.' })
  async park(@Root() lead: Lead, @Ctx() ctx: Context): Promise<Park> {
    return (await parkById(ctx, lead.parkId))!;
  }

  @FieldResolver(() => [LeadStageChange], { description: '阶段历史 Every stage change, oldest first, with who and when.' })
  history(@Root() lead: Lead, @Ctx() ctx: Context): Promise<LeadStageChange[]> {
    return loadStageHistory(ctx, lead.id);
  }

  @FieldResolver(() => [LeadNote], { description: '跟进记录 Notes, oldest first.' })
  notes(@Root() lead: Lead, @Ctx() ctx: Context): Promise<LeadNote[]> {
    return loadNotes(ctx, lead.id);
  }

  @Authorized(Authorize.PROMOTER)
  @Mutation(() => LeadPayload, { description: '新建线索 Opens a lead: a firm for one of your parks, at LEAD (线索).' })
  createLead(@Arg('input', () => CreateLeadInput, { description: 'The lead.' }) input: CreateLeadInput, @Ctx() ctx: Context) {
    return createLead(ctx, input);
  }

  @Authorized(Authorize.PROMOTER)
  @Mutation(() => LeadPayload, {
    description:
      '推进阶段 Moves a lead forward (stages may be skipped) or to LOST with a reason. Reaching LANDED (落地) makes the firm join the park, in the same transaction.',
  })
  moveLeadStage(@Arg('input', () => MoveLeadStageInput, { description: 'The move.' }) input: MoveLeadStageInput, @Ctx() ctx: Context) {
    return moveLeadStage(ctx, input);
  }

  @Authorized(Authorize.PROMOTER)
  @Mutation(() => LeadPayload, { description: '分配线索 Gives a lead to a team member (or unassigns it).' })
  assignLead(@Arg('input', () => AssignLeadInput, { description: 'The owner.' }) input: AssignLeadInput, @Ctx() ctx: Context) {
    return updateLead(ctx, { id: input.id, expectedVersion: input.expectedVersion, ownerName: input.ownerName });
  }

  @Authorized(Authorize.PROMOTER)
  @Mutation(() => LeadPayload, { description: '修改线索 Changes a lead’s owner, expected investment and jobs, or next action.' })
  updateLead(@Arg('input', () => UpdateLeadInput, { description: 'The changes.' }) input: UpdateLeadInput, @Ctx() ctx: Context) {
    return updateLead(ctx, input);
  }

  @Authorized(Authorize.PROMOTER)
  @Mutation(() => LeadPayload, { description: '添加跟进记录 Adds a note to a lead.' })
  addLeadNote(@Arg('input', () => AddLeadNoteInput, { description: 'The note.' }) input: AddLeadNoteInput, @Ctx() ctx: Context) {
    return addLeadNote(ctx, input);
  }

  @Authorized(Authorize.PROMOTER)
  @Mutation(() => LeadPayload, { description: '关闭线索 Closes a lead: before LANDED it becomes LOST (reason required); after, the follow-up ends.' })
  closeLead(@Arg('input', () => CloseLeadInput, { description: 'The lead.' }) input: CloseLeadInput, @Ctx() ctx: Context) {
    return closeLead(ctx, input);
  }

  @Authorized(Authorize.PROMOTER)
  @Mutation(() => LeadPayload, { description: '重新激活 Reopens a closed or lost lead; a lost one returns to the stage it was lost from.' })
  reopenLead(@Arg('input', () => CloseLeadInput, { description: 'The lead.' }) input: CloseLeadInput, @Ctx() ctx: Context) {
    return reopenLead(ctx, input);
  }
}

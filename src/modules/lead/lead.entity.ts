import { versionedRecord } from '../../common/base-entity';
import { Entity, Enum, Index, Property } from '@mikro-orm/core';
import { GraphQLDate } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { LeadStage } from './lead-stage.enum';

/**
 * A lead (招商线索): a firm a park's promotion team is working on, from first contact to
 * production. Confidential: only admins and promoter keys of its park ever see it (see
 * lead.scope.ts); it is in no search, graph, export, change feed or cached answer.
 */
@Entity({ tableName: 'lead' })
@Index({ name: 'lead_park_stage_index', properties: ['parkId', 'stage'] })
@ObjectType({
  implements: Node,
  description:
    '招商线索 A firm a park’s investment-promotion team is working on, with its stage, owner, expected investment, next action and full history. Confidential: visible only to admin keys and promoter keys of its park.',
})
export class Lead
  extends versionedRecord<'stageEnteredAt' | 'lastActivityAt'>({
    version: 'Version number, incremented on every change; pass it as `expectedVersion` to change the lead.',
  })
  implements Node
{
  @Property({ type: 'integer' })
  enterpriseId!: number;

  @Property({ type: 'integer' })
  parkId!: number;

  @Enum({ items: () => LeadStage })
  @Field(() => LeadStage, { description: 'Current stage (线索 → 接洽 → 考察 → 洽谈 → 签约 → 落地 → 投产, or 流失).' })
  stage!: LeadStage;

  @Enum({ items: () => LeadStage, nullable: true })
  @Field(() => LeadStage, { nullable: true, description: 'When LOST: the stage the lead was lost from (reopenLead returns it there).' })
  lostFromStage?: LeadStage | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'When LOST: why (流失原因).' })
  lostReason?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who on the team owns the lead (负责人).' })
  ownerName?: string | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Expected investment in 万元 (10,000 CNY) (预计投资额).' })
  expectedInvestment?: number | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Expected jobs (预计就业人数).' })
  expectedJobs?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The next thing to do (下一步), e.g. 安排园区考察.' })
  nextAction?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'When the next action is due.' })
  nextActionDate?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  @Field(() => Date, { description: 'When the lead entered its current stage.' })
  stageEnteredAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  @Field(() => Date, { description: 'Last change of any kind (stage, owner, note, next action): what staleLeads measures.' })
  lastActivityAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the lead was closed (closeLead); null while it is open.' })
  closedAt?: Date | null;
}

@ObjectType({ description: '阶段变更 One change of a lead’s stage: from, to, who and when.' })
export class LeadStageChange {
  @Field(() => LeadStage, { nullable: true, description: 'Stage before; null for the lead’s creation.' })
  fromStage!: LeadStage | null;

  @Field(() => LeadStage, { description: 'Stage after.' })
  toStage!: LeadStage;

  @Field(() => Date, { description: 'When.' })
  at!: Date;

  @Field({ description: 'Who: the name of the API key that made the change.' })
  by!: string;

  @Field(() => String, { nullable: true, description: 'Why, when given (a loss, a reopening, a closing).' })
  reason!: string | null;
}

@ObjectType({ description: '跟进记录 A note on a lead: what happened, who wrote it and when.' })
export class LeadNote {
  @Field({ description: 'The note.' })
  body!: string;

  @Field(() => Date, { description: 'When it was written.' })
  at!: Date;

  @Field({ description: 'Who wrote it: the name of the API key.' })
  by!: string;
}

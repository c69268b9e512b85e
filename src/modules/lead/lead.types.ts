import { writePayload } from '../../common/payload-type';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { Lead } from './lead.entity';
import { LeadStage } from './lead-stage.enum';

export const LeadConnection = connectionType(() => Lead, 'Lead', 'lead');

@ObjectType({ description: 'Result of a lead mutation.' })
export class LeadPayload extends writePayload(() => Lead, 'lead', 'lead') {}

@ObjectType({ description: '漏斗阶段 One stage of a park’s lead funnel.' })
export class FunnelStage {
  @Field(() => LeadStage, { description: 'The stage.' })
  stage!: LeadStage;

  @Field(() => Int, { description: 'Leads at this stage now.' })
  count!: number;

  @Field(() => Int, {
    description:
      'Leads that ever reached this stage or a later one (a lead moved from LEAD straight to SIGNED has passed CONTACTED too); for LOST, the lost leads.',
  })
  reached!: number;

  @Field(() => Float, { description: 'Expected investment (万元) of the leads at this stage now.' })
  expectedInvestment!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Conversion rate to the next stage: leads that reached the next stage ÷ leads that reached this one (0-1); null when none reached this one, and for the last stage and LOST.',
  })
  conversionToNext!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median days a lead spent in this stage (to today for leads still in it); null when none has been in it, and for LOST.',
  })
  medianDays!: number | null;
}

@ObjectType({ description: '招商漏斗 A park’s lead funnel: counts, expected investment, conversion and time per stage.' })
export class LeadFunnel {
  @Field(() => [FunnelStage], { description: 'The stages in pipeline order, then LOST.' })
  stages!: FunnelStage[];

  @Field(() => Int, { description: 'Leads counted.' })
  total!: number;

  @Field(() => Float, { description: 'Expected investment (万元) of the leads not lost.' })
  expectedInvestment!: number;
}

/**
 * Every GraphQL type that carries lead data. An operation that selects a field of any of them is
 * never cached and is answered `Cache-Control: private, no-store` (src/graphql/response-cache.ts).
 */
export const CONFIDENTIAL_TYPE_NAMES: readonly string[] = [
  'Lead',
  'LeadConnection',
  'LeadEdge',
  'LeadPayload',
  'LeadFunnel',
  'FunnelStage',
  'LeadStageChange',
  'LeadNote',
];

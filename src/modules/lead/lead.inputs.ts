import { OptionalField } from '../../common/inputs/fields';
import { GraphQLDate } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { LeadStage } from './lead-stage.enum';
import { NOT_IN_SCHEMA, versionedInput } from '../../common/inputs/record-inputs';

/** The lead a change is for, at the version the client read. */
const LeadAtVersion = versionedInput('The lead.', 'The version you read; a lead changed since answers CONFLICT.');

/** Owner, expected figures and next action: what a new lead may carry and an update may change. */
@InputType('LeadPlanInputBase', { description: NOT_IN_SCHEMA })
abstract class LeadPlanFields {
  @OptionalField(String, 'Who owns the lead (负责人).') ownerName?: string | null;
  @OptionalField(Float, 'Expected investment in 万元 (≥ 0).') expectedInvestment?: number | null;
  @OptionalField(Int, 'Expected jobs (≥ 0).') expectedJobs?: number | null;
  @OptionalField(String, 'The next action (下一步).') nextAction?: string | null;
  @OptionalField(GraphQLDate, 'When the next action is due.') nextActionDate?: string | null;
}

@InputType({ description: 'A new lead: a firm for a park. It starts at LEAD (线索).' })
export class CreateLeadInput extends LeadPlanFields {
  @Field(() => ID, { description: 'The firm (an Enterprise ID); any firm of the directory.' })
  enterpriseId!: string;

  @Field(() => ID, { description: 'The park (a Park ID); a promoter key may name only its own parks.' })
  parkId!: string;

  @OptionalField(String, 'A first note (跟进记录).') note?: string | null;
}

@InputType({ description: 'Moves a lead forward, or to LOST (with a reason).' })
export class MoveLeadStageInput extends LeadAtVersion {
  @Field(() => LeadStage, { description: 'A later stage of the pipeline (stages may be skipped), or LOST.' })
  stage!: LeadStage;

  @OptionalField(String, 'Why; required for LOST (流失原因).') reason?: string | null;
}

@InputType({ description: 'Changes a lead’s owner, expected figures or next action; fields left out keep their values, null clears them.' })
export class UpdateLeadInput extends LeadPlanFields {
  @Field(() => ID, { description: 'The lead.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a lead changed since answers CONFLICT.' })
  expectedVersion!: number;
}

@InputType({ description: 'Gives a lead to a member of the team.' })
export class AssignLeadInput extends LeadAtVersion {
  @Field(() => String, { nullable: true, description: 'The new owner (负责人); null leaves the lead unassigned.' })
  ownerName!: string | null;
}

@InputType({ description: 'A note on a lead (跟进记录).' })
export class AddLeadNoteInput extends LeadAtVersion {
  @Field({ description: 'The note (1-4000 characters).' })
  body!: string;
}

@InputType({ description: 'Closes or reopens a lead.' })
export class CloseLeadInput extends LeadAtVersion {
  @OptionalField(String, 'Why. Closing a lead before LANDED marks it LOST and needs a reason; closing a landed or producing lead ends the follow-up.')
  reason?: string | null;
}

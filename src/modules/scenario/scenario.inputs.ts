import { Field, ID, InputType, Int } from 'type-graphql';
import { SectorCode } from '../sector/sector-code.enum';
import { ScenarioStatus } from './scenario-status.enum';

@InputType({ description: 'Narrows a list of scenarios. Fields combine with AND; values inside one list with OR.' })
export class ScenarioFilter {
  @Field(() => [SectorCode], { nullable: true, description: 'Scenarios in any of these sectors.' })
  sectors?: SectorCode[] | null;

  @Field(() => [ScenarioStatus], { nullable: true, description: 'Scenarios at any of these stages.' })
  statuses?: ScenarioStatus[] | null;

  @Field(() => [ID], { nullable: true, description: 'Scenarios located in any of these parks (Park IDs).' })
  parkIds?: string[] | null;

  @Field(() => [Int], { nullable: true, description: 'Scenarios of any of these years.' })
  years?: number[] | null;

  @Field(() => String, { nullable: true, description: 'Text the Chinese or English name contains (case-insensitive, literal).' })
  search?: string | null;
}

@InputType({ description: '新增应用场景 A new "AI+" scenario.' })
export class CreateScenarioInput {
  @Field({ description: 'Chinese name, not blank.' })
  nameZh!: string;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => SectorCode, { description: 'The focus sector the scenario belongs to.' })
  sector!: SectorCode;

  @Field(() => ScenarioStatus, { description: 'Stage of the scenario.' })
  status!: ScenarioStatus;

  @Field(() => Int, { nullable: true, description: 'Year opened or reached its status (1900 to next year).' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The park where it runs.' })
  parkId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Firms providing it (Enterprise IDs).' })
  providerIds?: string[] | null;
}

@InputType({ description: '修改应用场景 Changes to a scenario; only the fields sent change, null clears an optional field. Providers change with link/unlinkScenarioProvider.' })
export class UpdateScenarioInput {
  @Field(() => ID, { description: 'The scenario to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT and nothing is written.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'Chinese name; cannot be cleared.' })
  nameZh?: string | null;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => SectorCode, { nullable: true, description: 'Sector; cannot be cleared.' })
  sector?: SectorCode | null;

  @Field(() => ScenarioStatus, { nullable: true, description: 'Stage; cannot be cleared.' })
  status?: ScenarioStatus | null;

  @Field(() => Int, { nullable: true, description: 'Year.' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The park; null clears it.' })
  parkId?: string | null;
}

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

import { Field, InputType } from 'type-graphql';
import { SectorCode } from '../sector/sector-code.enum';
import { ParkRole } from './park-role.enum';

@InputType({ description: 'Narrows a list of parks. Fields combine with AND; values inside one list combine with OR.' })
export class ParkFilter {
  @Field(() => [String], { nullable: true, description: 'Parks in any of these districts (Chinese names, e.g. 崂山区).' })
  districts?: string[] | null;

  @Field(() => [ParkRole], { nullable: true, description: 'Parks with any of these roles.' })
  roles?: ParkRole[] | null;

  @Field(() => [SectorCode], { nullable: true, description: 'Parks focusing on any of these sectors.' })
  focusSectors?: SectorCode[] | null;

  @Field(() => String, { nullable: true, description: 'Text the Chinese or English name or an alias contains (case-insensitive, literal).' })
  search?: string | null;
}

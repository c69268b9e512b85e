import { Field, ID, InputType } from 'type-graphql';
import { SectorCode } from '../sector/sector-code.enum';
import { PlatformKind, PlatformLevel } from './platform.enums';

@InputType({ description: 'Narrows a list of innovation platforms. Fields combine with AND; values inside one list with OR.' })
export class PlatformFilter {
  @Field(() => [PlatformKind], { nullable: true, description: 'Platforms of any of these kinds.' })
  kinds?: PlatformKind[] | null;

  @Field(() => [PlatformLevel], { nullable: true, description: 'Platforms of any of these levels.' })
  levels?: PlatformLevel[] | null;

  @Field(() => [ID], { nullable: true, description: 'Platforms located in any of these parks (Park IDs).' })
  parkIds?: string[] | null;

  @Field(() => [SectorCode], { nullable: true, description: 'Platforms serving any of these sectors.' })
  sectors?: SectorCode[] | null;

  @Field(() => String, { nullable: true, description: 'Text the Chinese or English name or an alias contains (case-insensitive, literal).' })
  search?: string | null;
}

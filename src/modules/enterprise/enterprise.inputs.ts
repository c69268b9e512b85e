import { Field, ID, InputType } from 'type-graphql';
import { SectorCode } from '../sector/sector-code.enum';
import { ChainLayer } from './chain-layer.enum';

@InputType({ description: 'Narrows a list of enterprises. Fields combine with AND; values inside one list combine with OR.' })
export class EnterpriseFilter {
  @Field(() => [SectorCode], { nullable: true, description: 'Firms serving any of these sectors.' })
  sectors?: SectorCode[] | null;

  @Field(() => [ID], { nullable: true, description: 'Firms located in any of these parks (Park IDs).' })
  parkIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Firms in a park of any of these districts (Chinese names, e.g. 崂山区).' })
  districts?: string[] | null;

  @Field(() => [ChainLayer], { nullable: true, description: 'Firms in any of these chain layers.' })
  layers?: ChainLayer[] | null;

  @Field(() => String, { nullable: true, description: 'Text the Chinese or English name or an alias contains (case-insensitive, literal).' })
  search?: string | null;
}

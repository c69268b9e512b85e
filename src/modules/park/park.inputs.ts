import { Field, Float, ID, InputType, Int } from 'type-graphql';
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

@InputType({ description: '新增园区 A new park.' })
export class CreateParkInput {
  @Field({ description: 'Chinese name, not blank.' })
  nameZh!: string;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => [String], { nullable: true, description: 'Other names (别名).' })
  aliases?: string[] | null;

  @Field({ description: 'District in Chinese, e.g. 崂山区.' })
  district!: string;

  @Field(() => ParkRole, { description: '主承载区 PRIMARY or 特色承载区 FEATURED.' })
  role!: ParkRole;

  @Field(() => Float, { nullable: true, description: 'Latitude, -90 to 90 (WGS84).' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude, -180 to 180 (WGS84).' })
  longitude?: number | null;

  @Field(() => Int, { nullable: true, description: 'Year founded or opened (1900 to next year).' })
  foundedYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;

  @Field(() => [SectorCode], { nullable: true, description: 'Focus sectors of the park.' })
  focusSectors?: SectorCode[] | null;
}

@InputType({ description: '修改园区 Changes to a park; only the fields sent change, null clears an optional field.' })
export class UpdateParkInput {
  @Field(() => ID, { description: 'The park to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT and nothing is written.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'Chinese name; cannot be cleared.' })
  nameZh?: string | null;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => [String], { nullable: true, description: 'Other names; replaces the list.' })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: 'District; cannot be cleared.' })
  district?: string | null;

  @Field(() => ParkRole, { nullable: true, description: 'Role; cannot be cleared.' })
  role?: ParkRole | null;

  @Field(() => Float, { nullable: true, description: 'Latitude.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude.' })
  longitude?: number | null;

  @Field(() => Int, { nullable: true, description: 'Year founded.' })
  foundedYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string | null;
}

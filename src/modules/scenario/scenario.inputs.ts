import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IntRange, OrderDirection } from '../../common/filter.inputs';
import { SectorCode } from '../sector/sector-code.enum';
import { ScenarioStatus } from './scenario-status.enum';

@InputType({ description: 'Narrows a list of scenarios. Fields combine with AND; values inside one list with OR. AND, OR and NOT nest other filters (at most 5 levels).' })
export class ScenarioFilter {
  @Field(() => [SectorCode], { nullable: true, description: 'Scenarios in any of these sectors.' })
  sectors?: SectorCode[] | null;

  @Field(() => [ScenarioStatus], { nullable: true, description: 'Scenarios at any of these stages.' })
  statuses?: ScenarioStatus[] | null;

  @Field(() => [ID], { nullable: true, description: 'Scenarios located in any of these parks (Park IDs).' })
  parkIds?: string[] | null;

  @Field(() => [Int], { nullable: true, description: 'Scenarios of any of these years.' })
  years?: number[] | null;

  @Field(() => String, { nullable: true, description: '搜索 Text matching a name: Chinese substring, pinyin (with or without spaces), pinyin initials, traditional characters or English, case-insensitive; 1-200 characters.' })
  search?: string | null;

  @Field(() => IntRange, { nullable: true, description: 'Year (年份) within this range; scenarios with unknown year never match.' })
  yearRange?: IntRange | null;

  @Field(() => [ScenarioFilter], { nullable: true, description: 'Every one of these filters holds (且).' })
  AND?: ScenarioFilter[] | null;

  @Field(() => [ScenarioFilter], { nullable: true, description: 'At least one of these filters holds (或).' })
  OR?: ScenarioFilter[] | null;

  @Field(() => ScenarioFilter, { nullable: true, description: 'This filter does not hold (非). Wrap several in AND or OR.' })
  NOT?: ScenarioFilter | null;
}

export enum ScenarioOrderField {
  NAME = 'NAME',
  YEAR = 'YEAR',
  ID = 'ID',
}

registerEnumType(ScenarioOrderField, {
  name: 'ScenarioOrderField',
  description: 'What to sort scenarios by.',
  valuesConfig: {
    NAME: { description: '名称 Chinese name in pinyin order (拼音排序).' },
    YEAR: { description: '年份 Year; unknown years last.' },
    ID: { description: 'Order of entry into the directory (the default).' },
  },
});

@InputType({ description: 'Order of a list of scenarios; ties are always broken by ID in the same direction.' })
export class ScenarioOrder {
  @Field(() => ScenarioOrderField, { description: 'What to sort by.' })
  field!: ScenarioOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending (default) or descending.' })
  direction: OrderDirection = OrderDirection.ASC;
}

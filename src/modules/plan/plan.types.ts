import { GraphQLURL } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IndicatorComparator, IndicatorKind } from './plan-indicator.entity';

registerEnumType(IndicatorKind, {
  name: 'IndicatorKind',
  description: '指标类别 Whether a plan figure is a target or the starting point.',
  valuesConfig: {
    TARGET: { description: '目标 A target the plan sets for a year.' },
    BASELINE: { description: '基数 The 2023 baseline the plan starts from.' },
  },
});

registerEnumType(IndicatorComparator, {
  name: 'IndicatorComparator',
  description: '目标表述 How the plan words the figure.',
  valuesConfig: {
    AT_LEAST: { description: '以上/超过/不少于 At least the value.' },
    ABOUT: { description: '左右 About the value.' },
    EXACT: { description: '达到 The value itself.' },
  },
});

@ObjectType({ description: '行动计划指标 A target (or baseline) of the action plan, with its current value computed live from the directory where the directory holds it.' })
export class PlanTarget {
  @Field({ description: 'Stable key of the indicator, e.g. compute-2026.' })
  key!: string;

  @Field(() => IndicatorKind, { description: 'Target or baseline.' })
  kind!: IndicatorKind;

  @Field({ description: 'The figure as the plan states it, in Chinese.' })
  titleZh!: string;

  @Field({ description: 'The figure in English.' })
  titleEn!: string;

  @Field({ description: 'Unit, as the plan writes it (PFLOPS, 家, 个, 项, 亿元).' })
  unit!: string;

  @Field(() => Int, { description: 'Year the target is set for (or the baseline year).' })
  year!: number;

  @Field(() => Float, { description: 'The plan’s value (target or baseline).' })
  target!: number;

  @Field(() => IndicatorComparator, { description: 'How the plan words the value (以上, 左右, 达到).' })
  comparator!: IndicatorComparator;

  @Field(() => String, { nullable: true, description: 'How the current value is computed (e.g. SHOWCASE_SCENARIOS), or null.' })
  metric?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Current value computed live from the directory (synthetic records never count); null when the directory cannot know it (see `currentNote`).',
  })
  current?: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of the target reached: current / target (1 = reached); null when `current` is null.' })
  progress?: number | null;

  @Field({ description: 'What `current` counts, or why it is null, in Chinese and English.' })
  currentNote!: string;

  @Field(() => Int, {
    description: 'How many of the records counted in `current` are invented sample data (示例数据); a real deployment replaces them. 0 when none or when `current` is null.',
  })
  sampleRecords!: number;

  @Field({ description: 'Citation: the document that states the figure.' })
  source!: string;

  @Field(() => GraphQLURL, { nullable: true, description: 'Address of the cited document.' })
  sourceUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Caveats about the figure or its source.' })
  sourceNote?: string | null;
}

@ObjectType({ description: '行动计划进展 Progress against the Qingdao AI action plan 2024-2026: its targets and its 2023 baseline.' })
export class ActionPlan {
  @Field(() => [PlanTarget], { description: 'The targets, by year then key.' })
  targets!: PlanTarget[];

  @Field(() => [PlanTarget], { description: 'The 2023 baseline figures the plan starts from, cited.' })
  baselines!: PlanTarget[];
}

import { GraphQLURL } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ProvenanceKind } from '../../common/provenance';
import { IndicatorComparator, IndicatorKind, PlanActionCode, TargetShape } from './plan-indicator.entity';

@ObjectType({ description: '引用 A document a figure is cited from.' })
export class Citation {
  @Field({ description: 'Title of the document.' })
  title!: string;

  @Field(() => GraphQLURL, { nullable: true, description: 'Address of the document, when it has one.' })
  url?: string | null;

  @Field(() => ProvenanceKind, { description: 'Kind of source: OFFICIAL_PLAN for the plan’s full text, PUBLIC_SOURCE for the launch report.' })
  kind!: ProvenanceKind;
}

@ObjectType({
  description: '行动计划指标 A target (or baseline) of the action plan, with its current value computed live from the directory where the directory holds it.',
})
export class PlanTarget {
  @Field({ description: 'Stable key of the indicator, e.g. compute-2026.' })
  key!: string;

  @Field(() => IndicatorKind, { description: 'Target or baseline.' })
  kind!: IndicatorKind;

  @Field(() => PlanActionCode, { description: 'The action (七大行动) the figure belongs to.' })
  action!: PlanActionCode;

  @Field({ description: 'The figure as the plan states it, in Chinese.' })
  titleZh!: string;

  @Field({ description: 'The figure in English.' })
  titleEn!: string;

  @Field({ description: 'Unit, as the plan writes it (PFLOPS, 家, 个, 项, 亿元).' })
  unit!: string;

  @Field(() => Int, { description: 'Year the target is set for (or the baseline year).' })
  year!: number;

  @Field(() => Float, {
    deprecationReason: 'Use `min` and `max`: a range (2至3) has two bounds; this is `min`.',
    description: 'The plan’s value; for a range, its lower bound.',
  })
  target!: number;

  @Field(() => IndicatorComparator, { deprecationReason: 'Use `shape` and `approximate`.', description: 'How the plan words the value (以上, 左右, 达到).' })
  comparator!: IndicatorComparator;

  @Field(() => Float, { description: 'Lower bound the plan states (the value itself for 达到, 以上 and 左右).' })
  min!: number;

  @Field(() => Float, { nullable: true, description: 'Upper bound the plan states: Y of X至Y, X of X左右; null when the plan sets none.' })
  max?: number | null;

  @Field({ description: 'Whether the plan says “about” (左右): the figure is approximate.' })
  approximate!: boolean;

  @Field(() => TargetShape, { description: 'How the plan words the figure; decides `met` (see TargetShape).' })
  shape!: TargetShape;

  @Field(() => String, { nullable: true, description: 'How the current value is computed (e.g. SHOWCASE_SCENARIOS, INTELLIGENT_COMPUTE_PFLOPS), or null.' })
  metric?: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Current value computed live by the database from records that rest on evidence (OFFICIAL_PLAN, PUBLIC_SOURCE, USER_ENTERED); sample, synthetic and editorial records never count (see `sampleRecords`, `editorialRecords`). Null when the directory cannot know it (see `currentNote`).',
  })
  current?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the lower bound reached: current / min (1 = reached); null for baselines and when `current` is null.',
  })
  progress?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the target is met, by the rule of its `shape`: current ≥ min for every shape (a range beyond its max still counts; 左右 counts only once the stated value is reached). Null for baselines and when `current` is null.',
  })
  met?: boolean | null;

  @Field({ description: 'What `current` counts, or why it is null, in Chinese and English.' })
  currentNote!: string;

  @Field(() => Int, { description: 'How many evidence-based records `current` counts. 0 when none or when `current` is null.' })
  evidenceRecords!: number;

  @Field(() => Int, {
    description:
      'How many invented records (SAMPLE 示例数据 or SYNTHETIC 合成数据) match the metric. They are reported here, never counted in `current`. 0 when none or when the directory cannot compute the metric.',
  })
  sampleRecords!: number;

  @Field(() => Int, { description: 'How many EDITORIAL records match the metric; like sample records, they are not counted in `current`.' })
  editorialRecords!: number;

  @Field({ description: 'Citation: the document that states the figure.' })
  source!: string;

  @Field(() => GraphQLURL, { nullable: true, description: 'Address of the cited document.' })
  sourceUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Caveats about the figure or its source.' })
  sourceNote?: string | null;

  @Field(() => [Citation], { description: 'Every document the figure is cited from: the launch report the figures were read in and the plan’s full text.' })
  citations!: Citation[];
}

@ObjectType({ description: '行动 One of the plan’s seven actions (七大行动), with its targets and baselines.' })
export class PlanAction {
  @Field(() => PlanActionCode, { description: 'Fixed code of the action.' })
  code!: PlanActionCode;

  @Field({ description: 'Chinese name, e.g. 算力设施.' })
  nameZh!: string;

  @Field({ description: 'English name, e.g. Compute infrastructure.' })
  nameEn!: string;

  @Field({ description: 'The action’s slogan as the plan writes it, e.g. 强基.' })
  slogan!: string;

  @Field({ description: 'The action’s headline sentence, as the launch report quotes it.' })
  summaryZh!: string;

  @Field(() => [PlanTarget], { description: 'The action’s targets, by year then key (none for an action the plan sets no figure for).' })
  targets!: PlanTarget[];

  @Field(() => [PlanTarget], { description: 'The 2023 baseline figures that belong to the action.' })
  baselines!: PlanTarget[];
}

@ObjectType({ description: '行动计划进展 Progress against the Qingdao AI action plan 2024-2026: its targets and its 2023 baseline.' })
export class ActionPlan {
  @Field(() => [PlanAction], { description: 'The seven actions in the plan’s order, each with its targets and baselines.' })
  actions!: PlanAction[];

  @Field(() => [PlanTarget], { description: 'All targets, by year then key (the same ones as under `actions`).' })
  targets!: PlanTarget[];

  @Field(() => [PlanTarget], { description: 'The 2023 baseline figures the plan starts from, cited.' })
  baselines!: PlanTarget[];
}

import { defineEnum, EnumValue } from '../../common/enum-type';
import { Embedded, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Provenance } from '../../common/provenance';

export const IndicatorKind = defineEnum('IndicatorKind', '指标类别 Whether a plan figure is a target or the starting point.', {
  TARGET: '目标 A target the plan sets for a year.',
  BASELINE: '基数 The 2023 baseline the plan starts from.',
});
export type IndicatorKind = EnumValue<typeof IndicatorKind>;

/** Kept for existing clients; `TargetShape` replaces it (a range used to read as AT_LEAST). */
export const IndicatorComparator = defineEnum(
  'IndicatorComparator',
  '目标表述（旧） How the plan words the figure; superseded by TargetShape, which tells a range (2至3) from a lower bound.',
  {
    AT_LEAST: '以上/超过/不少于 At least the value (also what a range 至 reads as here).',
    ABOUT: '左右 About the value.',
    EXACT: '达到 Reach the value.',
  },
);
export type IndicatorComparator = EnumValue<typeof IndicatorComparator>;

/** How the plan words a figure, which decides when a target is met. */
export const TargetShape = defineEnum(
  'TargetShape',
  '目标形态 How the plan words a figure, and so when a target is met. REACH and AT_LEAST: met when current ≥ min. RANGE: met when current ≥ min ' +
    '(going beyond max still counts: the plan states the range as an aim, not a cap). ABOUT: met only when current ≥ the stated value ' +
    '(min = max); the directory does not guess how far “about” stretches.',
  {
    REACH: '达到X Reach X (min = X, no max).',
    AT_LEAST: 'X以上 / 超过X / X余 X or more (min = X, no max).',
    ABOUT: 'X左右 About X (min = max = X, approximate).',
    RANGE: 'X至Y From X to Y (min = X, max = Y).',
  },
);
export type TargetShape = EnumValue<typeof TargetShape>;

/** The seven actions (七大行动) the plan is organised in. */
export const PlanActionCode = defineEnum('PlanActionCode', '七大行动 The seven actions the plan is organised in.', {
  COMPUTE_INFRASTRUCTURE: '算力设施“强基” Compute infrastructure: strengthen the base.',
  ALGORITHMS_AND_MODELS: '算法模型“铸魂” Algorithms and models: forge the soul.',
  DATA_ELEMENTS: '数据要素“提质” Data elements: raise the quality.',
  CORE_INDUSTRIES: '核心产业“固链” Core industries: secure the chain.',
  INNOVATION_PLATFORMS: '创新平台“领航” Innovation platforms: lead the way.',
  INDUSTRY_ECOSYSTEM: '产业生态“聚力” Industry ecosystem: pool the strength.',
  SCENARIO_APPLICATIONS: '场景应用“赋能” Scenario applications: empower.',
});
export type PlanActionCode = EnumValue<typeof PlanActionCode>;

/** The old comparator a shape reads as, for the deprecated `comparator` field. */
export function comparatorOf(shape: TargetShape): IndicatorComparator {
  if (shape === TargetShape.REACH) return IndicatorComparator.EXACT;
  if (shape === TargetShape.ABOUT) return IndicatorComparator.ABOUT;
  return IndicatorComparator.AT_LEAST;
}

/** A document a figure is cited from. */
export interface Citation {
  title: string;
  url: string | null;
  kind: string;
}

/**
 * A figure the action plan states: a target for a year, or the 2023 baseline. `metric` names how
 * the directory can compute the current value live (null when it cannot).
 */
@Entity({ tableName: 'plan_indicator' })
export class PlanIndicator {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'text', unique: true })
  key!: string;

  @Enum({ items: () => IndicatorKind })
  kind!: IndicatorKind;

  @Enum({ items: () => PlanActionCode })
  action!: PlanActionCode;

  @Property({ type: 'text' })
  titleZh!: string;

  @Property({ type: 'text' })
  titleEn!: string;

  @Property({ type: 'text' })
  unit!: string;

  @Property({ type: 'integer' })
  year!: number;

  /** The old single value (the lower bound); kept for the deprecated `target` field. */
  @Property({ type: 'double' })
  value!: number;

  @Property({ type: 'double' })
  minValue!: number;

  @Property({ type: 'double', nullable: true })
  maxValue?: number | null;

  @Property({ type: 'boolean' })
  approximate!: boolean;

  @Enum({ items: () => TargetShape })
  shape!: TargetShape;

  @Enum({ items: () => IndicatorComparator })
  comparator!: IndicatorComparator;

  @Property({ type: 'text', nullable: true })
  metric?: string | null;

  /** Every document the figure is cited from, the one in `provenance` included. */
  @Property({ type: 'jsonb' })
  citations!: Citation[];

  @Embedded(() => Provenance, { prefix: 'provenance_' })
  provenance!: Provenance;
}

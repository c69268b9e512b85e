import { Embedded, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Provenance } from '../../common/provenance';

export enum IndicatorKind {
  TARGET = 'TARGET',
  BASELINE = 'BASELINE',
}

/** Kept for existing clients; `TargetShape` replaces it (a range used to read as AT_LEAST). */
export enum IndicatorComparator {
  AT_LEAST = 'AT_LEAST',
  ABOUT = 'ABOUT',
  EXACT = 'EXACT',
}

/** How the plan words a figure, which decides when a target is met (see plan.types.ts). */
export enum TargetShape {
  /** 达到X: reach X. */
  REACH = 'REACH',
  /** X以上 / 超过X / X余: X or more. */
  AT_LEAST = 'AT_LEAST',
  /** X左右: about X. */
  ABOUT = 'ABOUT',
  /** X至Y: from X to Y. */
  RANGE = 'RANGE',
}

/** The seven actions (七大行动) the plan is organised in. */
export enum PlanActionCode {
  COMPUTE_INFRASTRUCTURE = 'COMPUTE_INFRASTRUCTURE',
  ALGORITHMS_AND_MODELS = 'ALGORITHMS_AND_MODELS',
  DATA_ELEMENTS = 'DATA_ELEMENTS',
  CORE_INDUSTRIES = 'CORE_INDUSTRIES',
  INNOVATION_PLATFORMS = 'INNOVATION_PLATFORMS',
  INDUSTRY_ECOSYSTEM = 'INDUSTRY_ECOSYSTEM',
  SCENARIO_APPLICATIONS = 'SCENARIO_APPLICATIONS',
}

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

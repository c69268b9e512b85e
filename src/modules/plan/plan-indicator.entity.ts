import { Embedded, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Provenance } from '../../common/provenance';

export enum IndicatorKind {
  TARGET = 'TARGET',
  BASELINE = 'BASELINE',
}

export enum IndicatorComparator {
  AT_LEAST = 'AT_LEAST',
  ABOUT = 'ABOUT',
  EXACT = 'EXACT',
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

  @Property({ type: 'text' })
  titleZh!: string;

  @Property({ type: 'text' })
  titleEn!: string;

  @Property({ type: 'text' })
  unit!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'double' })
  value!: number;

  @Enum({ items: () => IndicatorComparator })
  comparator!: IndicatorComparator;

  @Property({ type: 'text', nullable: true })
  metric?: string | null;

  @Embedded(() => Provenance, { prefix: 'provenance_' })
  provenance!: Provenance;
}

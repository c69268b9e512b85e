import { versionedRecord, VERSION_FOR_UPDATES } from '../../common/base-entity';
import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Enterprise } from '../enterprise/enterprise.entity';
import { FIGURE_UNITS, FirmFigureMetric } from './firm-figure.enums';

@Entity({ tableName: 'firm_figure' })
@Unique({ name: 'firm_figure_firm_year_metric_unique', properties: ['enterprise', 'year', 'metric'] })
@ObjectType({
  implements: Node,
  description:
    '企业年度指标 One yearly figure of a firm (营业收入, 从业人数 or 研发投入) with its own provenance. ' +
    'Figures of real firms come only from a cited source or an editor; the directory never estimates them. Sample firms carry SAMPLE figures.',
})
export class FirmFigure extends versionedRecord<'unit'>({ version: VERSION_FOR_UPDATES }) implements Node {
  @ManyToOne({ entity: () => Enterprise, deleteRule: 'cascade' })
  enterprise!: Enterprise;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The year the figure is for.' })
  year!: number;

  @Enum({ items: () => FirmFigureMetric })
  @Field(() => FirmFigureMetric, { description: 'What the figure measures.' })
  metric!: FirmFigureMetric;

  @Property({ type: 'double' })
  @Field(() => Float, { description: 'The value, in `unit`: 万元 for money, persons for headcount.' })
  value!: number;

  @Field({ description: 'Unit of `value`: 万元 (10,000 yuan) or 人 (persons).' })
  get unit(): string {
    return FIGURE_UNITS[this.metric];
  }
}

import { defineEnum, EnumValue } from '../../common/enum-type';
import { searchableRecord } from '../../common/base-entity';
import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Park } from '../park/park.entity';
import { ComputeKind } from './compute-center.enums';

export const ComputeCenterStatus = defineEnum('ComputeCenterStatus', '算力设施状态 Stage of a compute facility.', {
  PLANNED: '规划中 Planned.',
  UNDER_CONSTRUCTION: '建设中 Under construction.',
  OPERATIONAL: '已投运 Operational (at least its first phase).',
});
export type ComputeCenterStatus = EnumValue<typeof ComputeCenterStatus>;

@Entity({ tableName: 'compute_center' })
@ObjectType({
  implements: Node,
  description: '算力设施 A compute facility (智算、通算、超算或边缘计算中心) named by the action plan or a cited source.',
})
export class ComputeCenter extends searchableRecord() implements Node {
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Operator, in Chinese, as the source names it.' })
  operatorZh?: string | null;

  @Enum({ items: () => ComputeKind, nullable: true })
  @Field(() => ComputeKind, {
    nullable: true,
    description:
      '类别 Main kind of the facility (通算/智算/超算/边缘) where a source states it; null when no source does (a facility that mixes kinds lists each in `capacities`). `kindNote` says where it comes from.',
  })
  kind?: ComputeKind | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Which source states the kind, or why it is unknown.' })
  kindNote?: string | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, {
    nullable: true,
    description: '算力“一张网” Whether the facility is part of the citywide compute network; null when no source says (the case for every seeded facility).',
  })
  inComputeNetwork?: boolean | null;

  @Enum({ items: () => ComputeCenterStatus })
  @Field(() => ComputeCenterStatus, { description: 'Stage of the facility.' })
  status!: ComputeCenterStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;

  @ManyToOne({ entity: () => Park, nullable: true, deleteRule: 'set null', index: 'compute_center_park_id_index' })
  park?: Park | null;
}

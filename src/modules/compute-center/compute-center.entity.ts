import { OptionalProps, Embedded, Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import { Node } from '../../common/node';
import { Provenance } from '../../common/provenance';
import { Park } from '../park/park.entity';

export enum ComputeCenterStatus {
  PLANNED = 'PLANNED',
  UNDER_CONSTRUCTION = 'UNDER_CONSTRUCTION',
  OPERATIONAL = 'OPERATIONAL',
}

registerEnumType(ComputeCenterStatus, {
  name: 'ComputeCenterStatus',
  description: '算力设施状态 Stage of a compute facility.',
  valuesConfig: {
    PLANNED: { description: '规划中 Planned.' },
    UNDER_CONSTRUCTION: { description: '建设中 Under construction.' },
    OPERATIONAL: { description: '已投运 Operational (at least its first phase).' },
  },
});

@Entity({ tableName: 'compute_center' })
@ObjectType({ implements: Node, description: '算力设施 A compute facility (智算中心) named by the action plan or a cited source.' })
export class ComputeCenter implements Node {
  [OptionalProps]?: 'globalId';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'text' })
  @Field({ description: 'Chinese name.' })
  nameZh!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Operator, in Chinese, as the source names it.' })
  operatorZh?: string | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Intelligent compute capacity in PFLOPS, when a source states it.' })
  capacityPflops?: number | null;

  @Enum({ items: () => ComputeCenterStatus })
  @Field(() => ComputeCenterStatus, { description: 'Stage of the facility.' })
  status!: ComputeCenterStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;

  @ManyToOne({ entity: () => Park, nullable: true, deleteRule: 'set null', index: 'compute_center_park_id_index' })
  park?: Park | null;

  @Embedded(() => Provenance, { prefix: 'provenance_' })
  @Field(() => Provenance, { description: 'Where this record came from.' })
  provenance!: Provenance;

  get globalId(): string {
    return toGlobalId('ComputeCenter', this.id);
  }
}

import { namedRecord } from '../../common/base-entity';
import { Collection, Entity, Enum, ManyToMany, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Sector } from '../sector/sector.entity';
import { LargeModelDomain, LargeModelStatus } from './large-model.enums';

@Entity({ tableName: 'large_model' })
@ObjectType({ implements: Node, description: '大模型 A large-model product developed by firms in the directory.' })
export class LargeModel extends namedRecord() implements Node {
  @Enum({ items: () => LargeModelDomain })
  @Field(() => LargeModelDomain, { description: 'Application domain (海洋, 城轨, 港口, 金融, 政务, 医养).' })
  domain!: LargeModelDomain;

  @Enum({ items: () => LargeModelStatus })
  @Field(() => LargeModelStatus, { description: 'Stage of the product.' })
  status!: LargeModelStatus;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Year of first release, when released.' })
  releasedYear?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;

  @ManyToMany({ entity: () => Enterprise, pivotTable: 'large_model_developer', joinColumn: 'large_model_id', inverseJoinColumn: 'enterprise_id' })
  developerCollection = new Collection<Enterprise>(this);

  @ManyToMany({ entity: () => Sector, pivotTable: 'large_model_sector', joinColumn: 'large_model_id', inverseJoinColumn: 'sector_code' })
  sectorCollection = new Collection<Sector>(this);
}

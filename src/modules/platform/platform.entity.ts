import { aliasedRecord } from '../../common/base-entity';
import { Collection, Entity, Enum, ManyToMany, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Institution } from '../institution/institution.entity';
import { Park } from '../park/park.entity';
import { Sector } from '../sector/sector.entity';
import { PlatformKind, PlatformLevel } from '../../common/vocabulary/platform.enums';

@Entity({ tableName: 'innovation_platform' })
@ObjectType({ implements: Node, description: '创新平台 An innovation platform: lab, technology centre, public service platform.' })
export class InnovationPlatform extends aliasedRecord({ aliases: 'Other names (别名).' }) implements Node {
  @Enum({ items: () => PlatformKind })
  @Field(() => PlatformKind, { description: 'Kind of platform.' })
  kind!: PlatformKind;

  @Enum({ items: () => PlatformLevel })
  @Field(() => PlatformLevel, { description: 'Level: national, provincial or municipal.' })
  level!: PlatformLevel;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Year the platform was established or recognised.' })
  foundedYear?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;

  @ManyToOne({ entity: () => Park, nullable: true, deleteRule: 'set null', index: 'innovation_platform_park_id_index' })
  park?: Park | null;

  @ManyToMany({ entity: () => Enterprise, pivotTable: 'platform_host', joinColumn: 'platform_id', inverseJoinColumn: 'enterprise_id' })
  hostCollection = new Collection<Enterprise>(this);

  @ManyToMany({ entity: () => Institution, pivotTable: 'platform_institution_host', joinColumn: 'platform_id', inverseJoinColumn: 'institution_id' })
  institutionHostCollection = new Collection<Institution>(this);

  @ManyToMany({ entity: () => Sector, pivotTable: 'platform_sector', joinColumn: 'platform_id', inverseJoinColumn: 'sector_code' })
  sectorCollection = new Collection<Sector>(this);
}

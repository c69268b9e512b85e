import { aliasedRecord, VERSION_FOR_UPDATES } from '../../common/base-entity';
import { Collection, Entity, Enum, ManyToMany, Property } from '@mikro-orm/core';
import { GraphQLURL } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Park } from '../park/park.entity';
import { Sector } from '../sector/sector.entity';
import { ChainLayer } from '../../common/vocabulary/chain-layer.enum';
import { QINGDAO, SHANDONG } from '../../common/vocabulary/cities';
import { Presence } from '../../common/vocabulary/presence.enum';

@Entity({ tableName: 'enterprise' })
@ObjectType({ implements: Node, description: '企业 A firm in the AI industry chain.' })
export class Enterprise
  extends aliasedRecord<'headquartersCity' | 'headquartersProvince' | 'presence'>({
    version: VERSION_FOR_UPDATES,
    nameZh: 'Registered Chinese name.',
    aliases: 'Short names and former names (简称).',
  })
  implements Node
{
  @Property({ type: 'text', nullable: true, unique: 'enterprise_credit_code_unique' })
  @Field(() => String, {
    nullable: true,
    description: '统一社会信用代码 Unified social credit code (18 characters, GB 32100-2015), when known.',
  })
  creditCode?: string | null;

  @Enum({ items: () => ChainLayer })
  @Field(() => ChainLayer, { description: 'Layer of the industry chain: 基础层, 技术层 or 应用层.' })
  layer!: ChainLayer;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Year the firm was founded.' })
  foundedYear?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => GraphQLURL, { nullable: true, description: 'Website.' })
  website?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the firm does, Chinese first, English after.' })
  summary?: string | null;

  /** Chinese name of the headquarters' city, one of seeds/cities.json; the API answers `headquarters`. */
  @Property({ type: 'text', default: QINGDAO })
  headquartersCity: string = QINGDAO;

  /** Province of headquartersCity, kept beside it for filters and facets. */
  @Property({ type: 'text', default: SHANDONG })
  headquartersProvince: string = SHANDONG;

  @Enum({ items: () => Presence, default: Presence.LOCAL })
  @Field(() => Presence, {
    description: '在青布局 Whether the firm is in Qingdao: LOCAL, OUTSIDE (a 招商 target) or BOTH (headquartered elsewhere, branch here).',
  })
  presence: Presence = Presence.LOCAL;

  @ManyToMany({ entity: () => Sector, pivotTable: 'enterprise_sector', joinColumn: 'enterprise_id', inverseJoinColumn: 'sector_code' })
  sectorCollection = new Collection<Sector>(this);

  @ManyToMany({ entity: () => Park, pivotTable: 'enterprise_park', joinColumn: 'enterprise_id', inverseJoinColumn: 'park_id' })
  parkCollection = new Collection<Park>(this);
}

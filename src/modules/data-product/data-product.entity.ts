import { aliasedRecord, VERSION_FOR_UPDATES } from '../../common/base-entity';
import { Collection, Entity, Enum, ManyToMany, ManyToOne, Property } from '@mikro-orm/core';
import { GraphQLDate } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Sector } from '../sector/sector.entity';
import { DataProductKind } from './data-product.enums';

@Entity({ tableName: 'data_product' })
@ObjectType({
  implements: Node,
  description: '数据产品 A data product (数据要素“提质”): a dataset, data API, model service or labelled corpus a firm offers, and the exchange that lists it.',
})
export class DataProduct extends aliasedRecord({ version: VERSION_FOR_UPDATES, aliases: 'Other names (别名), e.g. the listing code.' }) implements Node {
  @Enum({ items: () => DataProductKind })
  @Field(() => DataProductKind, { description: 'Kind of product.' })
  kind!: DataProductKind;

  @ManyToOne({ entity: () => Enterprise, nullable: true, deleteRule: 'set null', index: 'data_product_provider_id_index' })
  provider?: Enterprise | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: '挂牌交易所 The data exchange that lists it (e.g. 青岛海洋数据交易平台), as the source names it; null when not listed.',
  })
  exchange?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: '挂牌日期 Date the exchange listed it; null when not listed or unknown.' })
  listedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;

  @ManyToMany({ entity: () => Sector, pivotTable: 'data_product_sector', joinColumn: 'data_product_id', inverseJoinColumn: 'sector_code' })
  sectorCollection = new Collection<Sector>(this);
}

import { Embedded, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Provenance } from '../../common/provenance';
import { DistrictKind } from './district-kind.enum';

@Entity({ tableName: 'district' })
@ObjectType({
  description:
    '行政区划与功能区 A Qingdao administrative division (7 个区, 3 个县级市) or functional zone (西海岸新区, 高新区, …), with the names it goes by. District filters take any of these names.',
})
export class District {
  /** Stable ASCII key (e.g. huangdao); the reference's own, never shown. */
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Property({ type: 'text', unique: true })
  @Field({ description: 'Canonical Chinese name, e.g. 黄岛区; filters and facets report this name.' })
  nameZh!: string;

  @Property({ type: 'text' })
  @Field({ description: 'English name, e.g. Huangdao District.' })
  nameEn!: string;

  @Enum({ items: () => DistrictKind, nativeEnumName: undefined })
  @Field(() => DistrictKind, { description: 'Administrative division or functional zone.' })
  kind!: DistrictKind;

  /** For a functional zone: the code of the division it lies in, when a source says so. */
  @Property({ type: 'text', nullable: true })
  divisionCode?: string | null;

  @Property({ type: 'boolean', default: false })
  @Field({
    description: 'For a functional zone: whether it covers exactly the area of its division (西海岸新区 = 黄岛区), so either name selects the same parks.',
  })
  coextensive: boolean = false;

  @Property({ type: 'text[]', default: '{}' })
  @Field(() => [String], { description: 'Other names a filter accepts (别名), e.g. 黄岛, 青岛西海岸新区.' })
  aliases: string[] = [];

  /** Display order: divisions first, in the usual official order, then functional zones. */
  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Display order: districts, then county-level cities, then functional zones.' })
  position!: number;

  @Embedded(() => Provenance, { prefix: 'provenance_' })
  @Field(() => Provenance, { description: 'Where this record came from.' })
  provenance!: Provenance;
}

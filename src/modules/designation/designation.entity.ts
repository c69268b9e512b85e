import { versionedRecord, VERSION_FOR_UPDATES } from '../../common/base-entity';
import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { DesignationKind, DesignationLevel } from '../../common/vocabulary/designation.enums';
import { Enterprise } from '../enterprise/enterprise.entity';

@Entity({ tableName: 'firm_designation' })
@Unique({ name: 'firm_designation_firm_kind_level_unique', properties: ['enterprise', 'kind', 'level'] })
@ObjectType({
  implements: Node,
  description:
    '企业资质认定 A recognition a firm holds (专精特新, “小巨人”, 高新技术企业, 瞪羚, 独角兽, 链主): its kind, the level that granted it and the year. ' +
    'A firm holds each kind at each level at most once; a renewal changes the year.',
})
export class Designation extends versionedRecord({ version: VERSION_FOR_UPDATES }) implements Node {
  @ManyToOne({ entity: () => Enterprise, deleteRule: 'cascade' })
  enterprise!: Enterprise;

  @Enum({ items: () => DesignationKind })
  @Field(() => DesignationKind, { description: 'Kind of recognition.' })
  kind!: DesignationKind;

  @Enum({ items: () => DesignationLevel })
  @Field(() => DesignationLevel, { description: 'Level of the government that granted it (国家级, 省级, 市级).' })
  level!: DesignationLevel;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Year granted (认定年份), or of the latest renewal.' })
  year!: number;
}

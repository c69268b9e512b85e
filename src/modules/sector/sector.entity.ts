import { OptionalProps, Embedded, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import { Node } from '../../common/node';
import { Provenance } from '../../common/provenance';
import { SectorCode } from './sector-code.enum';

@Entity({ tableName: 'sector' })
@ObjectType({ implements: Node, description: '重点领域 One of the eight focus sectors of "AI+" application named by the action plan.' })
export class Sector implements Node {
  [OptionalProps]?: 'globalId';

  @PrimaryKey({ type: 'text' })
  @Field(() => SectorCode, { description: 'Fixed code of the sector.' })
  code!: SectorCode;

  @Property({ type: 'text' })
  @Field({ description: 'Chinese name, e.g. 智慧海洋.' })
  nameZh!: string;

  @Property({ type: 'text' })
  @Field({ description: 'English name, e.g. Smart ocean.' })
  nameEn!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the sector covers, Chinese first, English after.' })
  description?: string | null;

  /** Display order: the order in which the plan lists the sectors. */
  @Property({ type: 'integer' })
  position!: number;

  @Embedded(() => Provenance, { prefix: 'provenance_' })
  @Field(() => Provenance, { description: 'Where this record came from.' })
  provenance!: Provenance;

  get globalId(): string {
    return toGlobalId('Sector', this.code);
  }
}

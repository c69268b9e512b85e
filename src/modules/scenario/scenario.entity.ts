import { searchableRecord } from '../../common/base-entity';
import { Collection, Entity, Enum, ManyToMany, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Park } from '../park/park.entity';
import { Sector } from '../sector/sector.entity';
import { ScenarioStatus } from '../../common/vocabulary/scenario-status.enum';

@Entity({ tableName: 'scenario' })
@ObjectType({ implements: Node, description: '“人工智能+”应用场景 An "AI+" application scenario in one focus sector.' })
export class Scenario extends searchableRecord() implements Node {
  @ManyToOne({ entity: () => Sector, fieldName: 'sector_code', index: 'scenario_sector_code_index' })
  sector!: Sector;

  @Enum({ items: () => ScenarioStatus })
  @Field(() => ScenarioStatus, { description: 'Stage of the scenario.' })
  status!: ScenarioStatus;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Year the scenario was opened or reached its current status.' })
  year?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;

  @ManyToOne({ entity: () => Park, nullable: true, deleteRule: 'set null', index: 'scenario_park_id_index' })
  park?: Park | null;

  @ManyToMany({ entity: () => Enterprise, pivotTable: 'scenario_provider', joinColumn: 'scenario_id', inverseJoinColumn: 'enterprise_id' })
  providerCollection = new Collection<Enterprise>(this);
}

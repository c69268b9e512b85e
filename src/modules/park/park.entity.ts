import { aliasedRecord } from '../../common/base-entity';
import { Collection, Entity, Enum, ManyToMany, Property } from '@mikro-orm/core';
import { GraphQLLatitude, GraphQLLongitude } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Provenance, ProvenanceKind } from '../../common/provenance';
import { Sector } from '../sector/sector.entity';
import { ParkRole } from './park-role.enum';

@Entity({ tableName: 'park' })
@ObjectType({ implements: Node, description: '产业园区 An industrial park that hosts AI firms (a carrier area of the action plan).' })
export class Park
  extends aliasedRecord({
    version: 'Version number, incremented on every change; used for optimistic concurrency.',
    nameZh: 'Chinese name, as the action plan names the park.',
    aliases: 'Other names the park is known by (别名).',
  })
  implements Node
{
  @Property({ type: 'text' })
  @Field({ description: 'District (区/市) in Chinese, e.g. 崂山区.' })
  district!: string;

  @Enum({ items: () => ParkRole })
  @Field(() => ParkRole, { description: 'Role in the plan: 主承载区 (PRIMARY) or 特色承载区 (FEATURED).' })
  role!: ParkRole;

  @Property({ type: 'double', nullable: true })
  @Field(() => GraphQLLatitude, { nullable: true, description: 'Latitude (WGS84); see provenance.note for approximations.' })
  latitude?: number | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => GraphQLLongitude, { nullable: true, description: 'Longitude (WGS84); see provenance.note for approximations.' })
  longitude?: number | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Year the park was founded or opened, when known.' })
  foundedYear?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;

  @ManyToMany({ entity: () => Sector, pivotTable: 'park_focus_sector', joinColumn: 'park_id', inverseJoinColumn: 'sector_code' })
  focusSectorCollection = new Collection<Sector>(this);
}

/**
 * The provenance of a park's focus sectors. Cited parks get theirs from the editors, who read
 * them off the park's described focus; a park someone entered or invented carries its own.
 */
export function focusSectorsProvenance(park: Provenance): Provenance {
  if (park.kind !== ProvenanceKind.OFFICIAL_PLAN && park.kind !== ProvenanceKind.PUBLIC_SOURCE && park.kind !== ProvenanceKind.EDITORIAL) return park;
  return Object.assign(new Provenance(), {
    kind: ProvenanceKind.EDITORIAL,
    source: '本项目编辑整理 Written or inferred by the project’s editors',
    url: null,
    verifiedAt: park.verifiedAt ?? null,
    note: '行动计划没有给园区指定重点领域；这些领域是编辑根据园区公开介绍的主要方向归纳的。 The plan assigns no sectors to parks; the editors read these off the park’s described focus in its cited source.',
  });
}

import { defineEnum, EnumValue } from './enum-type';
import { Embeddable, Enum, Property } from '@mikro-orm/core';
import { GraphQLDate, GraphQLURL } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

/** Where a record came from. Every record carries one. */
export const ProvenanceKind = defineEnum('ProvenanceKind', '数据来源类别 Kind of source a record comes from.', {
  OFFICIAL_PLAN: '官方规划文件 Stated in the official action plan document.',
  PUBLIC_SOURCE: '公开来源 Taken from a cited public source (news, official website).',
  SAMPLE: '示例数据 Invented sample data for demonstration; not a real organisation.',
  USER_ENTERED: '用户录入 Entered or corrected by data staff through the API.',
  SYNTHETIC: '合成数据 Generated synthetic data for benchmarks; not real.',
  EDITORIAL:
    '编辑整理 Written or inferred by the project’s editors (e.g. sector descriptions, a park’s focus sectors, a status the sources imply but do not state); not stated by the plan or a source. `note` says what it rests on.',
});
export type ProvenanceKind = EnumValue<typeof ProvenanceKind>;

/**
 * Kinds that rest on evidence: a cited document or a person answerable for the entry. Only these
 * count towards the plan's figures; EDITORIAL, SAMPLE and SYNTHETIC records are shown beside them.
 */
export const EVIDENCE_KINDS: readonly ProvenanceKind[] = [ProvenanceKind.OFFICIAL_PLAN, ProvenanceKind.PUBLIC_SOURCE, ProvenanceKind.USER_ENTERED];

/** Kinds whose records are invented: nobody checked them against anything, so they carry no verifiedAt. */
export const INVENTED_KINDS: readonly ProvenanceKind[] = [ProvenanceKind.SAMPLE, ProvenanceKind.SYNTHETIC];

@Embeddable()
@ObjectType({ description: '数据来源 Where a record came from and when it was last checked.' })
export class Provenance {
  @Enum({ items: () => ProvenanceKind, nativeEnumName: undefined })
  @Field(() => ProvenanceKind, { description: 'Kind of source.' })
  kind!: ProvenanceKind;

  @Property({ type: 'text' })
  @Field({ description: 'Title of the source (document, web page or dataset).' })
  source!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => GraphQLURL, { nullable: true, description: 'Address of the source, when it has one.' })
  url?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'Date the record was last checked against its source; null for SAMPLE and SYNTHETIC records, which were never checked against anything.',
  })
  verifiedAt?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Caveats about this record, e.g. which fields are approximations.' })
  note?: string | null;
}

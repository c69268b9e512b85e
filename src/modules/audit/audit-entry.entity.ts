import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * One write to the directory: who, when, which record, what changed. Written in the same
 * transaction as the write it records (see common/editing/audit.ts), never updated or deleted.
 */
@Entity({ tableName: 'audit_entry' })
@Index({ name: 'audit_entry_record_index', properties: ['recordId', 'id'] })
@ObjectType({ description: '审计记录 One write to the directory: who made it, when, to which record, and what changed.' })
export class AuditEntry {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'clock_timestamp()' })
  @Field(() => Date, { description: 'When the write was made (server time, ISO 8601).' })
  at!: Date;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Number of the API key that signed the write; null for the import command line.' })
  actorKeyId?: number | null;

  @Property({ type: 'text' })
  @Field({ description: 'Name of the API key (or operator) that made the write, e.g. 市北区招商局.' })
  actorName!: string;

  @Property({ type: 'text' })
  @Field({ description: 'CREATE, UPDATE, DELETE, LINK or UNLINK.' })
  action!: string;

  @Property({ type: 'text' })
  @Field({ description: 'Type of the record written, e.g. Enterprise.' })
  recordType!: string;

  @Property({ type: 'text' })
  @Field(() => ID, { description: 'Global ID of the record written (it may since have been deleted).' })
  recordId!: string;

  @Property({ type: 'jsonb', default: '{}' })
  @Field(() => GraphQLJSONObject, { description: 'Changed fields: { field: { before, after } }. Links name the other record by global ID.' })
  changes!: Record<string, unknown>;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Import batch this entry belongs to; every row of one import shares it.' })
  batchId?: string | null;
}

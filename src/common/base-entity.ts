import { BeforeCreate, BeforeUpdate, Embedded, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { toGlobalId } from './global-id';
import { Provenance } from './provenance';
import { searchColumns } from './search-text';

/** The schema's description of `version` when a type says nothing more about it. */
const VERSION = 'Version number, incremented on every change.';

/** The wording of `version` for the types whose update mutations take `expectedVersion`. */
export const VERSION_FOR_UPDATES = 'Version number, incremented on every change; send it back as expectedVersion when updating.';

/** How a type words the fields its base record gives it. */
export interface RecordOptions {
  /** Description of `version`. */
  version?: string;
}

/** A named record's own wording of its names. */
export interface NamedRecordOptions extends RecordOptions {
  /** Description of `nameZh` (default: "Chinese name."). */
  nameZh?: string;
  /** Description of `nameEn` (default: "English name."). */
  nameEn?: string;
}

export interface AliasedRecordOptions extends NamedRecordOptions {
  /** Description of `aliases`: which other names the type keeps. */
  aliases: string;
}

/** The properties `em.create` may leave out on every record: the database or the ORM fills them. */
type RecordDefaults = 'globalId' | 'version' | 'createdAt' | 'updatedAt';

/** The search columns, which the hook below fills. */
type SearchDefaults = 'searchText' | 'searchPinyin' | 'searchInitials' | 'namePinyin';

/*
 * The bases are factories, so that each type keeps its own wording of the inherited fields in the
 * schema; `Optional` adds a type's own defaulted properties to
 * MikroORM's OptionalProps. MikroORM reads the columns through the prototype chain, as it does
 * for any custom base entity, and keys a base's metadata by its class name: each class name below
 * must therefore always carry the same columns. The ObjectType names are never in the schema (no
 * field returns a base); their fields are inherited by the types.
 */
let bases = 0;

/**
 * What every record that mutations edit carries: an integer id, its global ID (which names the
 * class: the GraphQL type, as Node's resolveType assumes), its version (optimistic concurrency), where it came from, and when it was written.
 */
export function versionedRecord<Optional extends string = never>(options: RecordOptions = {}) {
  @ObjectType(`VersionedRecord${++bases}`)
  abstract class VersionedRecord {
    [OptionalProps]?: RecordDefaults | Optional;

    @PrimaryKey({ type: 'integer', autoincrement: true })
    id!: number;

    @Property({ version: true, type: 'integer' })
    @Field(() => Int, { description: options.version ?? VERSION })
    version!: number;

    @Embedded(() => Provenance, { prefix: 'provenance_' })
    @Field(() => Provenance, { description: 'Where this record came from.' })
    provenance!: Provenance;

    @Property({ type: 'timestamptz', defaultRaw: 'now()' })
    createdAt: Date = new Date();

    @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
    updatedAt: Date = new Date();

    get globalId(): string {
      return toGlobalId(this.constructor.name, this.id);
    }
  }
  return VersionedRecord;
}

/** A versioned record with a Chinese name and an optional English one. */
export function namedRecord<Optional extends string = never>(options: NamedRecordOptions = {}) {
  @ObjectType(`NamedRecord${++bases}`)
  abstract class NamedRecord extends versionedRecord<Optional>(options) {
    @Property({ type: 'text' })
    @Field({ description: options.nameZh ?? 'Chinese name.' })
    nameZh!: string;

    @Property({ type: 'text', nullable: true })
    @Field(() => String, { nullable: true, description: options.nameEn ?? 'English name.' })
    nameEn?: string | null;
  }
  return NamedRecord;
}

/**
 * A named record found by `search`: besides its names it stores their romanisations (not in the
 * schema), filled on every ORM write by the hook below so the database can index and rank them.
 * Raw-SQL writers refresh them through src/common/search-columns.ts.
 */
export function searchableRecord<Optional extends string = never>(options: NamedRecordOptions = {}) {
  @ObjectType(`SearchableRecord${++bases}`)
  abstract class SearchableRecord extends namedRecord<Optional | SearchDefaults>(options) {
    @Property({ type: 'text', default: '' })
    searchText = '';

    @Property({ type: 'text', default: '' })
    searchPinyin = '';

    @Property({ type: 'text', default: '' })
    searchInitials = '';

    /** Sort key of the Chinese name in pinyin order. */
    @Property({ type: 'text', default: '' })
    namePinyin = '';

    @BeforeCreate()
    @BeforeUpdate()
    fillSearchColumns(): void {
      Object.assign(this, searchColumns(this.nameZh, this.nameEn, (this as { aliases?: string[] }).aliases ?? []));
    }
  }
  return SearchableRecord;
}

/** A searchable record that also keeps other names (别名), which search matches too. */
export function aliasedRecord<Optional extends string = never>(options: AliasedRecordOptions) {
  @ObjectType(`AliasedRecord${++bases}`)
  abstract class AliasedRecord extends searchableRecord<Optional | 'aliases'>(options) {
    @Property({ type: 'text[]', default: '{}' })
    @Field(() => [String], { description: options.aliases })
    aliases: string[] = [];
  }
  return AliasedRecord;
}

import { BeforeCreate, BeforeUpdate, Embedded, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Provenance } from './provenance';
import { searchColumns } from './search-text';

/** The schema's description of `version` when a type says nothing more about it. */
const VERSION = 'Version number, incremented on every change.';

/**
 * What every record that mutations edit carries: its version (optimistic concurrency), where it
 * came from, and when it was written. A factory, so that a type can keep its own wording of the
 * `version` field in the schema; MikroORM reads the columns through the prototype chain, as it
 * does for any custom base entity.
 */
let bases = 0;

export function versionedRecord(versionDescription = VERSION) {
  // Never in the schema itself (no field returns it): its fields are inherited by the types.
  @ObjectType(`VersionedRecord${++bases}`)
  abstract class VersionedRecord {
    @Property({ version: true, type: 'integer' })
    @Field(() => Int, { description: versionDescription })
    version!: number;

    @Embedded(() => Provenance, { prefix: 'provenance_' })
    @Field(() => Provenance, { description: 'Where this record came from.' })
    provenance!: Provenance;

    @Property({ type: 'timestamptz', defaultRaw: 'now()' })
    createdAt: Date = new Date();

    @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
    updatedAt: Date = new Date();
  }
  return VersionedRecord;
}

/**
 * A versioned record found by `search`: besides the base columns it stores romanisations of its
 * names (not in the schema), filled on every ORM write by the hook below so the database can
 * index and rank them. Raw-SQL writers refresh them through src/common/search-columns.ts.
 */
export function searchableRecord(versionDescription = VERSION) {
  @ObjectType(`SearchableRecord${++bases}`)
  abstract class SearchableRecord extends versionedRecord(versionDescription) {
    abstract nameZh: string;
    abstract nameEn?: string | null;

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

import { Migration } from '@mikro-orm/migrations';
import { readDistrictSeeds } from '../seed/district-seeds';

/**
 * The district reference (issue 12): Qingdao's administrative divisions and functional zones with
 * their aliases and provenance, loaded from seeds/districts.json, and the `district_name` view
 * (every name a filter accepts → the entry's code). Park rows keep their `district` text; the
 * reference resolves it, so existing databases need no data change and lose nothing.
 */
export class Migration20261202110000_districts extends Migration {
  override async up(): Promise<void> {
    await this.execute(
      `create table "district" ("code" text primary key, "name_zh" text not null unique, "name_en" text not null,` +
        ` "kind" text check ("kind" in ('DISTRICT', 'COUNTY_CITY', 'FUNCTIONAL_ZONE')) not null,` +
        ` "division_code" text null references "district" ("code"), "coextensive" boolean not null default false,` +
        ` "aliases" text[] not null default '{}', "position" int not null,` +
        ` "provenance_kind" text check ("provenance_kind" in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'EDITORIAL', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC')) not null,` +
        ` "provenance_source" text not null, "provenance_url" text null, "provenance_verified_at" date null, "provenance_note" text null)`,
    );
    await this.execute(
      `create view "district_name" as select code, name_zh as name from district union select code, name_en from district` +
        ` union select code, unnest(aliases) from district`,
    );
    // Divisions first, so every zone's division exists when the zone is inserted.
    const rows = readDistrictSeeds().sort((a, b) => Number(a.division !== null) - Number(b.division !== null));
    for (const r of rows) {
      await this.execute(
        `insert into "district" ("code", "name_zh", "name_en", "kind", "division_code", "coextensive", "aliases", "position",` +
          ` "provenance_kind", "provenance_source", "provenance_url", "provenance_verified_at", "provenance_note")` +
          ` values (?, ?, ?, ?, ?, ?, array(select jsonb_array_elements_text(cast(? as jsonb))), ?, ?, ?, ?, cast(? as date), ?)`,
        [
          r.code,
          r.nameZh,
          r.nameEn,
          r.kind,
          r.division,
          r.coextensive,
          JSON.stringify(r.aliases),
          r.position,
          r.provenance.kind,
          r.provenance.source,
          r.provenance.url,
          r.provenance.verifiedAt,
          r.provenance.note,
        ],
      );
    }
  }

  override async down(): Promise<void> {
    await this.execute('drop view if exists "district_name"');
    await this.execute('drop table if exists "district" cascade');
  }
}

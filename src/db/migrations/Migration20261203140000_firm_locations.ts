import { Migration } from '@mikro-orm/migrations';

/**
 * Where a firm is (issue 14): the city and province of its headquarters, from the reference list
 * in seeds/cities.json, and whether it is present in Qingdao (LOCAL, OUTSIDE, BOTH). Every firm
 * already in the directory is a Qingdao firm, so existing rows take LOCAL and 青岛市 / 山东省 through
 * the column defaults: no row is rewritten by hand and none is lost.
 */
export class Migration20261203140000_firm_locations extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "enterprise" add column if not exists "headquarters_city" text not null default '青岛市',` +
        ` add column if not exists "headquarters_province" text not null default '山东省',` +
        ` add column if not exists "presence" text not null default 'LOCAL'`,
    );
    this.addSql(
      `alter table "enterprise" add constraint "enterprise_presence_check" check ("presence" in ('LOCAL', 'OUTSIDE', 'BOTH')),` +
        ` add constraint "enterprise_presence_city_check" check (("presence" = 'LOCAL') = ("headquarters_city" = '青岛市'))`,
    );
    this.addSql(`create index "enterprise_presence_index" on "enterprise" ("presence")`);
    this.addSql(`create index "enterprise_headquarters_province_index" on "enterprise" ("headquarters_province", "headquarters_city")`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "enterprise" drop constraint if exists "enterprise_presence_city_check", drop constraint if exists "enterprise_presence_check",` +
        ` drop column if exists "presence", drop column if exists "headquarters_province", drop column if exists "headquarters_city"`,
    );
  }
}

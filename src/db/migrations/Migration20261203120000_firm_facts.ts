import { Migration } from '@mikro-orm/migrations';

const PROVENANCE_COLUMNS =
  `"version" int not null default 1,` +
  ` "provenance_kind" text check ("provenance_kind" in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'EDITORIAL', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC')) not null,` +
  ` "provenance_source" text not null, "provenance_url" text null, "provenance_verified_at" date null, "provenance_note" text null,` +
  ` "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now()`;

/**
 * Firm facts (issue 13): a firm's recognitions (专精特新, “小巨人”, 高新技术企业, 瞪羚, 独角兽, 链主),
 * its yearly figures (revenue and R&D spending in 万元, headcount) and the data products firms
 * offer. New tables only: existing rows are untouched, so it runs on a database that holds data.
 * Sample rows come from the seeds, not from here.
 */
export class Migration20261203120000_firm_facts extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "firm_designation" ("id" serial primary key,` +
        ` "enterprise_id" int not null references "enterprise" ("id") on update cascade on delete cascade,` +
        ` "kind" text check ("kind" in ('SPECIALIZED_SME', 'LITTLE_GIANT', 'HIGH_TECH', 'GAZELLE', 'UNICORN', 'CHAIN_LEADER')) not null,` +
        ` "level" text check ("level" in ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL')) not null,` +
        ` "year" int not null check ("year" between 1900 and 2200), ${PROVENANCE_COLUMNS},` +
        ` constraint "firm_designation_firm_kind_level_unique" unique ("enterprise_id", "kind", "level"));`,
    );
    this.addSql(`create index "firm_designation_kind_level_index" on "firm_designation" ("kind", "level", "enterprise_id");`);

    this.addSql(
      `create table "firm_figure" ("id" serial primary key,` +
        ` "enterprise_id" int not null references "enterprise" ("id") on update cascade on delete cascade,` +
        ` "year" int not null check ("year" between 1900 and 2200),` +
        ` "metric" text check ("metric" in ('REVENUE', 'HEADCOUNT', 'RD_SPENDING')) not null,` +
        ` "value" double precision not null check ("value" >= 0), ${PROVENANCE_COLUMNS},` +
        ` constraint "firm_figure_firm_year_metric_unique" unique ("enterprise_id", "year", "metric"));`,
    );
    this.addSql(`create index "firm_figure_year_metric_index" on "firm_figure" ("year", "metric");`);

    this.addSql(
      `create table "data_product" ("id" serial primary key, "name_zh" text not null, "name_en" text null, "aliases" text[] not null default '{}',` +
        ` "kind" text check ("kind" in ('DATASET', 'DATA_API', 'MODEL_SERVICE', 'LABELLED_CORPUS')) not null,` +
        ` "provider_id" int null references "enterprise" ("id") on update cascade on delete set null,` +
        ` "exchange" text null, "listed_on" date null, "description" text null, ${PROVENANCE_COLUMNS},` +
        ` "search_text" text not null default '', "search_pinyin" text not null default '', "search_initials" text not null default '',` +
        ` "name_pinyin" text not null default '');`,
    );
    this.addSql(`create index "data_product_provider_id_index" on "data_product" ("provider_id", "id");`);
    for (const column of ['search_text', 'search_pinyin', 'search_initials']) {
      this.addSql(`create index "data_product_${column}_trgm" on "data_product" using gin ("${column}" gin_trgm_ops);`);
    }
    this.addSql(`create index "data_product_name_pinyin_index" on "data_product" ("name_pinyin" collate "C", "id");`);

    this.addSql(
      `create table "data_product_sector" ("data_product_id" int not null references "data_product" ("id") on update cascade on delete cascade,` +
        ` "sector_code" text not null references "sector" ("code") on update cascade on delete cascade,` +
        ` constraint "data_product_sector_pkey" primary key ("data_product_id", "sector_code"));`,
    );
    this.addSql(`create index "data_product_sector_sector_code_index" on "data_product_sector" ("sector_code", "data_product_id");`);
  }

  override async down(): Promise<void> {
    for (const table of ['data_product_sector', 'data_product', 'firm_figure', 'firm_designation']) this.addSql(`drop table if exists "${table}" cascade;`);
  }
}

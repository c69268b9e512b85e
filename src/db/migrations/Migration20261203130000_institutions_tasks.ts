import { Migration } from '@mikro-orm/migrations';

const PROVENANCE_KINDS = `'OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC', 'EDITORIAL'`;

/** The columns every edited, searched record carries (see src/common/base-entity.ts). */
const RECORD_COLUMNS =
  `"version" int not null default 1, ` +
  `"provenance_kind" text check ("provenance_kind" in (${PROVENANCE_KINDS})) not null, "provenance_source" text not null, ` +
  `"provenance_url" text null, "provenance_verified_at" date null, "provenance_note" text null, ` +
  `"created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), ` +
  `"search_text" text not null default '', "search_pinyin" text not null default '', "search_initials" text not null default '', ` +
  `"name_pinyin" text not null default ''`;

/**
 * Universities and research institutes (高校院所), which host platforms beside firms, and the
 * national AI innovation tasks (揭榜国家人工智能创新任务) that firms and institutions win (issue 13).
 * New tables only: a database that already holds data keeps every row.
 */
export class Migration20261203130000_institutions_tasks extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "institution" ("id" serial primary key, "name_zh" text not null, "name_en" text null, "aliases" text[] not null default '{}', ` +
        `"kind" text check ("kind" in ('UNIVERSITY', 'RESEARCH_INSTITUTE')) not null, "district" text null, "website" text null, "description" text null, ` +
        `${RECORD_COLUMNS});`,
    );
    this.addSql(`create index "institution_kind_index" on "institution" ("kind");`);

    this.addSql(
      `create table "national_innovation_task" ("id" serial primary key, "name_zh" text not null, "name_en" text null, ` +
        `"issuer_zh" text not null, "issuer_en" text null, "batch" text null, "year" int not null, "description" text null, ` +
        `${RECORD_COLUMNS});`,
    );
    this.addSql(`create index "national_innovation_task_year_index" on "national_innovation_task" ("year", "id");`);

    for (const table of ['institution', 'national_innovation_task']) {
      for (const column of ['search_text', 'search_pinyin', 'search_initials']) {
        this.addSql(`create index "${table}_${column}_trgm" on "${table}" using gin ("${column}" gin_trgm_ops);`);
      }
      this.addSql(`create index "${table}_name_pinyin_index" on "${table}" ("name_pinyin" collate "C", "id");`);
    }

    this.addSql(
      `create table "platform_institution_host" ("platform_id" int not null references "innovation_platform" ("id") on update cascade on delete cascade, ` +
        `"institution_id" int not null references "institution" ("id") on update cascade on delete cascade, ` +
        `constraint "platform_institution_host_pkey" primary key ("platform_id", "institution_id"));`,
    );
    this.addSql(`create index "platform_institution_host_institution_id_index" on "platform_institution_host" ("institution_id", "platform_id");`);

    this.addSql(
      `create table "national_task_enterprise_winner" ("task_id" int not null references "national_innovation_task" ("id") on update cascade on delete cascade, ` +
        `"enterprise_id" int not null references "enterprise" ("id") on update cascade on delete cascade, ` +
        `constraint "national_task_enterprise_winner_pkey" primary key ("task_id", "enterprise_id"));`,
    );
    this.addSql(`create index "national_task_enterprise_winner_enterprise_id_index" on "national_task_enterprise_winner" ("enterprise_id", "task_id");`);

    this.addSql(
      `create table "national_task_institution_winner" ("task_id" int not null references "national_innovation_task" ("id") on update cascade on delete cascade, ` +
        `"institution_id" int not null references "institution" ("id") on update cascade on delete cascade, ` +
        `constraint "national_task_institution_winner_pkey" primary key ("task_id", "institution_id"));`,
    );
    this.addSql(`create index "national_task_institution_winner_institution_id_index" on "national_task_institution_winner" ("institution_id", "task_id");`);
  }

  override async down(): Promise<void> {
    for (const table of ['national_task_institution_winner', 'national_task_enterprise_winner', 'platform_institution_host', 'national_innovation_task', 'institution']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261127000000_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "enterprise" ("id" serial primary key, "name_zh" text not null, "name_en" text null, "aliases" text[] not null default '{}', "credit_code" text null, "layer" text check ("layer" in ('FOUNDATION', 'TECHNOLOGY', 'APPLICATION')) not null, "founded_year" int null, "website" text null, "summary" text null, "version" int not null default 1, "provenance_kind" text check ("provenance_kind" in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC')) not null, "provenance_source" text not null, "provenance_url" text null, "provenance_verified_at" date not null, "provenance_note" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "enterprise" add constraint "enterprise_credit_code_unique" unique ("credit_code");`);

    this.addSql(`create table "large_model" ("id" serial primary key, "name_zh" text not null, "name_en" text null, "domain" text check ("domain" in ('OCEAN', 'URBAN_RAIL', 'PORT', 'FINANCE', 'GOVERNMENT', 'HEALTH_ELDERLY_CARE')) not null, "status" text check ("status" in ('IN_DEVELOPMENT', 'RELEASED', 'REGISTERED')) not null, "released_year" int null, "description" text null, "version" int not null default 1, "provenance_kind" text check ("provenance_kind" in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC')) not null, "provenance_source" text not null, "provenance_url" text null, "provenance_verified_at" date not null, "provenance_note" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);

    this.addSql(`create table "large_model_developer" ("large_model_id" int not null, "enterprise_id" int not null, constraint "large_model_developer_pkey" primary key ("large_model_id", "enterprise_id"));`);

    this.addSql(`create table "park" ("id" serial primary key, "name_zh" text not null, "name_en" text null, "aliases" text[] not null default '{}', "district" text not null, "role" text check ("role" in ('PRIMARY', 'FEATURED')) not null, "latitude" double precision null, "longitude" double precision null, "founded_year" int null, "description" text null, "version" int not null default 1, "provenance_kind" text check ("provenance_kind" in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC')) not null, "provenance_source" text not null, "provenance_url" text null, "provenance_verified_at" date not null, "provenance_note" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);

    this.addSql(`create table "innovation_platform" ("id" serial primary key, "name_zh" text not null, "name_en" text null, "aliases" text[] not null default '{}', "kind" text check ("kind" in ('NATIONAL_OPEN_INNOVATION_PLATFORM', 'PUBLIC_SERVICE_PLATFORM', 'ENTERPRISE_TECHNOLOGY_CENTER', 'ENGINEERING_RESEARCH_CENTER', 'TECHNOLOGY_INNOVATION_CENTER', 'KEY_LABORATORY', 'LARGE_MODEL_LAB', 'PUBLIC_TRAINING_BASE', 'INDUSTRY_RESEARCH_INSTITUTE')) not null, "level" text check ("level" in ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL')) not null, "founded_year" int null, "description" text null, "park_id" int null, "version" int not null default 1, "provenance_kind" text check ("provenance_kind" in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC')) not null, "provenance_source" text not null, "provenance_url" text null, "provenance_verified_at" date not null, "provenance_note" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "innovation_platform_park_id_index" on "innovation_platform" ("park_id");`);

    this.addSql(`create table "enterprise_park" ("enterprise_id" int not null, "park_id" int not null, constraint "enterprise_park_pkey" primary key ("enterprise_id", "park_id"));`);

    this.addSql(`create table "compute_center" ("id" serial primary key, "name_zh" text not null, "name_en" text null, "operator_zh" text null, "capacity_pflops" double precision null, "status" text check ("status" in ('PLANNED', 'UNDER_CONSTRUCTION', 'OPERATIONAL')) not null, "description" text null, "park_id" int null, "provenance_kind" text check ("provenance_kind" in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC')) not null, "provenance_source" text not null, "provenance_url" text null, "provenance_verified_at" date not null, "provenance_note" text null);`);
    this.addSql(`create index "compute_center_park_id_index" on "compute_center" ("park_id");`);

    this.addSql(`create table "plan_indicator" ("id" serial primary key, "key" text not null, "kind" text check ("kind" in ('TARGET', 'BASELINE')) not null, "title_zh" text not null, "title_en" text not null, "unit" text not null, "year" int not null, "value" double precision not null, "comparator" text check ("comparator" in ('AT_LEAST', 'ABOUT', 'EXACT')) not null, "metric" text null, "provenance_kind" text check ("provenance_kind" in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC')) not null, "provenance_source" text not null, "provenance_url" text null, "provenance_verified_at" date not null, "provenance_note" text null);`);
    this.addSql(`alter table "plan_indicator" add constraint "plan_indicator_key_unique" unique ("key");`);

    this.addSql(`create table "platform_host" ("platform_id" int not null, "enterprise_id" int not null, constraint "platform_host_pkey" primary key ("platform_id", "enterprise_id"));`);

    this.addSql(`create table "sector" ("code" text not null, "name_zh" text not null, "name_en" text not null, "description" text null, "position" int not null, "provenance_kind" text check ("provenance_kind" in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC')) not null, "provenance_source" text not null, "provenance_url" text null, "provenance_verified_at" date not null, "provenance_note" text null, constraint "sector_pkey" primary key ("code"));`);

    this.addSql(`create table "scenario" ("id" serial primary key, "name_zh" text not null, "name_en" text null, "sector_code" text not null, "status" text check ("status" in ('PLANNED', 'OPEN_FOR_BIDS', 'IN_PROGRESS', 'DEPLOYED', 'SHOWCASE')) not null, "year" int null, "description" text null, "park_id" int null, "version" int not null default 1, "provenance_kind" text check ("provenance_kind" in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC')) not null, "provenance_source" text not null, "provenance_url" text null, "provenance_verified_at" date not null, "provenance_note" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "scenario_sector_code_index" on "scenario" ("sector_code");`);
    this.addSql(`create index "scenario_park_id_index" on "scenario" ("park_id");`);

    this.addSql(`create table "scenario_provider" ("scenario_id" int not null, "enterprise_id" int not null, constraint "scenario_provider_pkey" primary key ("scenario_id", "enterprise_id"));`);

    this.addSql(`create table "platform_sector" ("platform_id" int not null, "sector_code" text not null, constraint "platform_sector_pkey" primary key ("platform_id", "sector_code"));`);

    this.addSql(`create table "park_focus_sector" ("park_id" int not null, "sector_code" text not null, constraint "park_focus_sector_pkey" primary key ("park_id", "sector_code"));`);

    this.addSql(`create table "large_model_sector" ("large_model_id" int not null, "sector_code" text not null, constraint "large_model_sector_pkey" primary key ("large_model_id", "sector_code"));`);

    this.addSql(`create table "enterprise_sector" ("enterprise_id" int not null, "sector_code" text not null, constraint "enterprise_sector_pkey" primary key ("enterprise_id", "sector_code"));`);

    this.addSql(`alter table "large_model_developer" add constraint "large_model_developer_large_model_id_foreign" foreign key ("large_model_id") references "large_model" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "large_model_developer" add constraint "large_model_developer_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "innovation_platform" add constraint "innovation_platform_park_id_foreign" foreign key ("park_id") references "park" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "enterprise_park" add constraint "enterprise_park_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "enterprise_park" add constraint "enterprise_park_park_id_foreign" foreign key ("park_id") references "park" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "compute_center" add constraint "compute_center_park_id_foreign" foreign key ("park_id") references "park" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "platform_host" add constraint "platform_host_platform_id_foreign" foreign key ("platform_id") references "innovation_platform" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "platform_host" add constraint "platform_host_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "scenario" add constraint "scenario_sector_code_foreign" foreign key ("sector_code") references "sector" ("code") on update cascade;`);
    this.addSql(`alter table "scenario" add constraint "scenario_park_id_foreign" foreign key ("park_id") references "park" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "scenario_provider" add constraint "scenario_provider_scenario_id_foreign" foreign key ("scenario_id") references "scenario" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "scenario_provider" add constraint "scenario_provider_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "platform_sector" add constraint "platform_sector_platform_id_foreign" foreign key ("platform_id") references "innovation_platform" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "platform_sector" add constraint "platform_sector_sector_code_foreign" foreign key ("sector_code") references "sector" ("code") on update cascade on delete cascade;`);

    this.addSql(`alter table "park_focus_sector" add constraint "park_focus_sector_park_id_foreign" foreign key ("park_id") references "park" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "park_focus_sector" add constraint "park_focus_sector_sector_code_foreign" foreign key ("sector_code") references "sector" ("code") on update cascade on delete cascade;`);

    this.addSql(`alter table "large_model_sector" add constraint "large_model_sector_large_model_id_foreign" foreign key ("large_model_id") references "large_model" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "large_model_sector" add constraint "large_model_sector_sector_code_foreign" foreign key ("sector_code") references "sector" ("code") on update cascade on delete cascade;`);

    this.addSql(`alter table "enterprise_sector" add constraint "enterprise_sector_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "enterprise_sector" add constraint "enterprise_sector_sector_code_foreign" foreign key ("sector_code") references "sector" ("code") on update cascade on delete cascade;`);

    // Hand-written: every pivot is also indexed from its second column, and every column the
    // filters use is indexed, so relation look-ups in either direction are index scans.
    this.addSql(`create index "enterprise_park_park_id_index" on "enterprise_park" ("park_id", "enterprise_id");`);
    this.addSql(`create index "enterprise_sector_sector_code_index" on "enterprise_sector" ("sector_code", "enterprise_id");`);
    this.addSql(`create index "platform_host_enterprise_id_index" on "platform_host" ("enterprise_id", "platform_id");`);
    this.addSql(`create index "platform_sector_sector_code_index" on "platform_sector" ("sector_code", "platform_id");`);
    this.addSql(`create index "scenario_provider_enterprise_id_index" on "scenario_provider" ("enterprise_id", "scenario_id");`);
    this.addSql(`create index "park_focus_sector_sector_code_index" on "park_focus_sector" ("sector_code", "park_id");`);
    this.addSql(`create index "large_model_developer_enterprise_id_index" on "large_model_developer" ("enterprise_id", "large_model_id");`);
    this.addSql(`create index "large_model_sector_sector_code_index" on "large_model_sector" ("sector_code", "large_model_id");`);
    this.addSql(`create index "enterprise_layer_index" on "enterprise" ("layer", "id");`);
    this.addSql(`create index "park_district_index" on "park" ("district");`);
    this.addSql(`create index "scenario_status_index" on "scenario" ("status");`);
    this.addSql(`create index "innovation_platform_kind_level_index" on "innovation_platform" ("kind", "level");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "large_model_developer" drop constraint "large_model_developer_enterprise_id_foreign";`);

    this.addSql(`alter table "enterprise_park" drop constraint "enterprise_park_enterprise_id_foreign";`);

    this.addSql(`alter table "platform_host" drop constraint "platform_host_enterprise_id_foreign";`);

    this.addSql(`alter table "scenario_provider" drop constraint "scenario_provider_enterprise_id_foreign";`);

    this.addSql(`alter table "enterprise_sector" drop constraint "enterprise_sector_enterprise_id_foreign";`);

    this.addSql(`alter table "large_model_developer" drop constraint "large_model_developer_large_model_id_foreign";`);

    this.addSql(`alter table "large_model_sector" drop constraint "large_model_sector_large_model_id_foreign";`);

    this.addSql(`alter table "innovation_platform" drop constraint "innovation_platform_park_id_foreign";`);

    this.addSql(`alter table "enterprise_park" drop constraint "enterprise_park_park_id_foreign";`);

    this.addSql(`alter table "compute_center" drop constraint "compute_center_park_id_foreign";`);

    this.addSql(`alter table "scenario" drop constraint "scenario_park_id_foreign";`);

    this.addSql(`alter table "park_focus_sector" drop constraint "park_focus_sector_park_id_foreign";`);

    this.addSql(`alter table "platform_host" drop constraint "platform_host_platform_id_foreign";`);

    this.addSql(`alter table "platform_sector" drop constraint "platform_sector_platform_id_foreign";`);

    this.addSql(`alter table "scenario" drop constraint "scenario_sector_code_foreign";`);

    this.addSql(`alter table "platform_sector" drop constraint "platform_sector_sector_code_foreign";`);

    this.addSql(`alter table "park_focus_sector" drop constraint "park_focus_sector_sector_code_foreign";`);

    this.addSql(`alter table "large_model_sector" drop constraint "large_model_sector_sector_code_foreign";`);

    this.addSql(`alter table "enterprise_sector" drop constraint "enterprise_sector_sector_code_foreign";`);

    this.addSql(`alter table "scenario_provider" drop constraint "scenario_provider_scenario_id_foreign";`);

    this.addSql(`drop table if exists "enterprise" cascade;`);

    this.addSql(`drop table if exists "large_model" cascade;`);

    this.addSql(`drop table if exists "large_model_developer" cascade;`);

    this.addSql(`drop table if exists "park" cascade;`);

    this.addSql(`drop table if exists "innovation_platform" cascade;`);

    this.addSql(`drop table if exists "enterprise_park" cascade;`);

    this.addSql(`drop table if exists "compute_center" cascade;`);

    this.addSql(`drop table if exists "plan_indicator" cascade;`);

    this.addSql(`drop table if exists "platform_host" cascade;`);

    this.addSql(`drop table if exists "sector" cascade;`);

    this.addSql(`drop table if exists "scenario" cascade;`);

    this.addSql(`drop table if exists "scenario_provider" cascade;`);

    this.addSql(`drop table if exists "platform_sector" cascade;`);

    this.addSql(`drop table if exists "park_focus_sector" cascade;`);

    this.addSql(`drop table if exists "large_model_sector" cascade;`);

    this.addSql(`drop table if exists "enterprise_sector" cascade;`);
  }

}

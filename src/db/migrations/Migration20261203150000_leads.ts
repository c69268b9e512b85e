import { Migration } from '@mikro-orm/migrations';

/**
 * The confidential 招商 lead pipeline (issue 14): the `promoter` role with its parks, leads, their
 * stage history and notes. Only new tables and a wider role check: existing rows are untouched.
 */
export class Migration20261203150000_leads extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "api_key" drop constraint if exists "api_key_role_check";`);
    this.addSql(`alter table "api_key" add constraint "api_key_role_check" check ("role" in ('reader', 'editor', 'promoter', 'admin'));`);
    this.addSql(`create table "api_key_park" (
      "api_key_id" int not null references "api_key" ("id") on delete cascade,
      "park_id" int not null references "park" ("id") on delete cascade,
      primary key ("api_key_id", "park_id"));`);

    // A lead goes with its firm or park: refusing the delete would tell an editor, who may not
    // know that leads exist, that one does.
    const stages = `'LEAD', 'CONTACTED', 'VISITED', 'NEGOTIATING', 'SIGNED', 'LANDED', 'IN_PRODUCTION', 'LOST'`;
    this.addSql(`create table "lead" (
      "id" serial primary key,
      "enterprise_id" int not null references "enterprise" ("id") on delete cascade,
      "park_id" int not null references "park" ("id") on delete cascade,
      "stage" text not null check ("stage" in (${stages})),
      "lost_from_stage" text null check ("lost_from_stage" in (${stages})),
      "lost_reason" text null,
      "owner_name" text null,
      "expected_investment" double precision null check ("expected_investment" >= 0),
      "expected_jobs" int null check ("expected_jobs" >= 0),
      "next_action" text null,
      "next_action_date" date null,
      "stage_entered_at" timestamptz not null default now(),
      "last_activity_at" timestamptz not null default now(),
      "closed_at" timestamptz null,
      "version" int not null default 1,
      "provenance_kind" text check ("provenance_kind" in ('OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'EDITORIAL', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC')) not null,
      "provenance_source" text not null,
      "provenance_url" text null,
      "provenance_verified_at" date null,
      "provenance_note" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "lead_park_stage_index" on "lead" ("park_id", "stage");`);
    this.addSql(`create index "lead_last_activity_index" on "lead" ("last_activity_at");`);
    // At most one open lead per firm and park; a lost or closed one may be followed by a new one.
    this.addSql(`create unique index "lead_open_unique" on "lead" ("enterprise_id", "park_id") where "closed_at" is null and "stage" <> 'LOST';`);

    this.addSql(`create table "lead_stage_change" (
      "id" bigserial primary key,
      "lead_id" int not null references "lead" ("id") on delete cascade,
      "from_stage" text null,
      "to_stage" text not null,
      "at" timestamptz not null default clock_timestamp(),
      "actor_key_id" int null,
      "actor_name" text not null,
      "reason" text null);`);
    this.addSql(`create index "lead_stage_change_lead_index" on "lead_stage_change" ("lead_id", "at");`);
    this.addSql(`create table "lead_note" (
      "id" bigserial primary key,
      "lead_id" int not null references "lead" ("id") on delete cascade,
      "body" text not null,
      "at" timestamptz not null default clock_timestamp(),
      "actor_key_id" int null,
      "actor_name" text not null);`);
    this.addSql(`create index "lead_note_lead_index" on "lead_note" ("lead_id", "at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "lead_note", "lead_stage_change", "lead", "api_key_park";`);
    this.addSql(`delete from "api_key" where "role" = 'promoter';`);
    this.addSql(`alter table "api_key" drop constraint if exists "api_key_role_check";`);
    this.addSql(`alter table "api_key" add constraint "api_key_role_check" check ("role" in ('reader', 'editor', 'admin'));`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** API keys and the audit trail (issue 5). */
export class Migration20261127100000_editing extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_key" ("id" serial primary key, "name" text not null, "role" text check ("role" in ('reader', 'editor', 'admin')) not null, "prefix" text not null, "key_hash" text not null, "created_at" timestamptz not null default now(), "revoked_at" timestamptz null);`);
    this.addSql(`alter table "api_key" add constraint "api_key_key_hash_unique" unique ("key_hash");`);

    this.addSql(`create table "audit_entry" ("id" bigserial primary key, "at" timestamptz not null default clock_timestamp(), "actor_key_id" int null, "actor_name" text not null, "action" text not null, "record_type" text not null, "record_id" text not null, "changes" jsonb not null default '{}', "batch_id" uuid null);`);
    this.addSql(`create index "audit_entry_record_index" on "audit_entry" ("record_id", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_key" cascade;`);
    this.addSql(`drop table if exists "audit_entry" cascade;`);
  }

}

import { Migration } from '@mikro-orm/migrations';

/**
 * The change feed and webhook subscriptions (issue 17).
 *
 * The feed is the audit trail read in commit order. A bigserial id is taken when a row is
 * inserted, not when its transaction commits, and so is a transaction id (xid): a reader paging
 * by either can pass a row whose transaction commits later with a smaller number, and never see
 * it. So each writing transaction gets a commit sequence number at commit time:
 *
 * - every INSERT into audit_entry registers its transaction in change_commit (once per
 *   transaction: a statement trigger with ON CONFLICT DO NOTHING);
 * - a deferred constraint trigger on change_commit runs when that transaction commits, takes one
 *   transaction-scoped advisory lock and only then draws `seq`. The lock is held until the
 *   transaction has ended, and PostgreSQL makes a commit visible before it releases the
 *   transaction's locks, so the writer holding seq n is visible before any writer can draw n+1.
 *
 * Hence: seq order is commit order, and once a reader sees seq n it can never later see a new
 * seq below n. Only the short end of each write (the commit) is serialised. PGlite runs one
 * transaction at a time, where the same triggers hold trivially.
 *
 * Entries written before this migration share one commit row (xact 0) and keep their id order.
 */
export class Migration20261202120000_changes_webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" add column "xact" xid8 null;`);
    this.addSql(`update "audit_entry" set "xact" = '0'::xid8;`);
    this.addSql(`alter table "audit_entry" alter column "xact" set default pg_current_xact_id(), alter column "xact" set not null;`);
    this.addSql(`create index "audit_entry_xact_index" on "audit_entry" ("xact", "id");`);

    this.addSql(`create sequence "change_commit_seq";`);
    this.addSql(`create table "change_commit" ("xact" xid8 primary key, "seq" bigint null, "committed_at" timestamptz null);`);
    this.addSql(`create unique index "change_commit_seq_index" on "change_commit" ("seq");`);
    this.addSql(`insert into "change_commit" ("xact", "seq", "committed_at") select '0'::xid8, nextval('change_commit_seq'), now() where exists (select 1 from "audit_entry");`);

    this.addSql(`create function "change_commit_register"() returns trigger language plpgsql as $$
begin
  insert into change_commit (xact) values (pg_current_xact_id()) on conflict (xact) do nothing;
  return null;
end $$;`);
    this.addSql(`create function "change_commit_number"() returns trigger language plpgsql as $$
begin
  -- Held until this transaction ends, i.e. until after its commit is visible to others.
  perform pg_advisory_xact_lock(1917202612);
  update change_commit set seq = nextval('change_commit_seq'), committed_at = clock_timestamp() where xact = new.xact;
  return null;
end $$;`);
    this.addSql(`create trigger "audit_entry_change_commit" after insert on "audit_entry" for each statement execute function "change_commit_register"();`);
    this.addSql(`create constraint trigger "change_commit_at_commit" after insert on "change_commit" deferrable initially deferred for each row execute function "change_commit_number"();`);

    this.addSql(`create table "webhook_subscription" (
      "id" serial primary key,
      "url" text not null,
      "event_types" text[] not null,
      "secret" text not null,
      "description" text null,
      "enabled" boolean not null default true,
      "disabled_reason" text null,
      "disabled_at" timestamptz null,
      "consecutive_failures" int not null default 0,
      "cursor_seq" bigint not null default 0,
      "cursor_id" bigint not null default 0,
      "created_by" text not null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now());`);

    this.addSql(`create table "webhook_delivery" (
      "id" bigserial primary key,
      "subscription_id" int not null references "webhook_subscription" ("id") on delete cascade,
      "change_seq" bigint not null,
      "change_id" bigint not null,
      "event_type" text not null,
      "payload" jsonb not null,
      "status" text not null default 'PENDING' check ("status" in ('PENDING', 'DELIVERED')),
      "attempts" int not null default 0,
      "next_attempt_at" timestamptz not null default now(),
      "last_attempt_at" timestamptz null,
      "last_status" int null,
      "last_error" text null,
      "delivered_at" timestamptz null,
      "created_at" timestamptz not null default now());`);
    this.addSql(`create index "webhook_delivery_pending_index" on "webhook_delivery" ("subscription_id", "id") where "status" = 'PENDING';`);
    this.addSql(`create index "webhook_delivery_subscription_index" on "webhook_delivery" ("subscription_id", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "webhook_subscription" cascade;`);
    this.addSql(`drop trigger if exists "audit_entry_change_commit" on "audit_entry";`);
    this.addSql(`drop table if exists "change_commit" cascade;`);
    this.addSql(`drop function if exists "change_commit_register"();`);
    this.addSql(`drop function if exists "change_commit_number"();`);
    this.addSql(`drop sequence if exists "change_commit_seq";`);
    this.addSql(`drop index if exists "audit_entry_xact_index";`);
    this.addSql(`alter table "audit_entry" drop column if exists "xact";`);
  }

}

import { Migration } from '@mikro-orm/migrations';
import { refreshRows } from '../../common/search-columns';

const KINDS = `'GENERAL', 'INTELLIGENT', 'SUPERCOMPUTING', 'EDGE'`;
const PROVENANCE_KINDS = `'OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'EDITORIAL', 'SAMPLE', 'USER_ENTERED', 'SYNTHETIC'`;
const PROVENANCE_COLUMNS =
  `"provenance_kind" text check ("provenance_kind" in (${PROVENANCE_KINDS})) not null, "provenance_source" text not null,` +
  ` "provenance_url" text null, "provenance_verified_at" date null, "provenance_note" text null`;
const VERSIONED = `"version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now()`;

/**
 * Kinds the sources state for the compute facilities seeded before this migration, by Chinese
 * name. A facility not listed keeps an unknown kind. The capacities stored until now were
 * declared intelligent compute (the column's definition), so they move to INTELLIGENT rows.
 */
const STATED_KINDS: Record<string, { kind: string; note: string }> = {
  '中科曙光“海之心”人工智能计算中心': {
    kind: 'INTELLIGENT',
    note: '行动计划称其为智算中心（加快建设曙光、移动等智算中心）。 The plan names it an intelligent computing centre (智算中心).',
  },
  '中国移动智算中心（青岛）': {
    kind: 'INTELLIGENT',
    note: '行动计划称其为智算中心（加快建设曙光、移动等智算中心）。 The plan names it an intelligent computing centre (智算中心).',
  },
  青岛人工智能计算中心: {
    kind: 'INTELLIGENT',
    note: '来源称其为人工智能计算中心（即智算中心）。 The sources name it an artificial-intelligence computing centre (人工智能计算中心, i.e. 智算).',
  },
  'Dayou智算中心（市南元宇宙产业创新园）': {
    kind: 'INTELLIGENT',
    note: '来源称其为智算中心（intelligent computing centre）。 The source calls it an intelligent computing centre.',
  },
};

/**
 * Compute by kind and compute vouchers (issue 13).
 *
 * - A compute facility gets a kind (通算/智算/超算/边缘, null when no source states it), a note on
 *   where the kind comes from, membership in the city's compute network (null: unknown), the
 *   columns of an edited, searchable record (version, timestamps, search columns), and its
 *   capacities per kind in `compute_capacity`, each with its own provenance. The old single
 *   `capacity_pflops` column (intelligent compute by definition) moves into INTELLIGENT rows.
 * - 算力券: `compute_voucher_program` (a year's or a standing programme) and
 *   `compute_voucher_grant` (a grant to a firm, redeemed at a compute facility).
 *
 * Every existing record is kept; a database already holding data gains the kinds above.
 */
export class Migration20261203110000_compute_vouchers extends Migration {
  override async up(): Promise<void> {
    const run = (sql: string, params: unknown[] = []) => this.execute(sql, params);
    await run(
      `alter table "compute_center" add column "kind" text null check ("kind" in (${KINDS})), add column "kind_note" text null,` +
        ` add column "in_compute_network" boolean null, add column "version" int not null default 1,` +
        ` add column "created_at" timestamptz not null default now(), add column "updated_at" timestamptz not null default now(),` +
        ` add column "search_text" text not null default '', add column "search_pinyin" text not null default '',` +
        ` add column "search_initials" text not null default '', add column "name_pinyin" text not null default ''`,
    );
    for (const column of ['search_text', 'search_pinyin', 'search_initials']) {
      await run(`create index "compute_center_${column}_trgm" on "compute_center" using gin ("${column}" gin_trgm_ops)`);
    }
    await run(`create index "compute_center_name_pinyin_index" on "compute_center" ("name_pinyin" collate "C", "id")`);
    await run(`create index "compute_center_kind_index" on "compute_center" ("kind")`);

    await run(
      `create table "compute_capacity" ("id" serial primary key,` +
        ` "compute_center_id" int not null references "compute_center" ("id") on update cascade on delete cascade,` +
        ` "kind" text null check ("kind" in (${KINDS})), "capacity_pflops" double precision not null check ("capacity_pflops" >= 0), ${PROVENANCE_COLUMNS})`,
    );
    await run(`create index "compute_capacity_compute_center_id_index" on "compute_capacity" ("compute_center_id")`);
    await run(
      `insert into "compute_capacity" ("compute_center_id", "kind", "capacity_pflops", "provenance_kind", "provenance_source", "provenance_url", "provenance_verified_at", "provenance_note")` +
        ` select id, 'INTELLIGENT', capacity_pflops, provenance_kind, provenance_source, provenance_url, provenance_verified_at, provenance_note` +
        ` from "compute_center" where capacity_pflops is not null order by id`,
    );
    await run(`alter table "compute_center" drop column "capacity_pflops"`);
    for (const [name, stated] of Object.entries(STATED_KINDS)) {
      await run(`update "compute_center" set "kind" = ?, "kind_note" = ? where "name_zh" = ? and "provenance_kind" not in ('SAMPLE', 'SYNTHETIC')`, [
        stated.kind,
        stated.note,
        name,
      ]);
    }
    const ids = (await run(`select id from "compute_center" order by id`)) as Array<{ id: number }>;
    await refreshRows(
      run,
      { table: 'compute_center', aliases: false },
      ids.map((r) => Number(r.id)),
    );

    await run(
      `create table "compute_voucher_program" ("id" serial primary key, "name_zh" text not null, "name_en" text null, "year" int null,` +
        ` "issuer_zh" text null, "total_budget_yuan" numeric(16, 2) null check ("total_budget_yuan" >= 0), "rules" text null, ${VERSIONED}, ${PROVENANCE_COLUMNS})`,
    );
    await run(
      `create table "compute_voucher_grant" ("id" serial primary key,` +
        ` "program_id" int not null references "compute_voucher_program" ("id") on update cascade on delete restrict,` +
        ` "enterprise_id" int not null references "enterprise" ("id") on update cascade on delete restrict,` +
        ` "compute_center_id" int null references "compute_center" ("id") on update cascade on delete set null,` +
        ` "amount_yuan" numeric(16, 2) not null check ("amount_yuan" > 0), "granted_on" date null, "note" text null, ${VERSIONED}, ${PROVENANCE_COLUMNS})`,
    );
    for (const column of ['program_id', 'enterprise_id', 'compute_center_id']) {
      await run(`create index "compute_voucher_grant_${column}_index" on "compute_voucher_grant" ("${column}")`);
    }
  }

  override async down(): Promise<void> {
    const run = (sql: string) => this.execute(sql);
    await run(`drop table if exists "compute_voucher_grant"`);
    await run(`drop table if exists "compute_voucher_program"`);
    await run(`alter table "compute_center" add column "capacity_pflops" double precision null`);
    await run(
      `update "compute_center" c set "capacity_pflops" = s.total from (select compute_center_id, sum(capacity_pflops) as total from "compute_capacity"` +
        ` where kind = 'INTELLIGENT' group by compute_center_id) s where s.compute_center_id = c.id`,
    );
    await run(`drop table if exists "compute_capacity"`);
    await run(
      `alter table "compute_center" drop column "kind", drop column "kind_note", drop column "in_compute_network", drop column "version",` +
        ` drop column "created_at", drop column "updated_at", drop column "search_text", drop column "search_pinyin", drop column "search_initials", drop column "name_pinyin"`,
    );
  }
}

import { Migration } from '@mikro-orm/migrations';
import { refreshRows } from '../../common/search-columns';

/**
 * Compute-voucher programmes become searchable (issue 13: every new type of the plan is found by
 * `search`): the stored romanisations every searched table carries, their trigram and pinyin-order
 * indexes, filled for the programmes already stored.
 */
export class Migration20261204100000_voucher_program_search extends Migration {
  override async up(): Promise<void> {
    const run = (sql: string, params: unknown[] = []) => this.execute(sql, params);
    await run(
      `alter table "compute_voucher_program" add column "search_text" text not null default '', add column "search_pinyin" text not null default '',` +
        ` add column "search_initials" text not null default '', add column "name_pinyin" text not null default ''`,
    );
    for (const column of ['search_text', 'search_pinyin', 'search_initials']) {
      await run(`create index "compute_voucher_program_${column}_trgm" on "compute_voucher_program" using gin ("${column}" gin_trgm_ops)`);
    }
    await run(`create index "compute_voucher_program_name_pinyin_index" on "compute_voucher_program" ("name_pinyin" collate "C", "id")`);
    const ids = (await run(`select id from "compute_voucher_program" order by id`)) as Array<{ id: number }>;
    await refreshRows(
      run,
      { table: 'compute_voucher_program', aliases: false },
      ids.map((r) => Number(r.id)),
    );
  }

  override async down(): Promise<void> {
    await this.execute(
      `alter table "compute_voucher_program" drop column "search_text", drop column "search_pinyin", drop column "search_initials", drop column "name_pinyin"`,
    );
  }
}

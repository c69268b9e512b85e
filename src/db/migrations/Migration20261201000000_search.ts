import { Migration } from '@mikro-orm/migrations';
import { searchColumns } from '../../common/search-text';

const TABLES = [
  { table: 'park', aliases: true },
  { table: 'enterprise', aliases: true },
  { table: 'innovation_platform', aliases: true },
  { table: 'scenario', aliases: false },
] as const;

/**
 * Search columns: the names normalised (simplified, lower case), their full pinyin and pinyin
 * initials, each between separators, with pg_trgm GIN indexes so `like '%q%'` can use an index;
 * and the pinyin sort key `name_pinyin` with a btree index for ordering by name. Rows that exist
 * already are filled here; new rows are filled by the entities' hooks or by searchColumns().
 */
export class Migration20261201000000_search extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm;');
    for (const { table } of TABLES) {
      this.addSql(
        `alter table "${table}" add column "search_text" text not null default '', add column "search_pinyin" text not null default '', ` +
          `add column "search_initials" text not null default '', add column "name_pinyin" text not null default '';`,
      );
      for (const column of ['search_text', 'search_pinyin', 'search_initials']) {
        this.addSql(`create index "${table}_${column}_trgm" on "${table}" using gin ("${column}" gin_trgm_ops);`);
      }
      this.addSql(`create index "${table}_name_pinyin_index" on "${table}" ("name_pinyin" collate "C", "id");`);
    }
    for (const { table, aliases } of TABLES) {
      const rows = (await this.execute(`select id, name_zh, name_en${aliases ? ', aliases' : ''} from "${table}"`)) as Array<{
        id: number;
        name_zh: string;
        name_en: string | null;
        aliases?: string[];
      }>;
      for (const row of rows) {
        const c = searchColumns(row.name_zh, row.name_en, row.aliases ?? []);
        this.addSql(
          this.getKnex()
            .raw(`update "${table}" set search_text = ?, search_pinyin = ?, search_initials = ?, name_pinyin = ? where id = ?`, [
              c.searchText,
              c.searchPinyin,
              c.searchInitials,
              c.namePinyin,
              row.id,
            ])
            .toQuery(),
        );
      }
    }
  }

  override async down(): Promise<void> {
    for (const { table } of TABLES) {
      this.addSql(
        `alter table "${table}" drop column "search_text", drop column "search_pinyin", drop column "search_initials", drop column "name_pinyin";`,
      );
    }
  }
}

import { bootstrapDatabase } from '../../src/db/bootstrap';
import { openDatabase, type Database } from '../../src/db/database';
import { refreshAllSearchColumns } from '../../src/common/search-columns';
import { searchColumns } from '../../src/common/search-text';
import { Park } from '../../src/modules/park/park.entity';
import { Scenario } from '../../src/modules/scenario/scenario.entity';
import { createTestDatabase } from '../helpers/test-server';

/** The search columns follow every ORM write: created rows (the seeder) and renamed ones. */
describe('search columns are kept up to date by the entity hooks', () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    // A copy of the run's template, which the seeder filled through the ORM like a first start.
    const t = await createTestDatabase({ seeded: true });
    drop = t.drop;
    db = await openDatabase(t.config);
    await bootstrapDatabase(db, { seed: true });
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('every seeded row has the columns searchColumns() computes', async () => {
    for (const [table, aliases] of [
      ['park', 'aliases'],
      ['enterprise', 'aliases'],
      ['innovation_platform', 'aliases'],
      ['scenario', "'{}'::text[]"],
    ]) {
      const rows = (await db
        .em()
        .execute(`select name_zh, name_en, ${aliases} as aliases, search_text, search_pinyin, search_initials, name_pinyin from ${table}`)) as Array<
        Record<string, string & string[]>
      >;
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        const c = searchColumns(r.name_zh, r.name_en, r.aliases);
        expect([r.search_text, r.search_pinyin, r.search_initials, r.name_pinyin]).toEqual([c.searchText, c.searchPinyin, c.searchInitials, c.namePinyin]);
      }
    }
  });

  it('a migration that changes how they are derived recomputes every row (refreshAllSearchColumns)', async () => {
    // Stale columns, as a database migrated before the short forms existed holds them.
    await db.em().execute(`update park set search_initials = '', search_text = ''`);
    const em = db.em().fork();
    await em.transactional((tx) => refreshAllSearchColumns((sql, params) => tx.execute(sql, params), [{ table: 'park', aliases: true }]));
    const rows = (await db.em().execute('select name_zh, name_en, aliases, search_text, search_initials from park')) as Array<
      Record<string, string & string[]>
    >;
    for (const r of rows) {
      const c = searchColumns(r.name_zh, r.name_en, r.aliases);
      expect([r.search_text, r.search_initials]).toEqual([c.searchText, c.searchInitials]);
    }
    expect(rows.find((r) => r.name_zh === '崂山区人工智能产业园')?.search_initials).toContain('lsrgzncyy');
  });

  it('an update through the ORM recomputes them', async () => {
    const em = db.em().fork();
    const park = await em.findOneOrFail(Park, { nameZh: '城阳数据要素产业园' });
    park.nameZh = '城阳数据港（示例改名）';
    park.aliases = ['數據港'];
    const scenario = await em.findOneOrFail(Scenario, { nameZh: '作业智能批改（示例）' });
    scenario.nameEn = 'Homework marking';
    await em.flush();
    const [row] = (await db.em().execute('select search_text, search_pinyin, search_initials, name_pinyin from park where id = ?', [park.id])) as Array<
      Record<string, string>
    >;
    expect(row.search_pinyin).toContain('chengyangshujugang');
    expect(row.search_text).toContain('数据港');
    expect(row.name_pinyin).toBe(searchColumns('城阳数据港（示例改名）').namePinyin);
    const [s] = (await db.em().execute('select search_text from scenario where id = ?', [scenario.id])) as Array<Record<string, string>>;
    expect(s.search_text).toContain('homework marking');
  });
});

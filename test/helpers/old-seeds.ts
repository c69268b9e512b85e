import fs from 'node:fs';
import path from 'node:path';
import { creditCodeCheckCharacter } from '../../src/common/credit-code';
import { pgArray } from '../../src/common/editing/audit';
import { refreshAllSearchColumns } from '../../src/common/search-columns';
import type { Database } from '../../src/db/database';

/**
 * A directory as it was before Migration20261202100000_honest_plan: the seed files of 2026-12-01
 * (test/fixtures/seeds-2026-12-01) loaded with that day's columns, plus a user-entered firm and an
 * old synthetic one. Upgrade tests start from it, since today's seeder writes today's schema.
 */
export const OLD_SEEDS = path.join(__dirname, '../fixtures/seeds-2026-12-01');
/** The last migration before the honest-plan change: the schema the old seeds fit. */
export const BEFORE_HONEST_PLAN = 'Migration20261202000000_search_short_names';
export const REAL_LOOKING_CODE = '91370000728611939A';
export const OLD_SYNTHETIC_CODE = `91370213MA0000001${creditCodeCheckCharacter('91370213MA0000001')}`;

export const records = (file: string): any[] => JSON.parse(fs.readFileSync(path.join(OLD_SEEDS, file), 'utf8')).records;

/** Loads the old seed files with the old schema's columns, as the seeder of that day wrote them. */
export async function loadOldSeeds(db: Database): Promise<void> {
  const sources = JSON.parse(fs.readFileSync(path.join(OLD_SEEDS, 'sources.json'), 'utf8')).sources;
  await db.em().transactional(async (tx) => {
    const exec = (sql: string, params: unknown[] = []) => tx.execute(sql, params) as Promise<Array<{ id: number }>>;
    const prov = (r: any) => {
      const s = sources[r.source];
      return [s.kind, s.title, s.url, s.verifiedAt, r.sourceNote ?? null];
    };
    const P = 'provenance_kind, provenance_source, provenance_url, provenance_verified_at, provenance_note';
    const insert = async (table: string, columns: string[], values: unknown[]) =>
      (
        await exec(
          `insert into ${table} (${columns.join(', ')}, ${P}) values (${values.map(() => '?').join(', ')}) returning id`,
          values.map((v) => (Array.isArray(v) ? pgArray(v) : v)),
        )
      )[0]?.id;
    const link = (table: string, a: string, b: string, x: unknown, y: unknown) => exec(`insert into ${table} (${a}, ${b}) values (?, ?)`, [x, y]);

    for (const [i, s] of records('sectors.json').entries()) {
      await exec(`insert into sector (code, name_zh, name_en, description, position, ${P}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        s.code,
        s.nameZh,
        s.nameEn,
        s.description,
        i,
        ...prov(s),
      ]);
    }
    const parks = new Map<string, number>();
    for (const p of records('parks.json')) {
      const id = await insert(
        'park',
        ['name_zh', 'name_en', 'aliases', 'district', 'role', 'latitude', 'longitude', 'founded_year', 'description'],
        [p.nameZh, p.nameEn, p.aliases ?? [], p.district, p.role, p.latitude, p.longitude, p.foundedYear, p.description, ...prov(p)],
      );
      parks.set(p.key, id);
      for (const c of p.focusSectors) await link('park_focus_sector', 'park_id', 'sector_code', id, c);
    }
    for (const c of records('compute-centers.json')) {
      await insert(
        'compute_center',
        ['name_zh', 'name_en', 'operator_zh', 'capacity_pflops', 'status', 'description', 'park_id'],
        [c.nameZh, c.nameEn, c.operatorZh, c.capacityPflops, c.status, c.description, c.park ? parks.get(c.park) : null, ...prov(c)],
      );
    }
    for (const i of records('plan-indicators.json')) {
      await insert(
        'plan_indicator',
        ['key', 'kind', 'title_zh', 'title_en', 'unit', 'year', 'value', 'comparator', 'metric'],
        [i.key, i.kind, i.titleZh, i.titleEn, i.unit, i.year, i.value, i.comparator, i.metric, ...prov(i)],
      );
    }
    const firms = new Map<string, number>();
    for (const e of records('sample/enterprises.json')) {
      const id = await insert(
        'enterprise',
        ['name_zh', 'name_en', 'aliases', 'credit_code', 'layer', 'founded_year', 'website', 'summary'],
        [e.nameZh, e.nameEn, e.aliases ?? [], e.creditCode, e.layer, e.foundedYear, e.website, e.summary, ...prov(e)],
      );
      firms.set(e.key, id);
      for (const c of e.sectors) await link('enterprise_sector', 'enterprise_id', 'sector_code', id, c);
      for (const k of e.parks) await link('enterprise_park', 'enterprise_id', 'park_id', id, parks.get(k));
    }
    for (const p of records('sample/platforms.json')) {
      const id = await insert(
        'innovation_platform',
        ['name_zh', 'name_en', 'aliases', 'kind', 'level', 'founded_year', 'description', 'park_id'],
        [p.nameZh, p.nameEn, p.aliases ?? [], p.kind, p.level, p.foundedYear, p.description ?? null, p.park ? parks.get(p.park) : null, ...prov(p)],
      );
      for (const k of p.hosts) await link('platform_host', 'platform_id', 'enterprise_id', id, firms.get(k));
      for (const c of p.sectors) await link('platform_sector', 'platform_id', 'sector_code', id, c);
    }
    for (const s of records('sample/scenarios.json')) {
      const id = await insert(
        'scenario',
        ['name_zh', 'name_en', 'sector_code', 'status', 'year', 'description', 'park_id'],
        [s.nameZh, s.nameEn, s.sector, s.status, s.year, s.description, s.park ? parks.get(s.park) : null, ...prov(s)],
      );
      for (const k of s.providers) await link('scenario_provider', 'scenario_id', 'enterprise_id', id, firms.get(k));
    }
    for (const m of records('sample/large-models.json')) {
      const id = await insert(
        'large_model',
        ['name_zh', 'name_en', 'domain', 'status', 'released_year', 'description'],
        [m.nameZh, m.nameEn, m.domain, m.status, m.releasedYear, m.description, ...prov(m)],
      );
      for (const k of m.developers) await link('large_model_developer', 'large_model_id', 'enterprise_id', id, firms.get(k));
      for (const c of m.sectors) await link('large_model_sector', 'large_model_id', 'sector_code', id, c);
    }
    // What users and the benchmark generator wrote before the change.
    await insert(
      'enterprise',
      ['name_zh', 'layer', 'credit_code'],
      ['用户录入测试企业', 'APPLICATION', REAL_LOOKING_CODE, 'USER_ENTERED', 'editor', null, '2026-11-30', null],
    );
    await insert(
      'enterprise',
      ['name_zh', 'layer', 'credit_code'],
      ['澜汐珩智能科技有限公司（合成）', 'APPLICATION', OLD_SYNTHETIC_CODE, 'SYNTHETIC', 'synthetic', null, '2026-11-30', null],
    );
    await refreshAllSearchColumns(
      (sql, params) => tx.execute(sql, params as never[]),
      [
        { table: 'park', aliases: true },
        { table: 'enterprise', aliases: true },
        { table: 'innovation_platform', aliases: true },
        { table: 'scenario', aliases: false },
      ],
    );
  });
}

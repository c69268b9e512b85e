import { print } from 'graphql';
import pino from 'pino';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { startApp } from '../../src/app';
import { couldBeRealRegistration, isSampleCreditCode } from '../../src/common/credit-code';
import { openDatabase, type Database } from '../../src/db/database';
import { readSeeds } from '../../src/db/seed/seed-files';
import { ActionPlanFullDocument, SearchAllDocument } from '../generated/graphql';
import { createTestDatabase } from '../helpers/test-server';
import { BEFORE_HONEST_PLAN, loadOldSeeds, REAL_LOOKING_CODE } from '../helpers/old-seeds';

/**
 * A directory created and seeded before Migration20261202100000_honest_plan (the seeds of
 * 2026-12-01, kept in test/fixtures) upgrades without losing a record and then answers with the
 * new semantics.
 */
const BEFORE = BEFORE_HONEST_PLAN;
const TABLES = [
  'sector',
  'park',
  'park_focus_sector',
  'compute_center',
  'plan_indicator',
  'enterprise',
  'enterprise_sector',
  'enterprise_park',
  'innovation_platform',
  'platform_host',
  'platform_sector',
  'scenario',
  'scenario_provider',
  'large_model',
  'large_model_developer',
  'large_model_sector',
];

describe('Migration20261202100000_honest_plan on a database made before it', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database | null = null;
  const counts = async (d: Database) => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number(((await d.em().execute(`select count(*)::int as n from ${t}`)) as Array<{ n: number }>)[0].n);
    return out;
  };
  let before: Record<string, number>;

  beforeAll(async () => {
    database = await createTestDatabase({ blank: true });
    db = await openDatabase(database.config);
    await db.orm.getMigrator().up({ to: BEFORE });
    await loadOldSeeds(db);
    before = await counts(db);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('upgrades without losing a record', async () => {
    const applied = await db!.orm.getMigrator().up();
    expect(applied.map((m) => m.name)).toContain('Migration20261202100000_honest_plan');
    expect(before.enterprise).toBe(69);
    expect(await counts(db!)).toEqual(before);
    // Migration20261203140000_firm_locations: every firm already there is a Qingdao firm.
    const located = (await db!
      .em()
      .execute('select presence, headquarters_city, headquarters_province, count(*)::int as n from enterprise group by 1, 2, 3')) as Array<
      Record<string, unknown>
    >;
    expect(located).toEqual([{ presence: 'LOCAL', headquarters_city: '青岛市', headquarters_province: '山东省', n: 69 }]);
  });

  it('renames sample firms, moves their credit codes to the sample rule and clears verifiedAt on invented records', async () => {
    const sql = <T>(text: string) => db!.em().execute(text) as Promise<T[]>;
    const firms = await sql<{ name_zh: string; credit_code: string | null; provenance_kind: string; provenance_verified_at: unknown }>(
      `select name_zh, credit_code, provenance_kind, provenance_verified_at from enterprise`,
    );
    const sample = firms.filter((f) => f.provenance_kind === 'SAMPLE');
    expect(sample).toHaveLength(67);
    for (const f of sample) {
      expect(f.name_zh).toMatch(/（示例）$/);
      expect(f.provenance_verified_at).toBeNull();
      if (f.credit_code) {
        expect(isSampleCreditCode(f.credit_code)).toBe(true);
        expect(couldBeRealRegistration(f.credit_code)).toBe(false);
      }
    }
    expect(sample.filter((f) => f.credit_code).length).toBeGreaterThan(20);
    // An upgraded directory holds the Qingdao sample firms a fresh one is seeded with. The sample
    // firms from outside Qingdao (issue 14) are seeded on a fresh start only: no migration adds
    // sample records to a directory that already holds data.
    const fresh = readSeeds().enterprises.filter((e) => (e.presence ?? 'LOCAL') === 'LOCAL');
    expect(sample.map((f) => `${f.name_zh} ${f.credit_code}`).sort()).toEqual(fresh.map((f) => `${f.nameZh} ${f.creditCode}`).sort());
    // The sample names of the other types already said so: they are not marked twice.
    const [twice] = await sql<{ n: number }>(`select count(*)::int as n from innovation_platform where name_zh like '%（示例）（示例）'`);
    expect(Number(twice.n)).toBe(0);
    const synthetic = firms.find((f) => f.provenance_kind === 'SYNTHETIC')!;
    expect(synthetic).toMatchObject({ name_zh: '澜汐珩智能科技有限公司（合成）', provenance_verified_at: null });
    expect(isSampleCreditCode(synthetic.credit_code!)).toBe(true);
    const user = firms.find((f) => f.provenance_kind === 'USER_ENTERED')!;
    expect(user).toMatchObject({ name_zh: '用户录入测试企业', credit_code: REAL_LOOKING_CODE });
    expect(user.provenance_verified_at).not.toBeNull();

    const editorial = await sql<{ t: string; n: number }>(
      `select 'sector' as t, count(*)::int as n from sector where provenance_kind = 'EDITORIAL'
       union all select 'compute_center', count(*)::int from compute_center where provenance_kind = 'EDITORIAL'
       union all select 'official', (select count(*)::int from sector where provenance_kind = 'OFFICIAL_PLAN') + (select count(*)::int from compute_center where provenance_kind = 'OFFICIAL_PLAN')`,
    );
    expect(editorial.map((r) => [r.t, Number(r.n)])).toEqual([
      ['sector', 8],
      ['compute_center', 2],
      ['official', 0],
    ]);
  });

  it('then answers the same questions with the new semantics, over HTTP', async () => {
    await db!.close();
    db = null;
    const app = await startApp(database.config, pino({ level: 'silent' }));
    try {
      const gql = async <R, V>(doc: TypedDocumentNode<R, V>, variables?: V): Promise<R> => {
        const res = await fetch(`http://127.0.0.1:${app.port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: print(doc), variables }),
        });
        const body = (await res.json()) as { data: R; errors?: unknown };
        expect(body.errors).toBeUndefined();
        return body.data;
      };
      const { actionPlan } = await gql(ActionPlanFullDocument);
      const byKey = new Map([...actionPlan.targets, ...actionPlan.baselines].map((t) => [t.key, t]));
      expect(actionPlan.targets.filter((t) => t.met)).toEqual([]);
      expect(byKey.get('national-open-platforms-2026')).toMatchObject({
        min: 2,
        max: 3,
        shape: 'RANGE',
        current: 0,
        sampleRecords: 2,
        met: false,
        action: 'INNOVATION_PLATFORMS',
      });
      expect(byKey.get('featured-parks-2026')).toMatchObject({ min: 10, max: 10, shape: 'ABOUT', approximate: true });
      expect(byKey.get('compute-2026')).toMatchObject({ metric: 'INTELLIGENT_COMPUTE_PFLOPS', current: 250 });
      // The capacities stored then were intelligent compute by definition; all compute includes them.
      expect(byKey.get('baseline-compute-2023')).toMatchObject({ metric: 'ALL_COMPUTE_PFLOPS', current: 250, progress: null });
      expect(byKey.get('baseline-large-models-2023')).toMatchObject({ metric: 'LARGE_MODEL_PRODUCTS', current: 0, sampleRecords: 13, progress: null });
      expect(
        byKey
          .get('compute-2026')!
          .citations.map((c) => c.kind)
          .sort(),
      ).toEqual(['OFFICIAL_PLAN', 'PUBLIC_SOURCE']);
      // Search finds the renamed sample firm by its old spellings.
      for (const q of ['澜析', 'lanxi', '澜析智能科技（青岛）有限公司（示例）']) {
        const { search } = await gql(SearchAllDocument, { q });
        const names = search.edges.map((e) => ('nameZh' in e.node ? e.node.nameZh : null));
        expect([q, names]).toEqual([q, expect.arrayContaining(['澜析智能科技（青岛）有限公司（示例）'])]);
      }
    } finally {
      await app.close();
    }
  });
});

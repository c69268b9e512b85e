import { couldBeRealRegistration, isSampleCreditCode, isValidCreditCode } from '../../src/common/credit-code';
import { loadSynthetic, removeSynthetic } from '../../src/db/synthetic/load';
import { HonestComputeCentersDocument, HonestFirmsDocument, HonestParksDocument, HonestSectorsDocument, type HonestFirmsQuery } from '../generated/graphql';
import { GraphQLResponse, startTestServer, TestServer } from '../helpers/test-server';

type Firm = HonestFirmsQuery['enterprises']['edges'][number]['node'];

const PROVENANCE_TABLES = [
  'enterprise',
  'large_model',
  'park',
  'innovation_platform',
  'compute_center',
  'compute_capacity',
  'compute_voucher_program',
  'compute_voucher_grant',
  'plan_indicator',
  'sector',
  'scenario',
  'institution',
  'national_innovation_task',
];
const NAMED_TABLES = ['enterprise', 'innovation_platform', 'scenario', 'large_model', 'park', 'institution', 'national_innovation_task'];

describe('where the data comes from', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  async function allFirms(): Promise<Firm[]> {
    const firms: Firm[] = [];
    let after: string | null = null;
    for (;;) {
      const res: GraphQLResponse<HonestFirmsQuery> = await server.gql(HonestFirmsDocument, { first: 100, after });
      expect(res.errors).toBeUndefined();
      firms.push(...res.data!.enterprises.edges.map((e) => e.node));
      if (!res.data!.enterprises.pageInfo.hasNextPage) return firms;
      after = res.data!.enterprises.pageInfo.endCursor ?? null;
    }
  }

  it('every sample record says so in Chinese and English, and carries no verifiedAt', async () => {
    const firms = (await allFirms()).filter((f) => f.provenance.kind === 'SAMPLE');
    expect(firms.length).toBeGreaterThan(50);
    for (const f of firms) {
      expect(f.nameZh).toContain('（示例）');
      expect(f.nameEn).toContain('(sample)');
      expect(f.provenance.verifiedAt).toBeNull();
    }
    for (const table of NAMED_TABLES) {
      const [row] = await server.sql<{ n: number }>(
        `select count(*)::int as n from ${table} where provenance_kind = 'SAMPLE' and position('示例' in name_zh) = 0`,
      );
      expect([table, Number(row.n)]).toEqual([table, 0]);
    }
    for (const table of PROVENANCE_TABLES) {
      const [row] = await server.sql<{ invented: number; dated: number; undated: number }>(
        `select count(*) filter (where provenance_kind in ('SAMPLE', 'SYNTHETIC'))::int as invented,
                count(*) filter (where provenance_kind in ('SAMPLE', 'SYNTHETIC') and provenance_verified_at is not null)::int as dated,
                count(*) filter (where provenance_kind not in ('SAMPLE', 'SYNTHETIC') and provenance_verified_at is null)::int as undated
           from ${table}`,
      );
      expect([table, Number(row.dated), Number(row.undated)]).toEqual([table, 0, 0]);
    }
  });

  it('sample credit codes pass the check character but cannot belong to a real registration', async () => {
    const firms = (await allFirms()).filter((f) => f.provenance.kind === 'SAMPLE' && f.creditCode);
    expect(firms.length).toBeGreaterThan(20);
    for (const { creditCode } of firms) {
      expect(isValidCreditCode(creditCode!)).toBe(true);
      expect(isSampleCreditCode(creditCode!)).toBe(true);
      expect(couldBeRealRegistration(creditCode!)).toBe(false);
    }
  });

  it('synthetic records follow the same rules', async () => {
    await loadSynthetic(server.db.em(), { enterprises: 1000, seed: 5 });
    try {
      for (const table of NAMED_TABLES) {
        const [row] = await server.sql<{ n: number; unmarked: number; dated: number; codes: number }>(
          `select count(*)::int as n, count(*) filter (where position('（合成）' in name_zh) = 0)::int as unmarked,
                  count(*) filter (where provenance_verified_at is not null)::int as dated
                  ${table === 'enterprise' ? `, count(*) filter (where credit_code is not null and substr(credit_code, 3, 6) <> '000000')::int as codes` : ', 0 as codes'}
             from ${table} where provenance_kind = 'SYNTHETIC'`,
        );
        // 1,000 firms make no parks (the seeded ones suffice); the rules still hold for any there are.
        if (table !== 'park') expect(Number(row.n)).toBeGreaterThan(0);
        expect([table, Number(row.unmarked), Number(row.dated), Number(row.codes)]).toEqual([table, 0, 0, 0]);
      }
    } finally {
      await removeSynthetic(server.db.em());
    }
  });

  it('what the editors wrote or inferred is EDITORIAL, with a note saying what it rests on', async () => {
    const sectors = await server.gql(HonestSectorsDocument);
    expect(sectors.errors).toBeUndefined();
    expect(sectors.data!.sectors).toHaveLength(8);
    for (const s of sectors.data!.sectors) {
      expect(s.provenance.kind).toBe('EDITORIAL');
      expect(s.provenance.note).toContain('编辑');
      expect(s.provenance.note).toContain('plan');
      expect(s.provenance.verifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }

    const parks = await server.gql(HonestParksDocument);
    expect(parks.errors).toBeUndefined();
    const planParks = parks.data!.parks.edges.map((e) => e.node).filter((p) => p.provenance.kind === 'PUBLIC_SOURCE');
    expect(planParks).toHaveLength(6);
    for (const p of planParks) {
      expect(p.focusSectorsProvenance.kind).toBe('EDITORIAL');
      expect(p.focusSectorsProvenance.note).toContain('The plan assigns no sectors to parks');
    }

    const centres = await server.gql(HonestComputeCentersDocument);
    expect(centres.errors).toBeUndefined();
    const editorial = centres.data!.computeCenters.edges.map((e) => e.node).filter((c) => c.provenance.kind === 'EDITORIAL');
    expect(editorial.map((c) => c.nameZh).sort()).toEqual(['中国移动智算中心（青岛）', '海洋高性能混合算力平台']);
    for (const c of editorial) expect(c.provenance.note).toContain('inference');
    // Nothing the plan states is left labelled as the plan's except the plan's own figures.
    const official = await server.sql<{ t: string }>(
      `select 'sector' as t from sector where provenance_kind = 'OFFICIAL_PLAN' union all select 'compute_center' from compute_center where provenance_kind = 'OFFICIAL_PLAN'`,
    );
    expect(official).toEqual([]);
  });
});

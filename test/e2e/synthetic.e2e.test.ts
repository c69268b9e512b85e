import { countSynthetic, loadSynthetic, removeSynthetic, SyntheticDataExistsError } from '../../src/db/synthetic/load';
import { CoverageFilteredDocument, EnterpriseFacetsFullDocument, SearchAllDocument } from '../generated/graphql';
import { startTestServer, TestServer } from '../helpers/test-server';

/** The synthetic data set: deterministic, marked SYNTHETIC, removable without touching the seeds. */
describe('synthetic data', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const TABLES = [
    'park',
    'enterprise',
    'innovation_platform',
    'scenario',
    'large_model',
    'enterprise_sector',
    'enterprise_park',
    'park_focus_sector',
    'platform_sector',
    'platform_host',
    'scenario_provider',
    'large_model_sector',
    'large_model_developer',
    'compute_center',
    'plan_indicator',
    'sector',
  ];

  async function tableCounts(): Promise<Record<string, number>> {
    const [row] = await server.sql<Record<string, number>>(`select ${TABLES.map((t) => `(select count(*) from ${t})::int as ${t}`).join(', ')}`);
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  }

  async function syntheticNames(): Promise<string[]> {
    const rows = await server.sql<{ name_zh: string }>(
      `select name_zh from (select name_zh, 1 as t, id from park where provenance_kind = 'SYNTHETIC'
                            union all select name_zh, 2, id from enterprise where provenance_kind = 'SYNTHETIC'
                            union all select name_zh, 3, id from innovation_platform where provenance_kind = 'SYNTHETIC'
                            union all select name_zh, 4, id from scenario where provenance_kind = 'SYNTHETIC'
                            union all select name_zh, 5, id from large_model where provenance_kind = 'SYNTHETIC') x order by t, id`,
    );
    return rows.map((r) => r.name_zh);
  }

  it('500 firms with seed 7: same records twice, all SYNTHETIC, counts in proportion; --remove leaves the seeds intact', async () => {
    const seeds = await tableCounts();
    const first = await loadSynthetic(server.db.em(), { enterprises: 500, seed: 7 });
    expect(first).toMatchObject({ enterprises: 500, parks: 0, platforms: 10, scenarios: 25, largeModels: 1 });
    expect(await countSynthetic(server.db.em())).toEqual({ enterprises: 500, parks: 0, platforms: 10, scenarios: 25, largeModels: 1 });
    const namesOnce = await syntheticNames();
    expect(namesOnce).toHaveLength(536);
    const loaded = await tableCounts();
    expect(loaded.enterprise).toBe(seeds.enterprise + 500);
    const [links] = await server.sql<{ sectors: number; parks: number; bad: number }>(
      `select (select count(*) from enterprise_sector es join enterprise e on e.id = es.enterprise_id where e.provenance_kind = 'SYNTHETIC')::int as sectors,
              (select count(*) from enterprise_park ep join enterprise e on e.id = ep.enterprise_id where e.provenance_kind = 'SYNTHETIC')::int as parks,
              (select count(*) from enterprise e where e.provenance_kind = 'SYNTHETIC' and (
                 (select count(*) from enterprise_sector es where es.enterprise_id = e.id) not between 1 and 3
                 or (select count(*) from enterprise_park ep where ep.enterprise_id = e.id) not between 1 and 2))::int as bad`,
    );
    expect(Number(links.bad)).toBe(0);
    expect(Number(links.sectors)).toBeGreaterThan(500);
    expect(Number(links.parks)).toBeGreaterThanOrEqual(500);

    // Raw bulk inserts fill the search columns too: a synthetic firm is found by its name and by pinyin.
    const [firm] = await server.sql<{ name_zh: string; search_pinyin: string | null }>(
      `select name_zh, search_pinyin from enterprise where provenance_kind = 'SYNTHETIC' order by id limit 1`,
    );
    expect(firm.search_pinyin).toBeTruthy();
    const found = await server.gql(SearchAllDocument, { q: firm.name_zh });
    expect(found.errors).toBeUndefined();
    expect(found.data!.search.edges.map((e) => (e.node as { nameZh?: string }).nameZh)).toContain(firm.name_zh);

    // Loading again on top is refused: it would double the data set.
    await expect(loadSynthetic(server.db.em(), { enterprises: 500, seed: 7 })).rejects.toBeInstanceOf(SyntheticDataExistsError);

    // The API counts synthetic records like any other (facets and coverage equal SQL with them).
    const facets = await server.gql(EnterpriseFacetsFullDocument, {});
    expect(facets.data!.enterpriseFacets.total).toBe(loaded.enterprise);
    const cov = await server.gql(CoverageFilteredDocument, {});
    const [{ pairs }] = await server.sql<{ pairs: number }>(
      `select count(*)::int as pairs from enterprise_park ep join enterprise_sector es on es.enterprise_id = ep.enterprise_id`,
    );
    expect(cov.data!.coverage.cells.reduce((s, c) => s + c.enterpriseCount, 0)).toBe(Number(pairs));

    const removed = await removeSynthetic(server.db.em());
    expect(removed).toEqual({ enterprises: 500, parks: 0, platforms: 10, scenarios: 25, largeModels: 1 });
    expect(await tableCounts()).toEqual(seeds);
    const [{ n }] = await server.sql<{ n: number }>(`select count(*)::int as n from enterprise where provenance_kind = 'SYNTHETIC'`);
    expect(Number(n)).toBe(0);

    // Same seed, same data set; a new insert after removal still gets fresh ids.
    await loadSynthetic(server.db.em(), { enterprises: 500, seed: 7 });
    expect(await syntheticNames()).toEqual(namesOnce);
    await removeSynthetic(server.db.em());
    expect(await tableCounts()).toEqual(seeds);
  });

  it('a larger run adds synthetic parks (one per hundred firms beyond the existing ones) and replaces on request', async () => {
    const seeds = await tableCounts();
    const report = await loadSynthetic(server.db.em(), { enterprises: 1200, seed: 3 });
    expect(report.parks).toBe(12 - seeds.park);
    const [row] = await server.sql<{ parks: number; focus: number; roles: number }>(
      `select count(*)::int as parks, (select count(*) from park_focus_sector f join park p on p.id = f.park_id where p.provenance_kind = 'SYNTHETIC')::int as focus,
              count(distinct role)::int as roles from park where provenance_kind = 'SYNTHETIC'`,
    );
    expect(Number(row.parks)).toBe(report.parks);
    expect(Number(row.focus)).toBeGreaterThanOrEqual(report.parks);
    const replaced = await loadSynthetic(server.db.em(), { enterprises: 600, seed: 3 }, { replace: true });
    expect(replaced.removed).toMatchObject({ enterprises: 1200, parks: report.parks });
    expect((await countSynthetic(server.db.em())).enterprises).toBe(600);
    await removeSynthetic(server.db.em());
    expect(await tableCounts()).toEqual(seeds);
  });
});

import { countSynthetic, loadSynthetic, removeSynthetic, SyntheticDataExistsError } from '../../src/db/synthetic/load';
import { ActionPlanFullDocument, CoverageFilteredDocument, EnterpriseFacetsFullDocument, SearchAllDocument } from '../generated/graphql';
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
    'enterprise_chain_node',
    'firm_designation',
    'firm_figure',
    'institution',
    'platform_institution_host',
    'national_innovation_task',
    'national_task_enterprise_winner',
    'national_task_institution_winner',
    'data_product',
    'data_product_sector',
    'compute_voucher_program',
    'compute_voucher_grant',
  ];
  /** Tables of named records the generator makes, in the order syntheticNames lists them. */
  const NAMED = [
    'park',
    'enterprise',
    'innovation_platform',
    'scenario',
    'large_model',
    'institution',
    'national_innovation_task',
    'data_product',
    'compute_voucher_program',
  ];
  const COUNTS_500 = {
    enterprises: 500,
    parks: 0,
    platforms: 10,
    scenarios: 25,
    largeModels: 1,
    institutions: 2,
    nationalTasks: 1,
    dataProducts: 5,
    voucherPrograms: 3,
    voucherGrants: 20,
  };

  async function tableCounts(): Promise<Record<string, number>> {
    const [row] = await server.sql<Record<string, number>>(`select ${TABLES.map((t) => `(select count(*) from ${t})::int as ${t}`).join(', ')}`);
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  }

  async function syntheticNames(): Promise<string[]> {
    const rows = await server.sql<{ name_zh: string }>(
      `select name_zh from (${NAMED.map((t, i) => `select name_zh, ${i} as t, id from ${t} where provenance_kind = 'SYNTHETIC'`).join(' union all ')}) x order by t, id`,
    );
    return rows.map((r) => r.name_zh);
  }

  it('500 firms with seed 7: same records twice, all SYNTHETIC, counts in proportion; --remove leaves the seeds intact', async () => {
    const seeds = await tableCounts();
    const first = await loadSynthetic(server.db.em(), { enterprises: 500, seed: 7 });
    expect(first).toMatchObject(COUNTS_500);
    expect(first.designations).toBeGreaterThan(0);
    expect(first.figures).toBeGreaterThan(0);
    expect(await countSynthetic(server.db.em())).toEqual({ ...COUNTS_500, designations: first.designations, figures: first.figures });
    const namesOnce = await syntheticNames();
    expect(namesOnce).toHaveLength(536 + 2 + 1 + 5 + 3);
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
    expect(removed).toEqual({ ...COUNTS_500, designations: first.designations, figures: first.figures });
    expect(await tableCounts()).toEqual(seeds);
    const [{ n }] = await server.sql<{ n: number }>(`select count(*)::int as n from enterprise where provenance_kind = 'SYNTHETIC'`);
    expect(Number(n)).toBe(0);

    // Same seed, same data set; a new insert after removal still gets fresh ids.
    await loadSynthetic(server.db.em(), { enterprises: 500, seed: 7 });
    expect(await syntheticNames()).toEqual(namesOnce);
    await removeSynthetic(server.db.em());
    expect(await tableCounts()).toEqual(seeds);
  });

  it('chain links, designations, figures, institutions, tasks, data products and vouchers: SYNTHETIC, on synthetic records, never counted by the plan', async () => {
    const plan = async () => {
      const res = await server.gql(ActionPlanFullDocument);
      expect(res.errors).toBeUndefined();
      return new Map([...res.data!.actionPlan.targets, ...res.data!.actionPlan.baselines].map((t) => [t.key, t]));
    };
    const seeds = await tableCounts();
    const before = await plan();
    const report = await loadSynthetic(server.db.em(), { enterprises: 3000, seed: 5 });
    try {
      // Every new record is SYNTHETIC and hangs off synthetic records only.
      const [row] = await server.sql<Record<string, number>>(
        `select
           (select count(*) from enterprise e where e.provenance_kind = 'SYNTHETIC'
              and (select count(*) from enterprise_chain_node l where l.enterprise_id = e.id) not between 1 and 2)::int as "firmsWithoutChain",
           (select count(*) from enterprise_chain_node l join enterprise e on e.id = l.enterprise_id join chain_node n on n.id = l.chain_node_id
             where e.provenance_kind = 'SYNTHETIC' and (n.retired or n.parent_id is null))::int as "badChainLinks",
           (select count(*) from firm_designation d join enterprise e on e.id = d.enterprise_id
             where d.provenance_kind = 'SYNTHETIC' and e.provenance_kind = 'SYNTHETIC')::int as designations,
           (select count(*) from firm_designation d join enterprise e on e.id = d.enterprise_id
             where e.provenance_kind = 'SYNTHETIC' and d.kind in ('LITTLE_GIANT', 'UNICORN', 'CHAIN_LEADER'))::int as influential,
           (select count(*) from firm_figure f join enterprise e on e.id = f.enterprise_id
             where f.provenance_kind = 'SYNTHETIC' and e.provenance_kind = 'SYNTHETIC')::int as figures,
           (select count(*) from institution where provenance_kind = 'SYNTHETIC')::int as institutions,
           (select count(*) from platform_institution_host h join institution i on i.id = h.institution_id join innovation_platform p on p.id = h.platform_id
             where i.provenance_kind = 'SYNTHETIC' and p.provenance_kind = 'SYNTHETIC')::int as "coHosted",
           (select count(*) from national_innovation_task t where t.provenance_kind = 'SYNTHETIC' and t.year >= 2024
              and exists (select 1 from national_task_enterprise_winner w where w.task_id = t.id))::int as tasks,
           (select count(*) from national_task_enterprise_winner w join national_innovation_task t on t.id = w.task_id join enterprise e on e.id = w.enterprise_id
             where t.provenance_kind = 'SYNTHETIC' and e.provenance_kind <> 'SYNTHETIC')::int as "realWinners",
           (select count(*) from data_product d join enterprise e on e.id = d.provider_id
             where d.provenance_kind = 'SYNTHETIC' and e.provenance_kind = 'SYNTHETIC'
               and exists (select 1 from data_product_sector s where s.data_product_id = d.id))::int as "dataProducts",
           (select count(*) from compute_voucher_program where provenance_kind = 'SYNTHETIC')::int as programs,
           (select count(*) from compute_voucher_grant g join enterprise e on e.id = g.enterprise_id join compute_voucher_program p on p.id = g.program_id
             where g.provenance_kind = 'SYNTHETIC' and e.provenance_kind = 'SYNTHETIC' and p.provenance_kind = 'SYNTHETIC'
               and extract(year from g.granted_on) = p.year)::int as grants,
           (select count(*) from compute_voucher_grant where provenance_kind = 'SYNTHETIC' and compute_center_id is not null)::int as redeemed,
           (select count(*) from (${NAMED.map((t) => `select name_zh, provenance_verified_at from ${t} where provenance_kind = 'SYNTHETIC'`).join(' union all ')}) x
             where position('（合成）' in name_zh) = 0 or provenance_verified_at is not null)::int as unmarked`,
      );
      const n = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
      expect(n).toMatchObject({
        firmsWithoutChain: 0,
        badChainLinks: 0,
        designations: report.designations,
        figures: report.figures,
        institutions: 3,
        tasks: 1,
        realWinners: 0,
        dataProducts: 30,
        programs: 3,
        grants: 120,
        unmarked: 0,
      });
      expect(n.influential).toBeGreaterThan(0);
      expect(n.coHosted).toBeGreaterThan(0);
      expect(n.redeemed).toBeGreaterThan(0);

      // The plan counts none of it: every current stays, and the invented records are reported beside it.
      const after = await plan();
      for (const [key, t] of before) expect([key, after.get(key)!.current]).toEqual([key, t.current]);
      for (const metric of ['NATIONAL_INNOVATION_TASKS', 'INFLUENTIAL_ENTERPRISES']) {
        const target = [...after.values()].find((t) => t.metric === metric)!;
        expect(target.sampleRecords).toBeGreaterThan(before.get(target.key)!.sampleRecords);
      }
    } finally {
      await removeSynthetic(server.db.em());
    }
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

import {
  EnterpriseDesignationsDocument,
  EnterpriseDetailDocument,
  EnterprisesFilteredDocument,
  type EnterprisesFilteredQuery,
  type EnterprisesFilteredQueryVariables,
  FirmsInParksBySectorDocument,
  NodesDocument,
  ParksPageDocument,
  PlatformsAndScenariosDocument,
  SectorsDocument,
} from '../generated/graphql';
import { toGlobalId } from '../../src/common/global-id';
import { startTestServer, TestServer } from '../helpers/test-server';

/** The public contract of schema/operations/directory.graphql, checked against SQL on the seeds. */
describe('directory contract operations', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('Sectors: the eight focus sectors in the plan’s order, Chinese names first', async () => {
    const res = await server.gql(SectorsDocument);
    expect(res.errors).toBeUndefined();
    expect(res.data!.sectors.map((s) => `${s.code}:${s.nameZh}`)).toEqual([
      'INDUSTRIAL_MANUFACTURING:工业制造',
      'SMART_OCEAN:智慧海洋',
      'MODERN_AGRICULTURE:现代农业',
      'TRANSPORTATION:交通运输',
      'HEALTH_ELDERLY_CARE:医养健康',
      'SMART_EDUCATION:智慧教育',
      'CULTURE_TOURISM:文化旅游',
      'SOCIAL_GOVERNANCE:社会治理',
    ]);
  });

  it('ParksPage: the six parks of the plan, the Laoshan park the only primary one, paged by cursor', async () => {
    const first = await server.gql(ParksPageDocument, { first: 4 });
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.parks;
    expect(page1.totalCount).toBe(6);
    expect(page1.edges).toHaveLength(4);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await server.gql(ParksPageDocument, { first: 4, after: page1.pageInfo.endCursor });
    const page2 = second.data!.parks;
    expect(page2.edges).toHaveLength(2);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const all = [...page1.edges, ...page2.edges].map((e) => e.node);
    expect(new Set(all.map((p) => p.id)).size).toBe(6);
    expect(all.filter((p) => p.role === 'PRIMARY').map((p) => p.nameZh)).toEqual(['崂山区人工智能产业园']);
    expect(all.find((p) => p.nameZh === '崂山区人工智能产业园')!.district).toBe('崂山区');
    for (const park of all) expect(park.focusSectors.length).toBeGreaterThan(0);
  });

  it('FirmsInParksBySector: per park, the firms serving the sector, with counts equal to SQL', async () => {
    const res = await server.gql(FirmsInParksBySectorDocument, { sector: 'SMART_OCEAN', parks: 20, firms: 100 });
    expect(res.errors).toBeUndefined();
    const expected = await server.sql<{ name_zh: string; n: number }>(
      `select p.name_zh, count(distinct ep.enterprise_id)::int as n
         from park p
         left join enterprise_park ep on ep.park_id = p.id
          and exists (select 1 from enterprise_sector es where es.enterprise_id = ep.enterprise_id and es.sector_code = 'SMART_OCEAN')
        group by p.id, p.name_zh`,
    );
    const parks = res.data!.parks.edges.map((e) => e.node);
    expect(parks).toHaveLength(expected.length);
    let firmsSeen = 0;
    for (const park of parks) {
      const want = expected.find((r) => r.name_zh === park.nameZh)!;
      expect(park.enterprises.totalCount).toBe(want.n);
      expect(park.enterprises.edges).toHaveLength(want.n);
      for (const { node } of park.enterprises.edges) {
        expect(node.sectors.map((s) => s.code)).toContain('SMART_OCEAN');
        firmsSeen++;
      }
    }
    expect(firmsSeen).toBeGreaterThan(5);
  });

  it('EnterpriseDetail: a firm with its relations and provenance', async () => {
    const [firm] = await server.sql<{ id: number }>(
      `select e.id from enterprise e
        where exists (select 1 from platform_host h where h.enterprise_id = e.id)
          and exists (select 1 from scenario_provider sp where sp.enterprise_id = e.id)
        order by e.id limit 1`,
    );
    const id = Buffer.from(`Enterprise:${firm.id}`).toString('base64url');
    const res = await server.gql(EnterpriseDetailDocument, { id });
    expect(res.errors).toBeUndefined();
    // The contract does not ask for __typename; an Enterprise is the only type with these fields.
    const node = res.data!.node as Extract<NonNullable<typeof res.data>['node'], { creditCode?: unknown }>;
    expect(node).toHaveProperty('layer');
    expect(node.id).toBe(id);
    expect(node.version).toBe(1);
    expect(node.provenance.kind).toBe('SAMPLE');
    // A sample firm was never checked against anything: it carries no verifiedAt.
    expect(node.provenance.verifiedAt).toBeNull();
    const [counts] = await server.sql<{ parks: number; platforms: number; scenarios: number; sectors: number }>(
      `select (select count(*)::int from enterprise_park where enterprise_id = $1) as parks,
              (select count(*)::int from platform_host where enterprise_id = $1) as platforms,
              (select count(*)::int from scenario_provider where enterprise_id = $1) as scenarios,
              (select count(*)::int from enterprise_sector where enterprise_id = $1) as sectors`,
      [firm.id],
    );
    expect(node.parks.edges).toHaveLength(counts.parks);
    expect(node.platforms.edges).toHaveLength(counts.platforms);
    expect(node.scenarios.edges).toHaveLength(counts.scenarios);
    expect(node.sectors).toHaveLength(counts.sectors);
    expect(counts.platforms).toBeGreaterThan(0);
    for (const s of node.scenarios.edges) expect(s.node.sector.code).toBeTruthy();
  });

  it('EnterprisesFiltered: sector + layer + district filters give the SQL count, every page', async () => {
    const filter = { sectors: ['INDUSTRIAL_MANUFACTURING' as const], layers: ['APPLICATION' as const, 'TECHNOLOGY' as const], districts: ['崂山区', '高新区'] };
    const [want] = await server.sql<{ n: number }>(
      `select count(*)::int as n from enterprise e
        where e.layer in ('APPLICATION','TECHNOLOGY')
          and exists (select 1 from enterprise_sector es where es.enterprise_id = e.id and es.sector_code = 'INDUSTRIAL_MANUFACTURING')
          and exists (select 1 from enterprise_park ep join park p on p.id = ep.park_id where ep.enterprise_id = e.id and p.district in ('崂山区','高新区'))`,
    );
    expect(want.n).toBeGreaterThan(3);
    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (;;) {
      const res: Awaited<ReturnType<typeof server.gql<EnterprisesFilteredQuery, EnterprisesFilteredQueryVariables>>> = await server.gql(
        EnterprisesFilteredDocument,
        { filter, first: 3, after },
      );
      expect(res.errors).toBeUndefined();
      const conn = res.data!.enterprises;
      expect(conn.totalCount).toBe(want.n);
      for (const { node } of conn.edges) {
        expect(['APPLICATION', 'TECHNOLOGY']).toContain(node.layer);
        expect(node.sectors.map((s) => s.code)).toContain('INDUSTRIAL_MANUFACTURING');
        seen.push(node.id);
      }
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(want.n);
    expect(new Set(seen).size).toBe(want.n);
  });

  it('PlatformsAndScenarios: every platform and scenario with its park, hosts and providers', async () => {
    const res = await server.gql(PlatformsAndScenariosDocument);
    expect(res.errors).toBeUndefined();
    const [counts] = await server.sql<{ platforms: number; scenarios: number; parked: number }>(
      `select (select count(*)::int from innovation_platform) as platforms, (select count(*)::int from scenario) as scenarios,
              (select count(*)::int from scenario where park_id is not null) as parked`,
    );
    expect(res.data!.platforms.totalCount).toBe(counts.platforms);
    expect(res.data!.platforms.edges).toHaveLength(Math.min(50, counts.platforms));
    expect(res.data!.scenarios.totalCount).toBe(counts.scenarios);
    expect(res.data!.scenarios.edges.filter((e) => e.node.park).length).toBe(Math.min(counts.parked, 50));
    const kinds = new Set(res.data!.platforms.edges.map((e) => e.node.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(6);
    expect(res.data!.platforms.edges.every((e) => e.node.hosts.edges.length > 0)).toBe(true);
  });

  it('Nodes: mixed types in the order asked, null for missing ones', async () => {
    const ids = [
      Buffer.from('Park:1').toString('base64url'),
      Buffer.from('Sector:SMART_OCEAN').toString('base64url'),
      Buffer.from('Enterprise:999999').toString('base64url'),
      Buffer.from('Scenario:1').toString('base64url'),
    ];
    const res = await server.gql(NodesDocument, { ids });
    expect(res.errors).toBeUndefined();
    expect(res.data!.nodes.map((n) => n?.__typename ?? null)).toEqual(['Park', 'Sector', null, 'Scenario']);
    expect(res.data!.nodes[0]!.id).toBe(ids[0]);
  });
  it('EnterpriseDesignations: a firm’s recognitions with their provenance, equal to SQL', async () => {
    const [firm] = await server.sql<{ id: number; n: number }>(
      'select enterprise_id as id, count(*)::int as n from firm_designation group by 1 order by 2 desc, 1 limit 1',
    );
    expect(firm.n).toBeGreaterThan(1);
    const res = await server.gql(EnterpriseDesignationsDocument, { id: toGlobalId('Enterprise', firm.id) });
    expect(res.errors).toBeUndefined();
    const node = res.data!.node as { designations: Array<{ kind: string; level: string; year: number; provenance: { kind: string } }> };
    const rows = await server.sql<{ kind: string; level: string; year: number; provenance_kind: string }>(
      'select kind, level, year, provenance_kind from firm_designation where enterprise_id = $1',
      [firm.id],
    );
    const key = (d: { kind: string; level: string; year: number }) => `${d.kind}/${d.level}/${d.year}`;
    expect(node.designations.map(key).sort()).toEqual(rows.map(key).sort());
    for (const d of node.designations) expect(d.provenance.kind).toBe('SAMPLE');
  });
});

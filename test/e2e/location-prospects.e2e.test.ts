import {
  ChainGapNodesDocument,
  CitiesDocument,
  CreateFirmAtDocument,
  EnterpriseMatchesPageDocument,
  FirmsByLocationDocument,
  LocationFacetsDocument,
  MatchFirmsWithCandidatesDocument,
  NestedMatchCostDocument,
  NestedMatchListCostDocument,
  ParkMatchesPageDocument,
  ProspectsDefaultDocument,
  ProspectsForParkDocument,
  ProspectsForParkQuery,
  UpdateFirmAtDocument,
} from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { GraphQLResponse, startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');
const localId = (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);
const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.map((e) => e.extensions?.code);

/** The prospecting weights as docs/zhaoshang.md states them, written out again here. */
const PROSPECT = {
  SECTOR_FIT: 0.25,
  CHAIN_GAP: 0.3,
  SCENARIO_DEMAND: 0.15,
  PLATFORM_TIES: 0,
  PROVEN_DELIVERY: 0.05,
  LARGE_MODEL: 0.05,
  SAME_DISTRICT: 0,
  CHAIN_SEGMENT: 0.2,
};

type Scored = { score: number; enterprise: { id: string }; reasons: Array<{ kind: string; contribution: number; value: number; weight: number }> };

/** The explainability rules of matching: contributions are weight × value, positive, largest first, and sum to the score. */
function expectExplained(m: Scored, weights?: Record<string, number>) {
  expect(m.score).toBeGreaterThan(0);
  expect(m.reasons.length).toBeGreaterThan(0);
  expect(m.reasons.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(m.score, 12);
  for (const r of m.reasons) {
    expect(r.contribution).toBeGreaterThan(0);
    expect(r.contribution).toBeCloseTo(r.weight * r.value, 12);
    if (weights) expect(r.weight).toBeCloseTo(weights[r.kind], 12);
  }
  const contributions = m.reasons.map((r) => r.contribution);
  expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
}

/** Ranked by score, ties by ID. */
function expectRanked(list: Scored[]) {
  for (let i = 1; i < list.length; i++) {
    const [a, b] = [list[i - 1], list[i]];
    expect(a.score > b.score || (a.score === b.score && localId(a.enterprise.id) < localId(b.enterprise.id))).toBe(true);
  }
}

describe('firms outside Qingdao, matching as connections, and prospecting (issue 14)', () => {
  let server: TestServer;
  let laoshan: number;
  let westCoast: number;
  let editor: Record<string, string>;
  const park = (id: number) => gid('Park', id);

  beforeAll(async () => {
    server = await startTestServer();
    [{ id: laoshan }] = await server.sql<{ id: number }>(`select id from park where name_zh = '崂山区人工智能产业园'`);
    [{ id: westCoast }] = await server.sql<{ id: number }>(`select id from park where name_zh = '西海岸新区光谷软件园'`);
    editor = (await createTestKey(server, 'editor', '招商测试')).headers;
  });
  afterAll(() => server?.close());

  /** Firms outside Qingdao that a park's prospect list must hold: serving a focus sector or a sector the park has open demand in. */
  async function expectedProspects(parkId: number, presences: string[]): Promise<number[]> {
    const rows = await server.sql<{ id: number }>(
      `select e.id from enterprise e where e.presence = any(string_to_array($2, ','))
         and not exists (select 1 from enterprise_park ep where ep.enterprise_id = e.id and ep.park_id = $1)
         and (exists (select 1 from enterprise_sector es join park_focus_sector pf on pf.sector_code = es.sector_code where es.enterprise_id = e.id and pf.park_id = $1)
           or exists (select 1 from enterprise_sector es join scenario s on s.sector_code = es.sector_code and s.park_id = $1 and s.status in ('OPEN_FOR_BIDS','PLANNED') where es.enterprise_id = e.id)
           or exists (select 1 from scenario_provider sp join scenario s on s.id = sp.scenario_id and s.status in ('DEPLOYED','SHOWCASE') join park_focus_sector pf on pf.sector_code = s.sector_code and pf.park_id = $1 where sp.enterprise_id = e.id)
           or exists (select 1 from large_model_developer d join large_model_sector ls on ls.large_model_id = d.large_model_id join park_focus_sector pf on pf.sector_code = ls.sector_code and pf.park_id = $1 where d.enterprise_id = e.id)
           or exists (select 1 from enterprise_chain_node l join chain_node n on n.id = l.chain_node_id join park_focus_sector pf on pf.sector_code = n.sector_code and pf.park_id = $1 where l.enterprise_id = e.id))
       order by e.id`,
      [parkId, presences.join(',')],
    );
    return rows.map((r) => r.id);
  }

  describe('location', () => {
    it('existing firms are LOCAL in 青岛市; the sample outside firms sit in several provinces and are marked as samples', async () => {
      const local = await server.gql(FirmsByLocationDocument, { filter: { presence: ['LOCAL'] }, first: 100 });
      expect(local.errors).toBeUndefined();
      expect(local.data!.enterprises.totalCount).toBeGreaterThan(50);
      for (const { node } of local.data!.enterprises.edges) expect(node.headquarters).toMatchObject({ nameZh: '青岛市', province: '山东省' });

      const rows = await server.sql<{ name_zh: string; name_en: string; credit_code: string; headquarters_province: string; provenance_kind: string }>(
        `select name_zh, name_en, credit_code, headquarters_province, provenance_kind from enterprise where presence <> 'LOCAL'`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(10);
      expect(new Set(rows.map((r) => r.headquarters_province)).size).toBeGreaterThanOrEqual(5);
      for (const r of rows) {
        expect(r.provenance_kind).toBe('SAMPLE');
        expect(r.name_zh).toMatch(/（示例）$/);
        expect(r.name_en).toMatch(/\(sample\)$/);
        expect(r.credit_code.slice(2, 8)).toBe('000000');
      }
    });

    it('filters by presence, province and city in any accepted spelling, and facets count them', async () => {
      const [{ n: guangdong }] = await server.sql<{ n: number }>(`select count(*)::int as n from enterprise where headquarters_province = '广东省'`);
      expect(guangdong).toBeGreaterThan(0);
      for (const name of ['广东省', '广东', 'Guangdong']) {
        const res = await server.gql(FirmsByLocationDocument, { filter: { headquartersProvinces: [name] }, first: 50 });
        expect(res.data!.enterprises.totalCount).toBe(guangdong);
        for (const { node } of res.data!.enterprises.edges) expect(node.headquarters).toMatchObject({ province: '广东省', provinceEn: 'Guangdong' });
      }
      const [{ n: shenzhen }] = await server.sql<{ n: number }>(`select count(*)::int as n from enterprise where headquarters_city = '深圳市'`);
      for (const name of ['深圳市', '深圳', 'Shenzhen', 'shenzhen']) {
        const res = await server.gql(FirmsByLocationDocument, { filter: { headquartersCities: [name] }, first: 50 });
        expect(res.data!.enterprises.totalCount).toBe(shenzhen);
      }
      const both = await server.gql(FirmsByLocationDocument, { filter: { presence: ['BOTH'] }, first: 50 });
      const [{ n: bothCount }] = await server.sql<{ n: number }>(`select count(*)::int as n from enterprise where presence = 'BOTH'`);
      expect(both.data!.enterprises.totalCount).toBe(bothCount);

      const facets = await server.gql(LocationFacetsDocument, {});
      const f = facets.data!.enterpriseFacets;
      expect(f.byPresence.map((p) => p.presence)).toEqual(['LOCAL', 'OUTSIDE', 'BOTH']);
      expect(f.byPresence.reduce((s, p) => s + p.count, 0)).toBe(f.total);
      expect(f.byHeadquartersProvince.reduce((s, p) => s + p.count, 0)).toBe(f.total);
      expect(f.byHeadquartersProvince.find((p) => p.province === '广东省')).toMatchObject({ provinceEn: 'Guangdong', count: guangdong });
      expect(f.byHeadquartersCity.reduce((s, c) => s + c.count, 0)).toBe(f.total);
      expect(f.byHeadquartersCity.find((c) => c.city === '深圳市')).toEqual({ city: '深圳市', cityEn: 'Shenzhen', province: '广东省', count: shenzhen });
      expect(f.byHeadquartersCity[0].city).toBe('青岛市');
      const outside = await server.gql(LocationFacetsDocument, { filter: { presence: ['OUTSIDE', 'BOTH'] } });
      expect(outside.data!.enterpriseFacets.byHeadquartersProvince.find((p) => p.province === '山东省')?.count ?? 0).toBe(
        (await server.sql<{ n: number }>(`select count(*)::int as n from enterprise where presence <> 'LOCAL' and headquarters_province = '山东省'`))[0].n,
      );
    });

    it('an unknown or ambiguous place in a filter is BAD_USER_INPUT naming it', async () => {
      const province = await server.gql(FirmsByLocationDocument, { filter: { headquartersProvinces: ['火星省'] } });
      expect(codes(province)).toEqual(['BAD_USER_INPUT']);
      expect(province.errors![0].message).toMatch(/火星省/);
      const city = await server.gql(FirmsByLocationDocument, { filter: { headquartersCities: ['Atlantis'] } });
      expect(codes(city)).toEqual(['BAD_USER_INPUT']);
      const ambiguous = await server.gql(FirmsByLocationDocument, { filter: { headquartersCities: ['Suzhou'] } });
      expect(codes(ambiguous)).toEqual(['BAD_USER_INPUT']);
      expect(ambiguous.errors![0].message).toMatch(/苏州市.*宿州市|宿州市.*苏州市/);
    });

    it('lists the reference cities, by province', async () => {
      const all = await server.gql(CitiesDocument, {});
      expect(all.data!.cities.length).toBe(297);
      expect(all.data!.cities.find((c) => c.nameZh === '青岛市')).toMatchObject({ nameEn: 'Qingdao', pinyin: 'qingdao', province: '山东省' });
      const shandong = await server.gql(CitiesDocument, { province: '山东' });
      expect(shandong.data!.cities).toHaveLength(16);
      expect(codes(await server.gql(CitiesDocument, { province: 'Narnia' }))).toEqual(['BAD_USER_INPUT']);
    });

    it('create and update take a headquarters city; an unknown city or a presence that contradicts it is a userError and writes nothing', async () => {
      const count = async () => (await server.sql<{ n: number }>('select count(*)::int as n from enterprise'))[0].n;
      const before = await count();
      const unknown = await server.gql(
        CreateFirmAtDocument,
        { input: { nameZh: '无处科技（示例）', layer: 'APPLICATION', headquartersCity: '不存在市', presence: 'OUTSIDE' } },
        editor,
      );
      expect(unknown.data!.createEnterprise.enterprise).toBeNull();
      expect(unknown.data!.createEnterprise.userErrors).toEqual([expect.objectContaining({ field: ['input', 'headquartersCity'], code: 'BAD_USER_INPUT' })]);
      const contradicts = await server.gql(
        CreateFirmAtDocument,
        { input: { nameZh: '矛盾科技（示例）', layer: 'APPLICATION', headquartersCity: '深圳', presence: 'LOCAL' } },
        editor,
      );
      expect(contradicts.data!.createEnterprise.userErrors).toEqual([expect.objectContaining({ field: ['input', 'presence'], code: 'BAD_USER_INPUT' })]);
      const localElsewhere = await server.gql(
        CreateFirmAtDocument,
        { input: { nameZh: '默认科技（示例）', layer: 'APPLICATION', headquartersCity: 'Hangzhou' } },
        editor,
      );
      expect(localElsewhere.data!.createEnterprise.userErrors).toEqual([expect.objectContaining({ field: ['input', 'headquartersCity'] })]);
      expect(await count()).toBe(before);

      const made = await server.gql(
        CreateFirmAtDocument,
        { input: { nameZh: '远山测试科技（示例）', layer: 'TECHNOLOGY', headquartersCity: 'Chengdu', presence: 'OUTSIDE' } },
        editor,
      );
      expect(made.data!.createEnterprise.userErrors).toEqual([]);
      const firm = made.data!.createEnterprise.enterprise!;
      expect(firm).toMatchObject({ presence: 'OUTSIDE', headquarters: { nameZh: '成都市', province: '四川省' } });

      const toLocal = await server.gql(UpdateFirmAtDocument, { input: { id: firm.id, expectedVersion: firm.version, presence: 'LOCAL' } }, editor);
      expect(toLocal.data!.updateEnterprise.userErrors).toEqual([expect.objectContaining({ field: ['input', 'presence'] })]);
      const badCity = await server.gql(UpdateFirmAtDocument, { input: { id: firm.id, expectedVersion: firm.version, headquartersCity: 'Gotham' } }, editor);
      expect(badCity.data!.updateEnterprise.userErrors).toEqual([expect.objectContaining({ field: ['input', 'headquartersCity'] })]);
      const [row] = await server.sql<{ headquarters_city: string; presence: string; version: number }>(
        'select headquarters_city, presence, version from enterprise where id = $1',
        [localId(firm.id)],
      );
      expect(row).toEqual({ headquarters_city: '成都市', presence: 'OUTSIDE', version: firm.version });

      const landed = await server.gql(UpdateFirmAtDocument, { input: { id: firm.id, expectedVersion: firm.version, presence: 'BOTH' } }, editor);
      expect(landed.data!.updateEnterprise.userErrors).toEqual([]);
      expect(landed.data!.updateEnterprise.enterprise).toMatchObject({ presence: 'BOTH', headquarters: { nameZh: '成都市' } });
      const home = await server.gql(
        UpdateFirmAtDocument,
        { input: { id: firm.id, expectedVersion: landed.data!.updateEnterprise.enterprise!.version, headquartersCity: '青岛', presence: 'LOCAL' } },
        editor,
      );
      expect(home.data!.updateEnterprise.userErrors).toEqual([]);
      expect(home.data!.updateEnterprise.enterprise).toMatchObject({ presence: 'LOCAL', headquarters: { nameZh: '青岛市', province: '山东省' } });
    });
  });

  describe('prospecting', () => {
    it('on a fresh start, 崂山区人工智能产业园 gets outside firms with reasons that sum to the score', async () => {
      const res = await server.gql(ProspectsDefaultDocument, { parkId: park(laoshan) });
      expect(res.errors).toBeUndefined();
      const conn = res.data!.prospectsForPark;
      const want = await expectedProspects(laoshan, ['OUTSIDE', 'BOTH']);
      expect(want.length).toBeGreaterThan(3);
      expect(conn.totalCount).toBe(want.length);
      const list = conn.edges.map((e) => e.node);
      expect(list.map((m) => localId(m.enterprise.id)).sort((a, b) => a - b)).toEqual(want.slice(0, list.length));
      for (const m of list) {
        expect(['OUTSIDE', 'BOTH']).toContain(m.enterprise.presence);
        expect(m.enterprise.headquarters.nameZh).not.toBe('青岛市');
        expectExplained(m, PROSPECT);
        expect(m.reasons.map((r) => r.kind)).toContain('SECTOR_FIT');
      }
      expectRanked(list);
    });

    it('on a fresh start, 崂山区人工智能产业园 (no layer gap) ranks outside firms by the chain-map segments it lacks, and names them', async () => {
      const gaps = (await server.gql(ChainGapNodesDocument, { parkId: park(laoshan) })).data!.chainGaps;
      expect(gaps.every((g) => g.missingLayers.length === 0)).toBe(true);
      // The segments chainGaps names, per focus sector, and each node's names and ancestors (its id path).
      const nodes = new Map(
        (
          await server.sql<{ id: number; name_zh: string; name_en: string | null; id_path: string; sector_code: string | null }>(
            'select id, name_zh, name_en, id_path, sector_code from chain_node',
          )
        ).map((n) => [n.id, n]),
      );
      const missing = gaps.flatMap((g) => g.missingChainNodes.map((n) => ({ sector: g.sector.code, node: nodes.get(localId(n.id))! })));
      expect(missing.length).toBeGreaterThan(0);
      const links = await server.sql<{ enterprise_id: number; chain_node_id: number }>('select enterprise_id, chain_node_id from enterprise_chain_node');
      const sectorsOf = new Map<number, string[]>();
      for (const r of await server.sql<{ enterprise_id: number; sector_code: string }>('select enterprise_id, sector_code from enterprise_sector')) {
        sectorsOf.set(r.enterprise_id, [...(sectorsOf.get(r.enterprise_id) ?? []), r.sector_code]);
      }
      /** Missing segments a firm works in: linked to the segment or below it, and the segment is the sector's own or the firm serves the sector. */
      const segmentsOf = (firm: number) => {
        const under = links.filter((l) => l.enterprise_id === firm).map((l) => nodes.get(l.chain_node_id)!.id_path);
        const hit = missing.filter(
          (m) => under.some((path) => path.startsWith(m.node.id_path)) && (m.node.sector_code !== null || (sectorsOf.get(firm) ?? []).includes(m.sector)),
        );
        const unique = [...new Map(hit.map((m) => [m.node.id, m.node])).values()];
        // A segment and one of its sub-segments (missing in different sectors): the segment alone counts.
        return unique.filter((n) => !unique.some((up) => up !== n && n.id_path.startsWith(up.id_path))).sort((a, b) => a.id - b.id);
      };

      const res = await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), first: 100 });
      expect(res.errors).toBeUndefined();
      const list = res.data!.prospectsForPark.edges.map((e) => e.node);
      let filling = 0;
      for (const m of list) {
        expectExplained(m, PROSPECT);
        const want = segmentsOf(localId(m.enterprise.id));
        const reason = m.reasons.find((r) => r.kind === 'CHAIN_SEGMENT');
        if (want.length === 0) {
          expect(reason).toBeUndefined();
          continue;
        }
        filling++;
        expect(reason).toMatchObject({ value: Math.min(1, want.length / 2), weight: 0.2 });
        const named = want.map((n) => `${n.name_zh}（${n.name_en}）`);
        expect(reason!.detail).toBe(
          `补齐园区缺失的产业链环节: ${named.length > 3 ? `${named.slice(0, 3).join(', ')} 等 ${named.length} 个` : named.join(', ')}`,
        );
      }
      expect(filling).toBeGreaterThanOrEqual(3);
      // A firm filling segments outranks one with the same sector fit that fills none.
      const fit = (m: (typeof list)[number]) => m.reasons.find((r) => r.kind === 'SECTOR_FIT')?.contribution ?? 0;
      for (const a of list.filter((m) => m.reasons.some((r) => r.kind === 'CHAIN_SEGMENT'))) {
        for (const b of list.filter((m) => fit(m) === fit(a) && m.reasons.every((r) => r.kind === 'SECTOR_FIT'))) {
          expect(list.indexOf(a)).toBeLessThan(list.indexOf(b));
        }
      }
    });

    it('chainNodes: starting from a missing segment, prospects are the firms under it, ranked as before', async () => {
      const gaps = (await server.gql(ChainGapNodesDocument, { parkId: park(laoshan) })).data!.chainGaps;
      const paths = new Map((await server.sql<{ id: number; id_path: string }>('select id, id_path from chain_node')).map((n) => [n.id, n.id_path]));
      const links = await server.sql<{ enterprise_id: number; chain_node_id: number }>('select enterprise_id, chain_node_id from enterprise_chain_node');
      const under = (firm: number, node: number) => links.some((l) => l.enterprise_id === firm && paths.get(l.chain_node_id)!.startsWith(paths.get(node)!));
      const all = (await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), first: 100 })).data!.prospectsForPark;
      expect(all.totalCount).toBeLessThanOrEqual(100);
      const ranked = all.edges.map((e) => localId(e.node.enterprise.id));
      // A missing segment some outside prospect works in: the 以链招商 starting point.
      const segment = gaps
        .flatMap((g) => g.missingChainNodes)
        .map((n) => localId(n.id))
        .find((n) => ranked.some((f) => under(f, n)));
      expect(segment).toBeDefined();
      const res = await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), first: 100, chainNodes: [gid('ChainNode', segment!)] });
      expect(res.errors).toBeUndefined();
      const narrowed = res.data!.prospectsForPark;
      const want = ranked.filter((f) => under(f, segment!));
      expect(narrowed.totalCount).toBe(want.length);
      expect(narrowed.edges.map((e) => localId(e.node.enterprise.id))).toEqual(want);
      expect(want.length).toBeLessThan(ranked.length);
      for (const e of narrowed.edges) expectExplained(e.node, PROSPECT);

      const wrongType = await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), chainNodes: [park(laoshan)] });
      expect(wrongType.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('the statements prospecting runs do not grow with the page or the segments filled', async () => {
      const small = await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), first: 2, candidates: 'ALL' });
      const large = await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), first: 100, candidates: 'ALL' });
      expect(large.data!.prospectsForPark.edges.length).toBeGreaterThan(20);
      const statements = (r: typeof small) => Number(r.headers.get('x-sql-statements'));
      expect(statements(large)).toBe(statements(small));
      expect(statements(large)).toBeLessThanOrEqual(6);
    });

    it('ranks firms that fill a chain gap first, and says which gap', async () => {
      const [gap] = await server.sql<{ n: number }>(
        `select count(*)::int as n from park_focus_sector where park_id = $1 and sector_code = 'INDUSTRIAL_MANUFACTURING'`,
        [westCoast],
      );
      expect(gap.n).toBe(1);
      const res = await server.gql(ProspectsForParkDocument, { parkId: park(westCoast), first: 100 });
      const list = res.data!.prospectsForPark.edges.map((e) => e.node);
      const fillers = list.filter((m) => m.reasons.some((r) => r.kind === 'CHAIN_GAP'));
      expect(fillers.length).toBeGreaterThan(0);
      for (const m of fillers) {
        expect(m.enterprise.layer).toBe('FOUNDATION');
        expect(m.reasons.find((r) => r.kind === 'CHAIN_GAP')!.detail).toMatch(/工业制造·基础层/);
      }
      // A filler outranks every firm with the same sector fit that fills nothing.
      const top = list[0];
      expect(top.reasons.some((r) => r.kind === 'CHAIN_GAP')).toBe(true);
    });

    it('candidates: OUTSIDE (default), LOCAL and ALL rank the firms they say', async () => {
      const first = 100;
      const outside = (await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), first, candidates: 'OUTSIDE' })).data!.prospectsForPark;
      const local = (await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), first, candidates: 'LOCAL' })).data!.prospectsForPark;
      const all = (await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), first, candidates: 'ALL' })).data!.prospectsForPark;
      expect(local.totalCount).toBe((await expectedProspects(laoshan, ['LOCAL', 'BOTH'])).length);
      expect(all.totalCount).toBe((await expectedProspects(laoshan, ['LOCAL', 'OUTSIDE', 'BOTH'])).length);
      for (const { node } of local.edges) expect(['LOCAL', 'BOTH']).toContain(node.enterprise.presence);
      const ids = (c: typeof all) => new Set(c.edges.map((e) => e.node.enterprise.id));
      const union = new Set([...ids(outside), ...ids(local)]);
      expect(union.size).toBe(all.totalCount);
      expect(ids(all)).toEqual(union);
      expectRanked(all.edges.map((e) => e.node));
    });

    it('sectors: only firms serving one of them', async () => {
      const res = await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), sectors: ['HEALTH_ELDERLY_CARE'], first: 100 });
      const list = res.data!.prospectsForPark.edges.map((e) => e.node);
      const serving = await server.sql<{ id: number }>(
        `select e.id from enterprise e where e.presence <> 'LOCAL' and exists (select 1 from enterprise_sector es where es.enterprise_id = e.id and es.sector_code = 'HEALTH_ELDERLY_CARE')`,
      );
      expect(list.length).toBe(serving.length);
      expect(new Set(list.map((m) => localId(m.enterprise.id)))).toEqual(new Set(serving.map((s) => s.id)));
    });

    it('cursor paging walks the same ranking, page by page', async () => {
      const whole = (await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), first: 100, candidates: 'ALL' })).data!.prospectsForPark;
      const walked: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const res: GraphQLResponse<ProspectsForParkQuery> = await server.gql(ProspectsForParkDocument, {
          parkId: park(laoshan),
          first: 7,
          after,
          candidates: 'ALL',
        });
        const conn = res.data!.prospectsForPark;
        expect(conn.totalCount).toBe(whole.totalCount);
        expect(conn.pageInfo.hasPreviousPage).toBe(pages > 0);
        walked.push(...conn.edges.map((e) => e.node.enterprise.id));
        pages++;
        if (!conn.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      expect(pages).toBe(Math.ceil(whole.totalCount / 7));
      expect(walked).toEqual(whole.edges.map((e) => e.node.enterprise.id));
      // Past the end: an empty page that still knows the total.
      const last = whole.edges[whole.edges.length - 1].cursor;
      const beyond = (await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), first: 5, after: last, candidates: 'ALL' })).data!.prospectsForPark;
      expect(beyond).toMatchObject({ totalCount: whole.totalCount, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    });

    it('bad input: unknown park, wrong ID type, bad page size, foreign or forged cursor', async () => {
      const missing = await server.gql(ProspectsForParkDocument, { parkId: park(999999) });
      expect(codes(missing)).toEqual(['NOT_FOUND']);
      expect(missing.data).toBeNull();
      expect(codes(await server.gql(ProspectsForParkDocument, { parkId: gid('Enterprise', laoshan) }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), first: 0 }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), first: 101 }))).toEqual(['BAD_USER_INPUT']);
      const matches = (await server.gql(EnterpriseMatchesPageDocument, { parkId: park(laoshan), first: 1 })).data!.enterpriseMatchesForPark;
      expect(codes(await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), after: matches.pageInfo.endCursor }))).toEqual(['BAD_USER_INPUT']);
      const forged = Buffer.from(JSON.stringify(['prospect', -3])).toString('base64url');
      expect(codes(await server.gql(ProspectsForParkDocument, { parkId: park(laoshan), after: forged }))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('matching as connections', () => {
    it('enterpriseMatchesForPark pages the same ranking as the list form, and candidates narrow both', async () => {
      const list = (await server.gql(MatchFirmsWithCandidatesDocument, { parkId: park(laoshan), first: 30 })).data!.matchEnterprisesForPark;
      const conn = (await server.gql(EnterpriseMatchesPageDocument, { parkId: park(laoshan), first: 30 })).data!.enterpriseMatchesForPark;
      expect(conn.edges.map((e) => e.node.enterprise.id)).toEqual(list.map((m) => m.enterprise.id));
      expect(conn.edges.map((e) => e.node.score)).toEqual(list.map((m) => m.score));
      for (const { node } of conn.edges) expectExplained(node);

      const outside = (await server.gql(EnterpriseMatchesPageDocument, { parkId: park(laoshan), first: 100, candidates: 'OUTSIDE' })).data!
        .enterpriseMatchesForPark;
      expect(outside.totalCount).toBe((await expectedProspects(laoshan, ['OUTSIDE', 'BOTH'])).length);
      for (const { node } of outside.edges) expect(['OUTSIDE', 'BOTH']).toContain(node.enterprise.presence);
      const outsideList = (await server.gql(MatchFirmsWithCandidatesDocument, { parkId: park(laoshan), first: 100, candidates: 'OUTSIDE' })).data!
        .matchEnterprisesForPark;
      expect(outsideList.map((m) => m.enterprise.id)).toEqual(outside.edges.map((e) => e.node.enterprise.id));
      const localOnly = (await server.gql(MatchFirmsWithCandidatesDocument, { parkId: park(laoshan), first: 100, candidates: 'LOCAL' })).data!
        .matchEnterprisesForPark;
      for (const m of localOnly) expect(['LOCAL', 'BOTH']).toContain(m.enterprise.presence);

      const page2 = (await server.gql(EnterpriseMatchesPageDocument, { parkId: park(laoshan), first: 10, after: conn.edges[9].cursor })).data!
        .enterpriseMatchesForPark;
      expect(page2.edges.map((e) => e.node.enterprise.id)).toEqual(list.slice(10, 20).map((m) => m.enterprise.id));
    });

    it('parkMatchesForEnterprise is a connection with cursors', async () => {
      const [{ id: firm }] = await server.sql<{ id: number }>(`select id from enterprise where name_zh like '深圳岚枢%'`);
      const all = (await server.gql(ParkMatchesPageDocument, { enterpriseId: gid('Enterprise', firm), first: 100 })).data!.parkMatchesForEnterprise;
      expect(all.totalCount).toBeGreaterThan(1);
      const one = (await server.gql(ParkMatchesPageDocument, { enterpriseId: gid('Enterprise', firm), first: 1 })).data!.parkMatchesForEnterprise;
      expect(one.pageInfo.hasNextPage).toBe(true);
      const rest = (await server.gql(ParkMatchesPageDocument, { enterpriseId: gid('Enterprise', firm), first: 100, after: one.pageInfo.endCursor })).data!
        .parkMatchesForEnterprise;
      expect([...one.edges, ...rest.edges].map((e) => e.node.park.id)).toEqual(all.edges.map((e) => e.node.park.id));
      expect(codes(await server.gql(ParkMatchesPageDocument, { enterpriseId: gid('Enterprise', 999999) }))).toEqual(['NOT_FOUND']);
    });

    it('the cost model prices a nested match query by its real size: 100×100×100 is refused, a small one runs and is charged what it asks', async () => {
      const big = await server.gql(NestedMatchCostDocument, { parkId: park(laoshan), a: 100, b: 100, c: 100 });
      expect(big.status).toBe(400);
      expect(codes(big)).toEqual(['QUERY_TOO_COSTLY']);
      expect(big.errors![0].extensions).toMatchObject({ cost: 100 + 100 * (100 + 100 * 100) });
      const bigList = await server.gql(NestedMatchListCostDocument, { parkId: park(laoshan), a: 100, b: 100, c: 100 });
      expect(codes(bigList)).toEqual(['QUERY_TOO_COSTLY']);
      expect(bigList.errors![0].extensions).toMatchObject({ cost: 100 + 100 * (100 + 100 * 100) });

      const small = await server.gql(NestedMatchCostDocument, { parkId: park(laoshan), a: 5, b: 3, c: 4 });
      expect(small.errors).toBeUndefined();
      expect(small.extensions?.cost).toMatchObject({ nodes: 5 + 5 * (3 + 3 * 4) });
      const smallList = await server.gql(NestedMatchListCostDocument, { parkId: park(laoshan), a: 5, b: 3, c: 4 });
      expect(smallList.errors).toBeUndefined();
      expect(smallList.extensions?.cost).toMatchObject({ nodes: 5 + 5 * (3 + 3 * 4) });
    });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { DocumentNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { MatchFirmsForParkDocument, MatchParksForFirmDocument, ParkChainGapsDocument } from '../generated/graphql';
import { startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');
const localId = (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);

type Weights = [number, number, number, number, number, number, number];
const DEFAULTS: Weights = [0.3, 0.2, 0.15, 0.1, 0.1, 0.1, 0.05];

/**
 * An independent re-computation of the documented formula (docs/zhaoshang.md, "The formula") from raw
 * rows, in plain JavaScript: the service computes it in SQL.
 */
class Formula {
  constructor(private readonly t: Record<string, Array<Record<string, any>>>) {}

  static async load(server: TestServer): Promise<Formula> {
    const q = (s: string) => server.sql<Record<string, any>>(s);
    const t = {
      park: await q('select id, district from park'),
      focus: await q('select park_id, sector_code from park_focus_sector'),
      firm: await q('select id, layer from enterprise'),
      es: await q('select enterprise_id, sector_code from enterprise_sector'),
      ep: await q('select enterprise_id, park_id from enterprise_park'),
      scenario: await q('select id, park_id, sector_code, status from scenario'),
      provider: await q('select scenario_id, enterprise_id from scenario_provider'),
      platform: await q('select id, park_id from innovation_platform'),
      host: await q('select platform_id, enterprise_id from platform_host'),
      model: await q('select id, status from large_model'),
      ms: await q('select large_model_id, sector_code from large_model_sector'),
      dev: await q('select large_model_id, enterprise_id from large_model_developer'),
    };
    return new Formula(t);
  }

  firmsOf(park: number): Set<number> {
    return new Set(this.t.ep.filter((r) => r.park_id === park).map((r) => r.enterprise_id));
  }

  values(park: number, firm: number): number[] {
    const { t } = this;
    const focus = t.focus.filter((r) => r.park_id === park).map((r) => r.sector_code as string);
    const sectors = t.es.filter((r) => r.enterprise_id === firm).map((r) => r.sector_code as string);
    const layer = t.firm.find((r) => r.id === firm)!.layer;
    const shared = sectors.filter((s) => focus.includes(s));
    const inPark = this.firmsOf(park);
    const layerPresent = (s: string) =>
      t.es.some((r) => r.sector_code === s && inPark.has(r.enterprise_id) && t.firm.find((f) => f.id === r.enterprise_id)!.layer === layer);
    const gaps = shared.filter((s) => !layerPresent(s));
    const provides = (scenario: number) => t.provider.some((p) => p.scenario_id === scenario && p.enterprise_id === firm);
    const demand = t.scenario.filter(
      (s) => s.park_id === park && ['OPEN_FOR_BIDS', 'PLANNED'].includes(s.status) && sectors.includes(s.sector_code) && !provides(s.id),
    );
    const hostedBy = (f: number) => t.host.filter((h) => h.enterprise_id === f).map((h) => h.platform_id as number);
    const mine = hostedBy(firm);
    const hostsHere = t.platform.some((p) => p.park_id === park && mine.includes(p.id));
    const cohost = [...inPark].some((f) => f !== firm && hostedBy(f).some((p) => mine.includes(p)));
    const delivered = t.scenario.filter((s) => ['DEPLOYED', 'SHOWCASE'].includes(s.status) && focus.includes(s.sector_code) && provides(s.id));
    const models = t.dev
      .filter((d) => d.enterprise_id === firm)
      .map((d) => t.model.find((m) => m.id === d.large_model_id)!)
      .filter((m) => t.ms.some((s) => s.large_model_id === m.id && focus.includes(s.sector_code)));
    const district = t.park.find((p) => p.id === park)!.district;
    const sameDistrict = t.ep.some((r) => r.enterprise_id === firm && r.park_id !== park && t.park.find((p) => p.id === r.park_id)!.district === district);
    return [
      focus.length ? shared.length / focus.length : 0,
      focus.length ? gaps.length / focus.length : 0,
      Math.min(1, demand.length / 2),
      hostsHere ? 1 : cohost ? 0.5 : 0,
      Math.min(1, delivered.length / 2),
      models.some((m) => m.status !== 'IN_DEVELOPMENT') ? 1 : models.length ? 0.5 : 0,
      sameDistrict ? 1 : 0,
    ];
  }

  score(park: number, firm: number, weights: Weights = DEFAULTS): number {
    const sum = weights.reduce((a, b) => a + b, 0);
    return this.values(park, firm).reduce((s, v, i) => s + (weights[i] / sum) * v, 0);
  }

  /** Candidates of a park: firms not in it with a positive score, by score desc then id. */
  rankFirms(park: number, weights: Weights = DEFAULTS, keep: (firm: number) => boolean = () => true) {
    const inPark = this.firmsOf(park);
    return this.t.firm
      .map((f) => f.id as number)
      .filter((id) => !inPark.has(id) && keep(id))
      .map((id) => ({ id, score: this.score(park, id, weights) }))
      .filter((r) => r.score > 1e-12)
      .sort((a, b) => b.score - a.score || a.id - b.id);
  }

  rankParks(firm: number, weights: Weights = DEFAULTS) {
    return this.t.park
      .map((p) => p.id as number)
      .filter((p) => !this.firmsOf(p).has(firm))
      .map((id) => ({ id, score: this.score(id, firm, weights) }))
      .filter((r) => r.score > 1e-12)
      .sort((a, b) => b.score - a.score || a.id - b.id);
  }

  layerOf(firm: number): string {
    return this.t.firm.find((f) => f.id === firm)!.layer;
  }

  sectorsOf(firm: number): string[] {
    return this.t.es.filter((r) => r.enterprise_id === firm).map((r) => r.sector_code);
  }
}

/** Compares a ranking to the expected one, allowing reorderings only among equal scores. */
function expectSameRanking(got: Array<{ id: number; score: number }>, want: Array<{ id: number; score: number }>) {
  expect(got.map((g) => g.score)).toEqual(want.slice(0, got.length).map((w) => expect.closeTo(w.score, 9)));
  expect(got.map((g) => g.id)).toEqual(want.slice(0, got.length).map((w) => w.id));
}

describe('matching firms and parks', () => {
  let server: TestServer;
  let formula: Formula;
  let laoshan: number;
  beforeAll(async () => {
    server = await startTestServer();
    formula = await Formula.load(server);
    [{ id: laoshan }] = await server.sql<{ id: number }>(`select id from park where name_zh = '崂山区人工智能产业园'`);
  });
  afterAll(() => server?.close());

  it('ranks the seeds’ top firm for 崂山区人工智能产业园 and says why', async () => {
    const res = await server.gql(MatchFirmsForParkDocument, { parkId: gid('Park', laoshan), first: 10 });
    expect(res.errors).toBeUndefined();
    const matches = res.data!.matchEnterprisesForPark;
    const want = formula.rankFirms(laoshan);
    expect(want.length).toBeGreaterThan(10);
    expectSameRanking(
      matches.map((m) => ({ id: localId(m.enterprise.id), score: m.score })),
      want,
    );

    const [top] = matches;
    expect(top.enterprise.nameZh).toBe('青岛霁帆数据科技有限公司（示例）');
    expect(top.score).toBeCloseTo(0.35, 12);
    // Not in the park, yet it co-hosts the park's ocean large-model lab, develops an ocean model
    // and delivered the red-tide scenario: those are its reasons.
    expect(top.reasons.map((r) => [r.kind, r.detail])).toEqual([
      ['PLATFORM_TIES', '依托园区内创新平台: 海洋大模型实验室（示例）'],
      ['LARGE_MODEL', '研发服务园区重点领域的大模型: 霁帆深远海养殖大模型（示例）'],
      ['SECTOR_FIT', '服务园区重点领域: 智慧海洋（1/3）'],
      ['PROVEN_DELIVERY', '已在园区重点领域落地或示范 1 个场景: 近海赤潮预警（示例）'],
    ]);
    expect(top.reasons.map((r) => r.contribution)).toEqual([
      expect.closeTo(0.1, 12),
      expect.closeTo(0.1, 12),
      expect.closeTo(0.1, 12),
      expect.closeTo(0.05, 12),
    ]);
  });

  it('keeps scores in [0, 1], sorted, summing the contributions, and never lists firms of the park', async () => {
    const parks = await server.sql<{ id: number }>('select id from park order by id');
    for (const { id } of parks) {
      const res = await server.gql(MatchFirmsForParkDocument, { parkId: gid('Park', id), first: 100 });
      expect(res.errors).toBeUndefined();
      const matches = res.data!.matchEnterprisesForPark;
      expect(matches.length).toBeGreaterThan(0);
      const inPark = formula.firmsOf(id);
      for (const [i, m] of matches.entries()) {
        expect(inPark.has(localId(m.enterprise.id))).toBe(false);
        expect(m.score).toBeGreaterThan(0);
        expect(m.score).toBeLessThanOrEqual(1);
        expect(m.reasons.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(m.score, 12);
        for (const r of m.reasons) expect(r.contribution).toBeCloseTo(r.weight * r.value, 12);
        if (i > 0) {
          const prev = matches[i - 1];
          expect(prev.score > m.score || (prev.score === m.score && localId(prev.enterprise.id) < localId(m.enterprise.id))).toBe(true);
        }
      }
      expectSameRanking(
        matches.map((m) => ({ id: localId(m.enterprise.id), score: m.score })),
        formula.rankFirms(id),
      );
    }
  });

  it('custom weights change the ranking as the formula says', async () => {
    const weights = { sectorFit: 0, chainGap: 1, scenarioDemand: 0, platformTies: 0, provenDelivery: 0, largeModel: 0, sameDistrict: 0 };
    const res = await server.gql(MatchFirmsForParkDocument, { parkId: gid('Park', laoshan), first: 20, weights });
    expect(res.errors).toBeUndefined();
    const matches = res.data!.matchEnterprisesForPark;
    const want = formula.rankFirms(laoshan, [0, 1, 0, 0, 0, 0, 0]);
    expectSameRanking(
      matches.map((m) => ({ id: localId(m.enterprise.id), score: m.score })),
      want,
    );
    // Only chain-gap fillers remain, each with that single reason.
    for (const m of matches) expect(m.reasons.map((r) => r.kind)).toEqual(['CHAIN_GAP']);

    const modelHeavy = await server.gql(MatchFirmsForParkDocument, { parkId: gid('Park', laoshan), first: 5, weights: { largeModel: 5 } });
    const heavy = modelHeavy.data!.matchEnterprisesForPark;
    expectSameRanking(
      heavy.map((m) => ({ id: localId(m.enterprise.id), score: m.score })),
      formula.rankFirms(laoshan, [0.3, 0.2, 0.15, 0.1, 0.1, 5, 0.05]),
    );
    expect(heavy.every((m) => m.reasons.some((r) => r.kind === 'LARGE_MODEL'))).toBe(true);
  });

  it('applies an enterprise filter to the candidates', async () => {
    const res = await server.gql(MatchFirmsForParkDocument, { parkId: gid('Park', laoshan), first: 100, filter: { layers: ['APPLICATION'] } });
    expect(res.errors).toBeUndefined();
    const want = formula.rankFirms(laoshan, DEFAULTS, (f) => formula.layerOf(f) === 'APPLICATION');
    expect(res.data!.matchEnterprisesForPark).toHaveLength(want.length);
    expectSameRanking(
      res.data!.matchEnterprisesForPark.map((m) => ({ id: localId(m.enterprise.id), score: m.score })),
      want,
    );
  });

  it('runs the same number of statements whatever the page size', async () => {
    const one = await server.gql(MatchFirmsForParkDocument, { parkId: gid('Park', laoshan), first: 1 });
    const many = await server.gql(MatchFirmsForParkDocument, { parkId: gid('Park', laoshan), first: 50 });
    expect(Number(one.headers.get('x-sql-statements'))).toBe(Number(many.headers.get('x-sql-statements')));
    expect(Number(many.headers.get('x-sql-statements'))).toBeLessThanOrEqual(5);
  });

  it('ranks parks for a firm with the same formula', async () => {
    // Every third firm keeps the file fast; the formula is the same for all.
    const firms = await server.sql<{ id: number }>('select id from enterprise where id % 3 = 0 order by id');
    let withMatches = 0;
    for (const { id } of firms) {
      const res = await server.gql(MatchParksForFirmDocument, { enterpriseId: gid('Enterprise', id), first: 6 });
      expect(res.errors).toBeUndefined();
      const matches = res.data!.matchParksForEnterprise;
      if (matches.length) withMatches += 1;
      for (const m of matches) expect(m.reasons.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(m.score, 12);
      expectSameRanking(
        matches.map((m) => ({ id: localId(m.park.id), score: m.score })),
        formula.rankParks(id),
      );
      expect(matches).toHaveLength(Math.min(6, formula.rankParks(id).length));
    }
    expect(withMatches).toBeGreaterThan(firms.length / 2);
  });

  it('serves the contract operations', async () => {
    const contract = parse(fs.readFileSync(path.join(__dirname, '../../schema/operations/analysis.graphql'), 'utf8'));
    const op = (name: string): DocumentNode => ({
      kind: Kind.DOCUMENT,
      definitions: contract.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name),
    });
    const firms = await server.gql<any, any>(op('MatchEnterprisesForPark'), { parkId: gid('Park', laoshan) });
    expect(firms.errors).toBeUndefined();
    expect(firms.data.matchEnterprisesForPark).toHaveLength(10);
    const parks = await server.gql<any, any>(op('MatchParksForEnterprise'), { enterpriseId: firms.data.matchEnterprisesForPark[0].enterprise.id });
    expect(parks.errors).toBeUndefined();
    expect(parks.data.matchParksForEnterprise[0].reasons.length).toBeGreaterThan(0);
    const gaps = await server.gql<any, any>(op('ChainGaps'), { parkId: gid('Park', laoshan) });
    expect(gaps.errors).toBeUndefined();
    expect(gaps.data.chainGaps.map((g: any) => g.sector.code)).toEqual(['INDUSTRIAL_MANUFACTURING', 'SMART_OCEAN', 'HEALTH_ELDERLY_CARE']);
  });

  describe('chain gaps', () => {
    it('lists, per focus sector, exactly the layers no firm of the park covers', async () => {
      const parks = await server.sql<{ id: number }>('select id from park order by id');
      for (const { id } of parks) {
        const res = await server.gql(ParkChainGapsDocument, { parkId: gid('Park', id), first: 100 });
        expect(res.errors).toBeUndefined();
        const want = await server.sql<{ sector_code: string; layers: string[] | string }>(
          `select f.sector_code, array(select l from unnest(array['FOUNDATION','TECHNOLOGY','APPLICATION']) with ordinality as u(l, n)
             where not exists (select 1 from enterprise_park ep join enterprise e on e.id = ep.enterprise_id
               join enterprise_sector es on es.enterprise_id = e.id and es.sector_code = f.sector_code where ep.park_id = f.park_id and e.layer = u.l)
             order by n) as layers
           from park_focus_sector f join sector s on s.code = f.sector_code where f.park_id = $1 order by s.position`,
          [id],
        );
        const asList = (v: string[] | string) => (Array.isArray(v) ? v : v.replace(/[{}]/g, '').split(',').filter(Boolean));
        expect(res.data!.chainGaps.map((g) => [g.sector.code, g.missingLayers])).toEqual(want.map((w) => [w.sector_code, asList(w.layers)]));
      }
    });

    it('candidates fill a missing layer, serve the sector, sit outside the park and follow the match score', async () => {
      const parks = await server.sql<{ id: number }>('select id from park order by id');
      let checked = 0;
      for (const { id } of parks) {
        const res = await server.gql(ParkChainGapsDocument, { parkId: gid('Park', id), first: 100 });
        const inPark = formula.firmsOf(id);
        for (const gap of res.data!.chainGaps) {
          const nodes = gap.candidates.edges.map((e) => e.node);
          for (const n of nodes) {
            expect(gap.missingLayers).toContain(n.layer);
            expect(n.sectors.map((s) => s.code)).toContain(gap.sector.code);
            expect(inPark.has(localId(n.id))).toBe(false);
          }
          const want = formula.rankFirms(
            id,
            DEFAULTS,
            (f) => gap.missingLayers.includes(formula.layerOf(f) as never) && formula.sectorsOf(f).includes(gap.sector.code),
          );
          expect(gap.candidates.totalCount).toBe(want.length);
          expect(nodes.map((n) => localId(n.id))).toEqual(want.map((w) => w.id));
          if (gap.missingLayers.length === 0) expect(nodes).toHaveLength(0);
          checked += nodes.length;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });

    it('pages candidates with cursors', async () => {
      const parks = await server.sql<{ id: number }>('select id from park order by id');
      for (const { id } of parks) {
        const full = await server.gql(ParkChainGapsDocument, { parkId: gid('Park', id), first: 100 });
        for (const [i, gap] of full.data!.chainGaps.entries()) {
          if (gap.candidates.totalCount < 2) continue;
          const walked: string[] = [];
          let after: string | null = null;
          for (let n = 0; n < 50; n++) {
            const page: Awaited<ReturnType<typeof server.gql<any, any>>> = await server.gql(ParkChainGapsDocument, {
              parkId: gid('Park', id),
              first: 1,
              after,
            });
            expect(page.errors).toBeUndefined();
            const c = page.data.chainGaps[i].candidates;
            expect(c.totalCount).toBe(gap.candidates.totalCount);
            expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
            walked.push(...c.edges.map((e: any) => e.node.id));
            if (!c.pageInfo.hasNextPage) break;
            after = c.pageInfo.endCursor;
          }
          expect(walked).toEqual(gap.candidates.edges.map((e) => e.node.id));
          return;
        }
      }
      throw new Error('no chain gap on the seeds has two or more candidates');
    });
  });

  describe('bad input', () => {
    const park = () => gid('Park', laoshan);
    const code = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.code;

    it('answers NOT_FOUND for well-formed IDs of missing records', async () => {
      expect(code(await server.gql(MatchFirmsForParkDocument, { parkId: gid('Park', 999999) }))).toBe('NOT_FOUND');
      expect(code(await server.gql(MatchParksForFirmDocument, { enterpriseId: gid('Enterprise', 999999) }))).toBe('NOT_FOUND');
      expect(code(await server.gql(ParkChainGapsDocument, { parkId: gid('Park', 999999) }))).toBe('NOT_FOUND');
    });

    it('answers BAD_USER_INPUT for malformed or wrong-type IDs', async () => {
      expect(code(await server.gql(MatchFirmsForParkDocument, { parkId: 'not an id!' }))).toBe('BAD_USER_INPUT');
      expect(code(await server.gql(MatchFirmsForParkDocument, { parkId: gid('Enterprise', 1) }))).toBe('BAD_USER_INPUT');
      expect(code(await server.gql(MatchParksForFirmDocument, { enterpriseId: park() }))).toBe('BAD_USER_INPUT');
      expect(code(await server.gql(ParkChainGapsDocument, { parkId: gid('Sector', 1) }))).toBe('BAD_USER_INPUT');
    });

    it('answers BAD_USER_INPUT for first outside 1-100', async () => {
      for (const first of [0, -1, 101]) {
        const res = await server.gql(MatchFirmsForParkDocument, { parkId: park(), first });
        expect(code(res)).toBe('BAD_USER_INPUT');
        expect(res.errors![0].message).toMatch(/between 1 and 100/);
        expect(code(await server.gql(MatchParksForFirmDocument, { enterpriseId: gid('Enterprise', 1), first }))).toBe('BAD_USER_INPUT');
        expect(code(await server.gql(ParkChainGapsDocument, { parkId: park(), first }))).toBe('BAD_USER_INPUT');
      }
    });

    it('answers BAD_USER_INPUT for negative or all-zero weights', async () => {
      const negative = await server.gql(MatchFirmsForParkDocument, { parkId: park(), weights: { chainGap: -1 } });
      expect(code(negative)).toBe('BAD_USER_INPUT');
      expect(negative.errors![0].message).toMatch(/weights\.chainGap/);
      const zero = { sectorFit: 0, chainGap: 0, scenarioDemand: 0, platformTies: 0, provenDelivery: 0, largeModel: 0, sameDistrict: 0 };
      expect(code(await server.gql(MatchFirmsForParkDocument, { parkId: park(), weights: zero }))).toBe('BAD_USER_INPUT');
      expect(code(await server.gql(MatchParksForFirmDocument, { enterpriseId: gid('Enterprise', 1), weights: zero }))).toBe('BAD_USER_INPUT');
    });

    it('answers BAD_USER_INPUT for a foreign cursor', async () => {
      expect(code(await server.gql(ParkChainGapsDocument, { parkId: park(), first: 1, after: 'bm90LWEtY3Vyc29y' }))).toBe('BAD_USER_INPUT');
    });
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ActionPlanNoticeDocument,
  ChainGapsByProvenanceDocument,
  CoverageNoticeDocument,
  EnterprisesByProvenanceDocument,
  EveryListByProvenanceDocument,
  FirmsInParksBySectorDocument,
  MatchParksFilteredDocument,
  ParkNamesOnlyDocument,
  RelationGraphDocument,
} from '../generated/graphql';
import { startTestServer, TestServer } from '../helpers/test-server';

interface Notice {
  counts: Record<string, number>;
  unrealRecords: number;
  message: string;
}

const noticeOf = (res: { extensions?: Record<string, unknown> }) => res.extensions?.dataNotice as Notice | undefined;

// One database for the file: the cached server at the end serves the same rows.
let plain: TestServer;
beforeAll(async () => {
  plain = await startTestServer();
});
afterAll(() => plain?.close());

/** Provenance as a selection (provenanceKinds on every filter) and as a notice on every answer. */
describe('provenance: filters and the data notice', () => {
  let server: TestServer;
  beforeAll(() => {
    server = plain;
  });

  async function countByKind(table: string): Promise<Record<string, number>> {
    const rows = await server.sql<{ kind: string; n: number }>(`select provenance_kind as kind, count(*)::int as n from ${table} group by 1`);
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
  }

  describe('provenanceKinds filters', () => {
    it('enterprises: [SAMPLE] returns exactly the sample firms, [PUBLIC_SOURCE] none on the seeds', async () => {
      const kinds = await countByKind('enterprise');
      expect(kinds.SAMPLE).toBeGreaterThan(10);
      const sample = await server.gql(EnterprisesByProvenanceDocument, { filter: { provenanceKinds: ['SAMPLE'] } });
      expect(sample.errors).toBeUndefined();
      expect(sample.data!.enterprises.totalCount).toBe(kinds.SAMPLE);
      expect(sample.data!.enterprises.edges.every((e) => e.node.provenance.kind === 'SAMPLE')).toBe(true);
      const cited = await server.gql(EnterprisesByProvenanceDocument, { filter: { provenanceKinds: ['PUBLIC_SOURCE'] } });
      expect(cited.data!.enterprises.totalCount).toBe(kinds.PUBLIC_SOURCE ?? 0);
      expect(cited.data!.enterprises.totalCount).toBe(0);
      // Nothing shown, nothing to warn about.
      expect(noticeOf(cited)).toBeUndefined();
    });

    it('composes with the other fields and with NOT', async () => {
      const res = await server.gql(EnterprisesByProvenanceDocument, { filter: { NOT: { provenanceKinds: ['SAMPLE'] } } });
      expect(res.errors).toBeUndefined();
      const kinds = await countByKind('enterprise');
      const total = Object.values(kinds).reduce((a, b) => a + b, 0);
      expect(res.data!.enterprises.totalCount).toBe(total - (kinds.SAMPLE ?? 0));
    });

    it('every list takes it: parks, platforms, scenarios, large models, compute centres, voucher programmes and grants', async () => {
      const tables = {
        parks: 'park',
        platforms: 'innovation_platform',
        scenarios: 'scenario',
        largeModels: 'large_model',
        computeCenters: 'compute_center',
        computeVoucherPrograms: 'compute_voucher_program',
        computeVoucherGrants: 'compute_voucher_grant',
      } as const;
      for (const kind of ['SAMPLE', 'PUBLIC_SOURCE', 'OFFICIAL_PLAN'] as const) {
        const res = await server.gql(EveryListByProvenanceDocument, { kinds: [kind] });
        expect(res.errors).toBeUndefined();
        for (const [field, table] of Object.entries(tables)) {
          const want = (await countByKind(table))[kind] ?? 0;
          expect([kind, field, res.data![field as keyof typeof tables].totalCount]).toEqual([kind, field, want]);
        }
      }
    });

    it('rejects an unknown kind with a coded error', async () => {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ enterprises(filter: { provenanceKinds: [INVENTED] }) { totalCount } }' }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('coverage counts only the records of the kinds asked for', async () => {
      const all = await server.gql(CoverageNoticeDocument, {});
      const sum = (cells: Array<{ enterpriseCount: number; scenarioCount: number; platformCount: number }>) =>
        cells.reduce((s, c) => s + c.enterpriseCount + c.scenarioCount + c.platformCount, 0);
      expect(sum(all.data!.coverage.cells)).toBeGreaterThan(0);
      const body = (await (
        await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'query($f: CoverageFilter) { coverage(filter: $f) { cells { enterpriseCount scenarioCount platformCount } } }',
            variables: { f: { provenanceKinds: ['PUBLIC_SOURCE', 'OFFICIAL_PLAN'] } },
          }),
        })
      ).json()) as { data: { coverage: { cells: unknown[] } }; extensions?: Record<string, unknown> };
      const cells = body.data.coverage.cells as Array<{ enterpriseCount: number; scenarioCount: number; platformCount: number }>;
      expect(cells.length).toBe(all.data!.coverage.cells.length);
      expect(sum(cells)).toBe(0);
      expect(body.extensions?.dataNotice).toBeUndefined();
    });

    it('chain gaps: with cited firms only, every layer of every focus sector is missing and no sample firm is a candidate', async () => {
      const parks = await server.gql(ParkNamesOnlyDocument, {});
      const parkId = parks.data!.parks.edges[0].node.id;
      const all = await server.gql(ChainGapsByProvenanceDocument, { parkId });
      expect(all.errors).toBeUndefined();
      const cited = await server.gql(ChainGapsByProvenanceDocument, { parkId, kinds: ['PUBLIC_SOURCE'] });
      expect(cited.errors).toBeUndefined();
      expect(cited.data!.chainGaps.length).toBe(all.data!.chainGaps.length);
      for (const gap of cited.data!.chainGaps) {
        expect(gap.missingLayers).toEqual(['FOUNDATION', 'TECHNOLOGY', 'APPLICATION']);
        expect(gap.candidates.totalCount).toBe(0);
      }
      const sampleOnly = await server.gql(ChainGapsByProvenanceDocument, { parkId, kinds: ['SAMPLE'] });
      expect(sampleOnly.data!.chainGaps.map((g) => g.missingLayers)).toEqual(all.data!.chainGaps.map((g) => g.missingLayers));
      for (const gap of sampleOnly.data!.chainGaps) for (const e of gap.candidates.edges) expect(e.node.provenance.kind).toBe('SAMPLE');
    });

    it('matching parks for a firm takes a park filter', async () => {
      const firms = await server.gql(EnterprisesByProvenanceDocument, { filter: { provenanceKinds: ['SAMPLE'] } });
      const enterpriseId = firms.data!.enterprises.edges[0].node.id;
      const all = await server.gql(MatchParksFilteredDocument, { enterpriseId });
      expect(all.errors).toBeUndefined();
      expect(all.data!.matchParksForEnterprise.length).toBeGreaterThan(0);
      const none = await server.gql(MatchParksFilteredDocument, { enterpriseId, filter: { provenanceKinds: ['SAMPLE'] } });
      expect(none.data!.matchParksForEnterprise).toEqual([]);
      const same = await server.gql(MatchParksFilteredDocument, { enterpriseId, filter: { provenanceKinds: ['PUBLIC_SOURCE', 'OFFICIAL_PLAN'] } });
      expect(same.data!.matchParksForEnterprise).toEqual(all.data!.matchParksForEnterprise);
    });

    it('the relation graph and its exports keep only the kinds asked for', async () => {
      const res = await server.gql(RelationGraphDocument, { filter: { provenanceKinds: ['SAMPLE'] }, first: 500 });
      expect(res.errors).toBeUndefined();
      const kinds = new Set(res.data!.relationGraph.nodes.map((n) => n.provenanceKind));
      expect([...kinds]).toEqual(['SAMPLE']);
      const file = await fetch(`${server.origin}/export/graph.jgf.json?provenanceKinds=PUBLIC_SOURCE,OFFICIAL_PLAN`);
      expect(file.status).toBe(200);
      const doc = (await file.json()) as { graph: { metadata: Record<string, unknown>; nodes: Record<string, { metadata: { provenanceKind: string } }> } };
      const exported = Object.values(doc.graph.nodes).map((n) => n.metadata.provenanceKind);
      expect(exported.length).toBeGreaterThan(0);
      expect(exported.every((k) => k === 'PUBLIC_SOURCE' || k === 'OFFICIAL_PLAN')).toBe(true);
      expect(doc.graph.metadata.dataNotice).toBeUndefined();
      const bad = await fetch(`${server.origin}/export/graph.graphml?provenanceKinds=INVENTED`);
      expect(bad.status).toBe(400);
    });
  });

  describe('extensions.dataNotice', () => {
    it('FirmsInParksBySector carries it: counts per kind of the records shown, and the notice in both languages', async () => {
      const res = await server.gql(FirmsInParksBySectorDocument, { sector: 'SMART_OCEAN', parks: 20, firms: 20 });
      expect(res.errors).toBeUndefined();
      const notice = noticeOf(res)!;
      expect(notice).toBeDefined();
      // Independent count: the firms and parks the answer shows, each once, plus the sectors.
      const firmIds = new Set<string>();
      for (const p of res.data!.parks.edges) for (const e of p.node.enterprises.edges) firmIds.add(e.node.id);
      const sampleFirms = await server.sql<{ n: number }>(
        `select count(*)::int as n from enterprise e join enterprise_sector es on es.enterprise_id = e.id and es.sector_code = 'SMART_OCEAN'
          where e.provenance_kind = 'SAMPLE' and exists (select 1 from enterprise_park ep where ep.enterprise_id = e.id)`,
      );
      expect(notice.counts.SAMPLE).toBe(Number(sampleFirms[0].n));
      expect(notice.counts.SAMPLE).toBe(firmIds.size);
      expect(notice.counts.PUBLIC_SOURCE).toBe(res.data!.parks.edges.length);
      expect(notice.unrealRecords).toBe(notice.counts.SAMPLE);
      expect(notice.message).toMatch(/示例数据/);
      expect(notice.message).toMatch(/Sample data/);
    });

    it('Coverage carries it: the sample records the matrix counts', async () => {
      const res = await server.gql(CoverageNoticeDocument, {});
      const notice = noticeOf(res)!;
      expect(notice).toBeDefined();
      const [row] = await server.sql<{ n: number }>(
        `select ((select count(distinct ep.enterprise_id) from enterprise_park ep join enterprise e on e.id = ep.enterprise_id where e.provenance_kind = 'SAMPLE')
               + (select count(*) from scenario where park_id is not null and provenance_kind = 'SAMPLE')
               + (select count(*) from innovation_platform where park_id is not null and provenance_kind = 'SAMPLE'))::int as n`,
      );
      expect(notice.counts.SAMPLE).toBe(Number(row.n));
    });

    it('ActionPlan carries it on the seeds', async () => {
      const res = await server.gql(ActionPlanNoticeDocument, {});
      expect(res.errors).toBeUndefined();
      expect(noticeOf(res)?.counts.SAMPLE).toBeGreaterThan(0);
    });

    it('is absent when every record shown is cited', async () => {
      const res = await server.gql(ParkNamesOnlyDocument, {});
      expect(res.errors).toBeUndefined();
      expect(res.data!.parks.edges.length).toBeGreaterThan(0);
      expect(noticeOf(res)).toBeUndefined();
    });

    it('facets carry it for the records they count', async () => {
      const body = (await (
        await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ enterpriseFacets { total } }' }),
        })
      ).json()) as { extensions: { dataNotice: Notice } };
      const kinds = await countByKind('enterprise');
      expect(body.extensions.dataNotice.counts.SAMPLE).toBe(kinds.SAMPLE);
    });

    it('/export/coverage.svg shows it and carries the counts in its metadata', async () => {
      const res = await fetch(`${server.origin}/export/coverage.svg`);
      expect(res.status).toBe(200);
      const svg = await res.text();
      expect(svg).toMatch(/<text[^>]*class="data-notice"[^>]*>⚠ 示例数据/);
      const meta = /<metadata id="data-notice">([^<]*)<\/metadata>/.exec(svg);
      expect(meta).not.toBeNull();
      const parsed = JSON.parse(meta![1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as Notice;
      expect(parsed.counts.SAMPLE).toBeGreaterThan(0);
    });

    it('/export/coverage.svg takes provenanceKinds like the graph exports: no sample firm counted, no notice', async () => {
      const all = await (await fetch(`${server.origin}/export/coverage.svg`)).text();
      const res = await fetch(`${server.origin}/export/coverage.svg?provenanceKinds=PUBLIC_SOURCE,OFFICIAL_PLAN`);
      expect(res.status).toBe(200);
      const svg = await res.text();
      // Cells print their firm counts; with sample firms left out every park's firm count is 0 on the seeds.
      expect(svg).not.toMatch(/class="data-notice"/);
      expect(svg).not.toEqual(all);
      const bad = await fetch(`${server.origin}/export/coverage.svg?provenanceKinds=REAL`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toBe('BAD_USER_INPUT');
    });

    it('every graph export carries it in its metadata', async () => {
      const kinds = { SAMPLE: 0 };
      for (const table of [
        'park',
        'enterprise',
        'innovation_platform',
        'scenario',
        'sector',
        'large_model',
        'compute_center',
        'institution',
        'national_innovation_task',
        'data_product',
        'chain_node',
        'compute_voucher_program',
      ]) {
        kinds.SAMPLE += (await countByKind(table)).SAMPLE ?? 0;
      }
      const graphml = await (await fetch(`${server.origin}/export/graph.graphml`)).text();
      expect(/<desc>[^<]*示例数据[^<]*<\/desc>/.test(graphml.slice(0, 2000))).toBe(true);
      const gexf = await (await fetch(`${server.origin}/export/graph.gexf`)).text();
      expect(/<description>[^<]*示例数据/.test(gexf.slice(0, 2000))).toBe(true);
      const jgf = (await (await fetch(`${server.origin}/export/graph.jgf.json`)).json()) as { graph: { metadata: { dataNotice: Notice } } };
      expect(jgf.graph.metadata.dataNotice.counts.SAMPLE).toBe(kinds.SAMPLE);
      const cyjs = (await (await fetch(`${server.origin}/export/graph.cyjs`)).json()) as { data: { dataNotice: Notice } };
      expect(cyjs.data.dataNotice.counts.SAMPLE).toBe(kinds.SAMPLE);
      // The zip read by Python's zipfile, as a data analyst would.
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'notice-')), 'graph.csv.zip');
      fs.writeFileSync(file, Buffer.from(await (await fetch(`${server.origin}/export/graph.csv.zip`)).arrayBuffer()));
      const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(",".join(z.namelist()))\nprint(z.read("README.txt").decode("utf-8"))';
      const out = execFileSync('python3', ['-c', script, file], { encoding: 'utf8' });
      expect(out.split('\n')[0]).toBe('README.txt,nodes.csv,edges.csv');
      expect(out).toContain(`SAMPLE: ${kinds.SAMPLE}`);
      expect(out).toContain('示例数据');
    });
  });
});

describe('provenance: the response cache keeps the notice with the data', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ responseCache: true, responseCacheTtlSeconds: 30 }, { sharing: plain });
  });
  afterAll(() => server?.close());

  it('a cached answer carries the same notice as the computed one, and a cited-only answer none', async () => {
    const vars = { sector: 'SMART_OCEAN' as const, parks: 5, firms: 5 };
    const first = await server.gql(FirmsInParksBySectorDocument, vars);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const second = await server.gql(FirmsInParksBySectorDocument, vars);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(noticeOf(first)).toBeDefined();
    expect(noticeOf(second)).toEqual(noticeOf(first));
    await server.gql(ParkNamesOnlyDocument, {});
    const parks = await server.gql(ParkNamesOnlyDocument, {});
    expect(parks.headers.get('x-cache')).toBe('HIT');
    expect(noticeOf(parks)).toBeUndefined();
  });
});

import http from 'node:http';
import { startTestServer, TestServer } from '../helpers/test-server';

// Enough firms that the file cannot sit in socket buffers: a download whose client pauses is
// still being produced when the writes below are made.
const FILLER_FIRMS = 40_000;

type Cyjs = { elements: { nodes: Array<{ data: { id: string; name: string } }>; edges: Array<{ data: { source: string; target: string } }> } };

/**
 * Each graph export reads from one snapshot, on both databases (issue 18): firms and links
 * committed while a download is under way are not in it, so its nodes and edges agree.
 */
describe('a graph export reads from one snapshot', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await server.sql(
      `insert into enterprise (name_zh, name_en, layer, provenance_kind, provenance_source, provenance_verified_at)
       select '快照填充企业' || g, 'Snapshot filler firm ' || g, 'APPLICATION', 'SYNTHETIC', 'test filler (not real)', date '2026-01-01'
         from generate_series(1, ${FILLER_FIRMS}) g`,
    );
  });
  afterAll(() => server?.close());

  /** Adds a firm and its link to a park in one transaction, as a mutation would. */
  const writeFirmWithLink = (n: number) =>
    server.sql(
      `with firm as (
         insert into enterprise (name_zh, layer, provenance_kind, provenance_source, provenance_verified_at)
         values ($1, 'APPLICATION', 'SYNTHETIC', 'test (not real)', date '2026-01-01') returning id)
       insert into enterprise_park (enterprise_id, park_id) select firm.id, (select min(id) from park) from firm`,
      [`快照期间写入企业${n}`],
    );

  it('firms and links written while a download is paused are not in it; every edge ends at a node of the file; the next export has them', async () => {
    const file = await new Promise<Cyjs>((resolve, reject) => {
      http
        .get(`${server.origin}/export/graph.cyjs`, (res) => {
          expect(res.statusCode).toBe(200);
          res.pause();
          // The download has begun and its client reads nothing: three writes commit meanwhile.
          (async () => {
            for (let n = 1; n <= 3; n++) await writeFirmWithLink(n);
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Cyjs));
            res.resume();
          })().catch(reject);
        })
        .on('error', reject);
    });
    const [{ n: written }] = await server.sql<{ n: number }>("select count(*)::int as n from enterprise where name_zh like '快照期间写入企业%'");
    expect(written).toBe(3);

    const ids = new Set(file.elements.nodes.map((n) => n.data.id));
    expect(file.elements.nodes.filter((n) => n.data.name.startsWith('快照期间写入企业'))).toEqual([]);
    expect(file.elements.nodes.filter((n) => n.data.name.startsWith('快照填充企业'))).toHaveLength(FILLER_FIRMS);
    const dangling = file.elements.edges.filter((e) => !ids.has(e.data.source) || !ids.has(e.data.target));
    expect(dangling).toEqual([]);

    const next = (await (await fetch(`${server.origin}/export/graph.cyjs`)).json()) as Cyjs;
    expect(next.elements.nodes.filter((n) => n.data.name.startsWith('快照期间写入企业'))).toHaveLength(3);
    expect(next.elements.edges.length).toBe(file.elements.edges.length + 3);
  });
});

import http from 'node:http';
import { toGlobalId } from '../../src/common/global-id';
import { graphReadMetrics } from '../../src/modules/graph/graph.service';
import { SectorsDocument } from '../generated/graphql';
import { insertFillerFirms, until } from '../helpers/filler';
import { startTestServer, TestServer } from '../helpers/test-server';

// A graph too large to sit in socket buffers, so a client that stops reading holds the export
// mid-file (the firms are listed before any link).
const FILLER_FIRMS = 100_000;

interface Cyjs {
  elements: { nodes: Array<{ data: { id: string; name: string } }>; edges: Array<{ data: { source: string; target: string; kind: string } }> };
}

/** A download whose client reads the first chunk and then stops reading until `resume()`. */
function pausedDownload(url: string): Promise<{ status: number; resume(): Promise<string> }> {
  return new Promise((resolve, reject) => {
    // A connection of its own (no keep-alive pool): a pooled one the server has just timed out
    // would be reset under a loaded machine.
    http
      .get(url, { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.once('data', (chunk: Buffer) => {
          chunks.push(chunk);
          res.pause();
          resolve({
            status: res.statusCode ?? 0,
            resume: () =>
              new Promise<string>((done, fail) => {
                res.on('data', (c: Buffer) => chunks.push(c));
                res.once('end', () => done(Buffer.concat(chunks).toString('utf8')));
                res.once('error', fail);
                res.resume();
              }),
          });
        });
        res.once('error', reject);
      })
      .once('error', reject);
  });
}

/**
 * Each export is read from one snapshot, on both databases: on PostgreSQL a REPEATABLE READ
 * transaction, on the embedded database cursors kept past their transaction. A write committed
 * while a slow client downloads changes nothing in that file, and other requests are served
 * meanwhile.
 */
describe('an export being downloaded reads from one snapshot', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await insertFillerFirms(server, FILLER_FIRMS);
  });
  afterAll(() => server?.close());

  it('a firm renamed and moved to another park mid-download: the file has its old name and old park, the next export both new ones', async () => {
    const [firm] = await server.sql<{ id: number; park: number; name: string }>(
      `select e.id, min(ep.park_id)::int as park, e.name_zh as name from enterprise e join enterprise_park ep on ep.enterprise_id = e.id
        where e.provenance_kind <> 'SYNTHETIC' group by e.id having count(*) = 1 order by e.id limit 1`,
    );
    const [other] = await server.sql<{ id: number }>('select id from park where id <> $1 order by id limit 1', [firm.park]);
    const firmId = toGlobalId('Enterprise', firm.id);
    const located = (file: Cyjs) => file.elements.edges.filter((e) => e.data.source === firmId && e.data.kind === 'LOCATED_IN').map((e) => e.data.target);
    const named = (file: Cyjs) => file.elements.nodes.find((n) => n.data.id === firmId)?.data.name;

    const before = { ...graphReadMetrics };
    const download = await pausedDownload(`${server.origin}/export/graph.cyjs`);
    expect(download.status).toBe(200);
    await until(() => graphReadMetrics.opened > before.opened, 60_000);

    // While the client reads nothing, the server answers other requests and takes a write.
    const sectors = await server.gql(SectorsDocument);
    expect(sectors.status).toBe(200);
    await server.sql(
      `with renamed as (update enterprise set name_zh = $2 where id = $1 returning id)
       update enterprise_park set park_id = $3 where enterprise_id = (select id from renamed) and park_id = $4`,
      [firm.id, `${firm.name}（已改名）`, other.id, firm.park],
    );
    // The export was still listing firms when the write committed: its links come after.
    expect(graphReadMetrics.finished).toBe(before.finished);

    const file = JSON.parse(await download.resume()) as Cyjs;
    expect(file.elements.nodes.length).toBeGreaterThan(FILLER_FIRMS);
    expect(named(file)).toBe(firm.name);
    expect(located(file)).toEqual([toGlobalId('Park', firm.park)]);

    const next = JSON.parse(await (await pausedDownload(`${server.origin}/export/graph.cyjs`)).resume()) as Cyjs;
    expect(named(next)).toBe(`${firm.name}（已改名）`);
    expect(located(next)).toEqual([toGlobalId('Park', other.id)]);
  });
});

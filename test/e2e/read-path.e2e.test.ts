import { ReferenceKind } from '@mikro-orm/core';
import { hydrate } from '../../src/common/relay/hydrate';
import { entities as ENTITIES } from '../../src/db/entities';
import { BenchCoverageDocument, EnterprisesFilteredDocument, FirmsInParksBySectorDocument, NodesDocument, ParkFirmsDeepDocument } from '../generated/graphql';
import { GraphQLResponse, startTestServer, TestServer } from '../helpers/test-server';

/**
 * The benchmark queries (bench/bench.ts (a)-(e)) run a number of SQL statements fixed by their
 * shape: one per list field in the query (each connection level is one LATERAL statement for
 * all parents), plus one for the sector table when sectors are shown. Page sizes and row counts
 * must not change it. Written down:
 *
 * | query | lists in the query | statements |
 * |---|---|--:|
 * | (a) FirmsInParksBySector | parks → enterprises → sectors (+ sector table) | 4 |
 * | (b) ParkFirmsDeep | node(park) → enterprises → sectors (+ sector table), parks, scenarios | 6 |
 * | (c) EnterprisesFiltered | enterprises → sectors (+ sector table), parks | 4 |
 * | (d) Coverage | matrix, the records it counts (data notice), its parks, the sector table | 4 |
 * | (e) nodes(ids) of firms | one batch per type | 1 |
 *
 * These are the resolver path's counts (EXECUTION=resolvers). The read compiler (the default)
 * answers (a), (b), (c) and (e) in one statement each; the last test checks that.
 */
describe('SQL statements per request of the benchmark queries', () => {
  let server: TestServer;
  let compiled: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ execution: 'resolvers' });
    // The same rows, read through the compiler (the default).
    compiled = await startTestServer({}, { sharing: server });
  });
  afterAll(async () => {
    await compiled?.close();
    await server?.close();
  });

  it('the read compiler answers (a), (b), (c) and (e) in one statement each, and (d) on the resolvers', async () => {
    const [park] = await compiled.sql<{ id: number }>('select park_id as id from enterprise_park group by park_id order by count(*) desc, 1 limit 1');
    const rows = await compiled.sql<{ id: number }>('select id from enterprise order by id limit 100');
    const runs: Array<[string, Promise<GraphQLResponse<unknown>>]> = [
      ['a', compiled.gql(FirmsInParksBySectorDocument, { sector: 'SMART_OCEAN', parks: 10, firms: 10 })],
      ['b', compiled.gql(ParkFirmsDeepDocument, { id: Buffer.from(`Park:${park.id}`).toString('base64url'), firms: 100 })],
      ['c', compiled.gql(EnterprisesFilteredDocument, { filter: { sectors: ['SMART_OCEAN'], layers: ['APPLICATION'] }, first: 2 })],
      ['e', compiled.gql(NodesDocument, { ids: rows.map((r) => Buffer.from(`Enterprise:${r.id}`).toString('base64url')) })],
      ['d', compiled.gql(BenchCoverageDocument)],
    ];
    const seen: Record<string, [string | null, number]> = {};
    for (const [key, run] of runs) {
      const res = await run;
      seen[key] = [res.headers.get('x-execution'), statements(res)];
    }
    expect(seen).toEqual({ a: ['compiled', 1], b: ['compiled', 1], c: ['compiled', 1], e: ['compiled', 1], d: ['resolvers', 4] });
  });

  const statements = (res: GraphQLResponse<unknown>) => {
    expect(res.errors).toBeUndefined();
    return Number(res.headers.get('x-sql-statements'));
  };

  it('(a) FirmsInParksBySector: 4 whatever the numbers of parks and firms', async () => {
    const counts: number[] = [];
    for (const [parks, firms] of [
      [1, 1],
      [3, 5],
      [10, 10],
      [20, 50],
    ]) {
      const res = await server.gql(FirmsInParksBySectorDocument, { sector: 'SMART_OCEAN', parks, firms });
      expect(res.data!.parks.edges).toHaveLength(Math.min(parks, res.data!.parks.edges.length));
      counts.push(statements(res));
    }
    expect(counts).toEqual([4, 4, 4, 4]);
  });

  it('(b) one park → firms → sectors, parks, scenarios: 6 whatever the number of firms', async () => {
    const [park] = await server.sql<{ id: number; n: number }>(
      'select park_id as id, count(*)::int as n from enterprise_park group by park_id order by 2 desc, 1 limit 1',
    );
    const id = Buffer.from(`Park:${park.id}`).toString('base64url');
    const counts: number[] = [];
    for (const firms of [1, 10, 100]) {
      const res = await server.gql(ParkFirmsDeepDocument, { id, firms });
      const node = res.data!.node as { enterprises: { edges: unknown[] } };
      expect(node.enterprises.edges).toHaveLength(Math.min(firms, park.n));
      counts.push(statements(res));
    }
    expect(counts).toEqual([6, 6, 6]);
  });

  it('(c) EnterprisesFiltered: 4 on page 1 and on a later page, whatever the page size', async () => {
    const filter = { sectors: ['SMART_OCEAN' as const], layers: ['APPLICATION' as const] };
    const total = (await server.gql(EnterprisesFilteredDocument, { filter, first: 1 })).data!.enterprises.totalCount;
    expect(total).toBeGreaterThan(3);
    const counts: number[] = [];
    // Page sizes that leave a non-empty second page (an empty page has no nested lists to load).
    for (const first of [1, 2, Math.floor(total / 2)]) {
      const page1 = await server.gql(EnterprisesFilteredDocument, { filter, first });
      counts.push(statements(page1));
      const page2 = await server.gql(EnterprisesFilteredDocument, { filter, first, after: page1.data!.enterprises.pageInfo.endCursor });
      expect(page2.data!.enterprises.edges.length).toBeGreaterThan(0);
      counts.push(statements(page2));
    }
    expect(counts).toEqual([4, 4, 4, 4, 4, 4]);
  });

  it('(d) Coverage: 4', async () => {
    expect(statements(await server.gql(BenchCoverageDocument))).toBe(4);
  });

  it('(e) nodes: 1 for 1, 10 or all firms', async () => {
    const rows = await server.sql<{ id: number }>('select id from enterprise order by id limit 100');
    const ids = rows.map((r) => Buffer.from(`Enterprise:${r.id}`).toString('base64url'));
    const counts: number[] = [];
    for (const n of [1, 10, ids.length]) {
      const res = await server.gql(NodesDocument, { ids: ids.slice(0, n) });
      expect(res.data!.nodes.filter(Boolean)).toHaveLength(n);
      counts.push(statements(res));
    }
    expect(counts).toEqual([1, 1, 1]);
  });

  it('the read-path hydration gives what em.map gives, for every entity with a table', async () => {
    const em = server.db.em();
    const meta = em.getMetadata();
    let compared = 0;
    for (const entity of ENTITIES) {
      const m = meta.find((entity as { name: string }).name);
      if (!m || m.embeddable || m.pivotTable || m.virtual) continue;
      const rows = (await em.execute(`select * from "${m.tableName}" order by 1 limit 25`)) as Array<Record<string, unknown>>;
      for (const row of rows) {
        const fast = hydrate(em, entity as never, row) as Record<string, unknown>;
        const slow = em.fork().map(entity as never, row) as Record<string, unknown>;
        expect(fast).toBeInstanceOf(entity as never);
        expect(fast.constructor.name).toBe(m.className);
        for (const prop of m.props) {
          if (prop.embedded) continue;
          if (prop.kind === ReferenceKind.SCALAR) expect([m.className, prop.name, fast[prop.name]]).toEqual([m.className, prop.name, slow[prop.name]]);
          if (prop.kind === ReferenceKind.EMBEDDED) expect({ ...(fast[prop.name] as object) }).toEqual({ ...(slow[prop.name] as object) });
          if (prop.kind === ReferenceKind.MANY_TO_ONE) {
            const id = (v: unknown) => (v as Record<string, unknown> | null)?.[prop.targetMeta!.primaryKeys[0]] ?? null;
            expect(id(fast[prop.name])).toEqual(id(slow[prop.name]));
          }
        }
        if ('globalId' in slow) expect(fast.globalId).toBe(slow.globalId);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});

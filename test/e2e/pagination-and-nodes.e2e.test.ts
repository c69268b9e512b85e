import {
  EnterpriseIdsPageDocument,
  type EnterpriseIdsPageQuery,
  type EnterpriseIdsPageQueryVariables,
  FirmsInParksBySectorDocument,
  NodeSummaryDocument,
  NodesDocument,
  ParkEnterpriseIdsDocument,
  SectorWithFirmsDocument,
} from '../generated/graphql';
import { GraphQLResponse, startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64url');

// One server for the file: both groups only read.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('Relay pagination, global IDs and batching', () => {
  let total: number;
  beforeAll(async () => {
    [{ n: total }] = await server.sql<{ n: number }>('select count(*)::int as n from enterprise');
  });

  async function walk(direction: 'forward' | 'backward', size: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null | undefined = null;
    for (let guard = 0; guard < 100; guard++) {
      const vars: EnterpriseIdsPageQueryVariables = direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor };
      const res: GraphQLResponse<EnterpriseIdsPageQuery> = await server.gql(EnterpriseIdsPageDocument, vars);
      expect(res.errors).toBeUndefined();
      const conn = res.data!.enterprises;
      expect(conn.totalCount).toBe(total);
      const page = conn.edges.map((e) => e.node.id);
      if (direction === 'forward') {
        ids.push(...page);
        expect(conn.pageInfo.hasPreviousPage).toBe(cursor !== null);
        if (!conn.pageInfo.hasNextPage) return ids;
        cursor = conn.pageInfo.endCursor;
      } else {
        ids.unshift(...page);
        expect(conn.pageInfo.hasNextPage).toBe(cursor !== null);
        if (!conn.pageInfo.hasPreviousPage) return ids;
        cursor = conn.pageInfo.startCursor;
      }
    }
    throw new Error('pagination did not end');
  }

  it('pages forward and backward over every firm exactly once, in the same order', async () => {
    const forward = await walk('forward', 7);
    const backward = await walk('backward', 9);
    expect(forward).toHaveLength(total);
    expect(new Set(forward).size).toBe(total);
    expect(backward).toEqual(forward);
  });

  it('edge cursors continue the list from that edge', async () => {
    const res = await server.gql(EnterpriseIdsPageDocument, { first: 10 });
    const edges = res.data!.enterprises.edges;
    const next = await server.gql(EnterpriseIdsPageDocument, { first: 3, after: edges[4].cursor });
    expect(next.data!.enterprises.edges.map((e) => e.node.id)).toEqual(edges.slice(5, 8).map((e) => e.node.id));
  });

  it('pages nested lists in both directions', async () => {
    const [park] = await server.sql<{ park_id: number; n: number }>(
      'select park_id, count(*)::int as n from enterprise_park group by park_id order by n desc, park_id limit 1',
    );
    const parkId = gid('Park', park.park_id);
    const all = await server.gql(ParkEnterpriseIdsDocument, { parkId, first: 100 });
    const node = all.data!.node as { enterprises: { totalCount: number; edges: Array<{ node: { id: string } }> } };
    expect(node.enterprises.totalCount).toBe(park.n);
    const ids = node.enterprises.edges.map((e) => e.node.id);
    const tail = await server.gql(ParkEnterpriseIdsDocument, { parkId, last: 3 });
    const tailNode = tail.data!.node as typeof node & { enterprises: { pageInfo: { hasPreviousPage: boolean } } };
    expect(tailNode.enterprises.edges.map((e) => e.node.id)).toEqual(ids.slice(-3));
    expect(tailNode.enterprises.pageInfo.hasPreviousPage).toBe(park.n > 3);
  });

  it.each([
    [{ first: 0 }, /"first" must be between 1 and 100/],
    [{ first: 101 }, /"first" must be between 1 and 100/],
    [{ last: 101 }, /"last" must be between 1 and 100/],
    [{ first: 5, last: 5 }, /either "first" or "last"/],
    [{ first: 5, after: 'bm90LWEtY3Vyc29y' }, /"after" is not a cursor of this list/],
  ])('refuses pagination arguments %j with BAD_USER_INPUT', async (vars, message) => {
    const res = await server.gql(EnterpriseIdsPageDocument, vars);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(message);
    expect(res.data).toBeNull();
  });

  it('fetches every kind of node by its global ID', async () => {
    const [ids] = await server.sql<Record<string, number>>(
      `select (select min(id) from park) as park, (select min(id) from innovation_platform) as platform,
              (select min(id) from scenario) as scenario, (select min(id) from large_model) as model,
              (select min(id) from compute_center) as center`,
    );
    const cases: Array<[string, string]> = [
      [gid('Sector', 'SMART_OCEAN'), 'Sector'],
      [gid('Park', ids.park), 'Park'],
      [gid('InnovationPlatform', ids.platform), 'InnovationPlatform'],
      [gid('Scenario', ids.scenario), 'Scenario'],
      [gid('LargeModel', ids.model), 'LargeModel'],
      [gid('ComputeCenter', ids.center), 'ComputeCenter'],
    ];
    for (const [id, type] of cases) {
      const res = await server.gql(NodeSummaryDocument, { id });
      expect(res.errors).toBeUndefined();
      expect(res.data!.node).toMatchObject({ __typename: type, id });
    }
  });

  it('answers null for a well-formed ID of a missing record', async () => {
    for (const id of [gid('Park', 999999), gid('Sector', 'NOT_A_SECTOR'), gid('Enterprise', 123456)]) {
      const res = await server.gql(NodeSummaryDocument, { id });
      expect(res.errors).toBeUndefined();
      expect(res.data!.node).toBeNull();
    }
  });

  it('refuses malformed and foreign IDs with BAD_USER_INPUT saying what was expected', async () => {
    for (const id of ['not-an-id!', '', gid('Unicorn', 1), 'UGFyazox==']) {
      const res = await server.gql(NodeSummaryDocument, { id });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/expected the ID of a/);
    }
    const wrongType = await server.gql(ParkEnterpriseIdsDocument, { parkId: gid('Park', 1), first: 1 });
    expect(wrongType.errors).toBeUndefined();
    const filter = await server.gql(EnterpriseIdsPageDocument, { filter: { parkIds: [gid('Enterprise', 1)] } });
    expect(filter.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(filter.errors![0].message).toMatch(/is a Enterprise ID; expected the ID of a Park/);
  });

  it('refuses more than 100 IDs in nodes()', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => gid('Park', i + 1));
    const res = await server.gql(NodesDocument, { ids });
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const ok = await server.gql(NodesDocument, { ids: ids.slice(0, 100) });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.nodes).toHaveLength(100);
  });

  it('runs as many SQL statements for 2 parks as for all of them (FirmsInParksBySector)', async () => {
    const counts: number[] = [];
    for (const parks of [2, 20]) {
      const res = await server.gql(FirmsInParksBySectorDocument, { sector: 'INDUSTRIAL_MANUFACTURING', parks, firms: 20 });
      expect(res.errors).toBeUndefined();
      expect(res.data!.parks.edges.length).toBe(Math.min(parks, 6));
      counts.push(Number(res.headers.get('x-sql-statements')));
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
    // parks page, firms per park, sectors per firm, the sector table.
    expect(counts[0]).toBeLessThanOrEqual(4);
  });

  it('runs the same number of statements whatever the page size of a nested list', async () => {
    const small = await server.gql(SectorWithFirmsDocument, { code: 'SOCIAL_GOVERNANCE', first: 1 });
    const large = await server.gql(SectorWithFirmsDocument, { code: 'SOCIAL_GOVERNANCE', first: 100 });
    expect(large.data!.sector!.enterprises.edges.length).toBeGreaterThan(1);
    expect(small.headers.get('x-sql-statements')).toBe(large.headers.get('x-sql-statements'));
  });
});

describe('global IDs computed by the database', () => {
  it('equal the IDs the API hands out', async () => {
    const { globalIdSql, toGlobalId } = await import('../../src/common/global-id');
    const rows = await server.sql<{ id: number; gid: string }>(`select id, ${globalIdSql('InnovationPlatform', 'id')} as gid from innovation_platform`);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(r.gid).toBe(toGlobalId('InnovationPlatform', r.id));
    const [sector] = await server.sql<{ gid: string }>(`select ${globalIdSql('Sector', `'SMART_OCEAN'`)} as gid`);
    expect(sector.gid).toBe(toGlobalId('Sector', 'SMART_OCEAN'));
  });
});

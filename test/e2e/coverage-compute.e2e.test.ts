import { CoverageComputeDocument, type CoverageComputeQueryVariables } from '../generated/graphql';
import { startTestServer, TestServer } from '../helpers/test-server';

/** Compute facilities per park in the coverage answer (issue 13). */
describe('coverage: compute facilities per park', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');
  const byPark = async (variables: CoverageComputeQueryVariables = {}) => {
    const res = await server.gql(CoverageComputeDocument, variables);
    expect(res.errors).toBeUndefined();
    return res.data!.coverage;
  };

  it('lists every park once, with the facilities located in it as the tables hold them', async () => {
    const coverage = await byPark();
    expect(coverage.computeByPark).toHaveLength(coverage.parkCount);
    const stored = await server.sql<{ park_id: number; n: number }>(
      'select park_id, count(*)::int as n from compute_center where park_id is not null group by park_id',
    );
    expect(stored.length).toBeGreaterThan(0);
    for (const { park_id, n } of stored) {
      expect(coverage.computeByPark.find((p) => p.park.id === gid('Park', park_id))!.computeCenterCount).toBe(n);
    }
    const total = coverage.computeByPark.reduce((sum, p) => sum + p.computeCenterCount, 0);
    expect(total).toBe(stored.reduce((sum, r) => sum + Number(r.n), 0));
  });

  it('counts a park’s facilities and sums only intelligent capacity; other parks and filters stay apart', async () => {
    const [{ id: parkId }] = await server.sql<{ id: number }>('select id from park order by id desc limit 1');
    const before = (await byPark({ filter: { parkIds: [gid('Park', parkId)] } })).computeByPark;
    expect(before).toHaveLength(1);
    const [{ id: mixed }] = await server.sql<{ id: number }>(
      `insert into compute_center (name_zh, status, park_id, provenance_kind, provenance_source, provenance_verified_at)
       values ('园区混合算力测试（示例）', 'OPERATIONAL', $1, 'SAMPLE', 'test', current_date) returning id`,
      [parkId],
    );
    await server.sql(
      `insert into compute_capacity (compute_center_id, kind, capacity_pflops, provenance_kind, provenance_source, provenance_verified_at)
       values ($1, 'INTELLIGENT', 20.5, 'SAMPLE', 'test', current_date), ($1, 'GENERAL', 100, 'SAMPLE', 'test', current_date)`,
      [mixed],
    );
    await server.sql(
      `insert into compute_center (name_zh, status, kind, park_id, provenance_kind, provenance_source, provenance_verified_at)
       values ('园区通算测试（示例）', 'OPERATIONAL', 'GENERAL', $1, 'SAMPLE', 'test', current_date)`,
      [parkId],
    );
    const [after] = (await byPark({ filter: { parkIds: [gid('Park', parkId)] } })).computeByPark;
    expect(after.park.id).toBe(gid('Park', parkId));
    expect(after.computeCenterCount).toBe(before[0].computeCenterCount + 2);
    expect(after.intelligentCenterCount).toBe(before[0].intelligentCenterCount + 1);
    expect(after.intelligentCapacityPflops).toBeCloseTo((before[0].intelligentCapacityPflops ?? 0) + 20.5, 3);

    // Only evidence: the sample facilities drop out.
    const [evidence] = (await byPark({ filter: { parkIds: [gid('Park', parkId)], provenanceKinds: ['OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'USER_ENTERED'] } }))
      .computeByPark;
    expect(evidence.computeCenterCount).toBe(before[0].computeCenterCount);
    expect(evidence.intelligentCapacityPflops).toBe(before[0].intelligentCapacityPflops);
  });
});

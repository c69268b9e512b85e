import { EnterpriseIdsPageDocument, ParksFilteredDocument, PlatformsFilteredDocument, ScenariosFilteredDocument } from '../generated/graphql';
import { startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');

/** Each basic filter gives exactly the records an independent SQL query selects. */
describe('entity filters', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const sqlCount = async (text: string, params: unknown[] = []) => (await server.sql<{ n: number }>(text, params))[0].n;

  it('parks by district, role and focus sector', async () => {
    const byDistrict = await server.gql(ParksFilteredDocument, { filter: { districts: ['崂山区', '市南区'] } });
    expect(byDistrict.data!.parks.totalCount).toBe(await sqlCount(`select count(*)::int as n from park where district in ('崂山区','市南区')`));
    expect(byDistrict.data!.parks.totalCount).toBe(2);

    const featured = await server.gql(ParksFilteredDocument, { filter: { roles: ['FEATURED'] } });
    expect(featured.data!.parks.totalCount).toBe(5);

    const ocean = await server.gql(ParksFilteredDocument, { filter: { focusSectors: ['SMART_OCEAN'], roles: ['FEATURED'] } });
    expect(ocean.data!.parks.totalCount).toBe(
      await sqlCount(
        `select count(*)::int as n from park p where role = 'FEATURED' and exists (select 1 from park_focus_sector f where f.park_id = p.id and f.sector_code = 'SMART_OCEAN')`,
      ),
    );
  });

  it('platforms by kind, level, park and sector', async () => {
    const [park] = await server.sql<{ id: number }>(
      'select park_id as id from innovation_platform where park_id is not null group by park_id order by count(*) desc limit 1',
    );
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ kinds: ['NATIONAL_OPEN_INNOVATION_PLATFORM', 'PUBLIC_SERVICE_PLATFORM'] }, `kind in ('NATIONAL_OPEN_INNOVATION_PLATFORM','PUBLIC_SERVICE_PLATFORM')`],
      [{ levels: ['PROVINCIAL'] }, `level = 'PROVINCIAL'`],
      [{ parkIds: [gid('Park', park.id)] }, `park_id = ${park.id}`],
      [
        { sectors: ['HEALTH_ELDERLY_CARE'], levels: ['MUNICIPAL', 'PROVINCIAL'] },
        `level in ('MUNICIPAL','PROVINCIAL') and exists (select 1 from platform_sector s where s.platform_id = ip.id and s.sector_code = 'HEALTH_ELDERLY_CARE')`,
      ],
    ];
    for (const [filter, where] of cases) {
      const res = await server.gql(PlatformsFilteredDocument, { filter });
      expect(res.errors).toBeUndefined();
      const want = await sqlCount(`select count(*)::int as n from innovation_platform ip where ${where}`);
      expect(want).toBeGreaterThan(0);
      expect(res.data!.platforms.totalCount).toBe(want);
      expect(res.data!.platforms.edges).toHaveLength(want);
    }
  });

  it('scenarios by sector, status, park and year', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ sectors: ['TRANSPORTATION'] }, `sector_code = 'TRANSPORTATION'`],
      [{ statuses: ['SHOWCASE', 'DEPLOYED'] }, `status in ('SHOWCASE','DEPLOYED')`],
      [{ years: [2024], statuses: ['SHOWCASE'] }, `year = 2024 and status = 'SHOWCASE'`],
      [{ parkIds: [gid('Park', 1)] }, `park_id = 1`],
    ];
    for (const [filter, where] of cases) {
      const res = await server.gql(ScenariosFilteredDocument, { filter });
      expect(res.errors).toBeUndefined();
      const want = await sqlCount(`select count(*)::int as n from scenario where ${where}`);
      expect(want).toBeGreaterThan(0);
      expect(res.data!.scenarios.totalCount).toBe(want);
    }
  });

  it('search matches names and aliases literally, case-insensitively', async () => {
    const [firm] = await server.sql<{ name_en: string; name_zh: string }>(
      `select name_zh, name_en from enterprise where name_en is not null order by id limit 1`,
    );
    const word = firm.name_en.split(' ')[0].toUpperCase();
    const res = await server.gql(EnterpriseIdsPageDocument, { filter: { search: word }, first: 100 });
    expect(res.data!.enterprises.edges.map((e) => e.node.nameZh)).toContain(firm.name_zh);
    const wildcard = await server.gql(EnterpriseIdsPageDocument, { filter: { search: '%' } });
    expect(wildcard.data!.enterprises.totalCount).toBe(0);
    const underscore = await server.gql(EnterpriseIdsPageDocument, { filter: { search: '_' } });
    expect(underscore.data!.enterprises.totalCount).toBe(0);
  });

  it('refuses empty searches and lists of more than 100 values', async () => {
    const empty = await server.gql(EnterpriseIdsPageDocument, { filter: { search: '   ' } });
    expect(empty.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const many = await server.gql(ParksFilteredDocument, { filter: { districts: Array.from({ length: 101 }, (_, i) => `区${i}`) } });
    expect(many.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(many.errors![0].message).toMatch(/at most 100/);
  });
});

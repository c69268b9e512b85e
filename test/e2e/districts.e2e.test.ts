import pino from 'pino';
import { startApp } from '../../src/app';
import { migrate, openDatabase } from '../../src/db/database';
import {
  DistrictByNameDocument,
  DistrictReferenceDocument,
  FacetsByDistrictDocument,
  FirmsInDistrictsDocument,
  ParksInDistrictsDocument,
} from '../generated/graphql';
import { BEFORE_HONEST_PLAN, loadOldSeeds } from '../helpers/old-seeds';
import { createTestDatabase, startTestServer, TestServer } from '../helpers/test-server';

/** Qingdao's divisions and functional zones as a reference that every district filter reads. */
describe('districts as a reference', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const firmIds = async (districts: string[]) => {
    const res = await server.gql(FirmsInDistrictsDocument, { districts });
    expect(res.errors).toBeUndefined();
    return res.data!.enterprises.edges.map((e) => e.node.id).sort();
  };

  it('lists the 7 districts, the 3 county-level cities and the functional zones, each with its provenance', async () => {
    const res = await server.gql(DistrictReferenceDocument, {});
    expect(res.errors).toBeUndefined();
    const list = res.data!.districts;
    const names = (kind: string) => list.filter((d) => d.kind === kind).map((d) => d.nameZh);
    expect(names('DISTRICT')).toEqual(['市南区', '市北区', '李沧区', '崂山区', '黄岛区', '城阳区', '即墨区']);
    expect(names('COUNTY_CITY')).toEqual(['胶州市', '平度市', '莱西市']);
    expect(names('FUNCTIONAL_ZONE')).toEqual(expect.arrayContaining(['西海岸新区', '高新区']));
    const westCoast = list.find((d) => d.nameZh === '西海岸新区')!;
    expect(westCoast.division?.nameZh).toBe('黄岛区');
    expect(westCoast.coextensive).toBe(true);
    const hiTech = list.find((d) => d.nameZh === '高新区')!;
    expect(hiTech.division).toBeNull();
    for (const d of list) {
      expect(d.provenance.source.length).toBeGreaterThan(0);
      expect(['OFFICIAL_PLAN', 'PUBLIC_SOURCE', 'EDITORIAL']).toContain(d.provenance.kind);
    }
  });

  it('district(name) resolves a name, an English name or an alias to the canonical entry', async () => {
    const of = async (name: string) => (await server.gql(DistrictByNameDocument, { name })).data!.district;
    expect((await of('黄岛'))?.nameZh).toBe('黄岛区');
    expect((await of('huangdao district'))?.nameZh).toBe('黄岛区');
    expect(await of('青岛西海岸新区')).toMatchObject({ nameZh: '西海岸新区', kind: 'FUNCTIONAL_ZONE', division: { nameZh: '黄岛区' } });
    expect(await of('火星区')).toBeNull();
  });

  it('districts: ["西海岸新区"] and ["黄岛区"] return the same firms, as do the aliases', async () => {
    const huangdao = await firmIds(['黄岛区']);
    expect(huangdao.length).toBeGreaterThan(0);
    const [independent] = await server.sql<{ n: number }>(
      `select count(distinct ep.enterprise_id)::int as n from enterprise_park ep join park p on p.id = ep.park_id where p.district = '黄岛区'`,
    );
    expect(huangdao).toHaveLength(Number(independent.n));
    expect(await firmIds(['西海岸新区'])).toEqual(huangdao);
    expect(await firmIds(['黄岛'])).toEqual(huangdao);
    expect(await firmIds(['West Coast New Area'])).toEqual(huangdao);
    // A name the reference does not know still matches parks recorded under it (none here).
    expect(await firmIds(['火星区'])).toEqual([]);
  });

  it('a park names its division and its functional zone beside its district text', async () => {
    const res = await server.gql(ParksInDistrictsDocument, {});
    const parks = res.data!.parks.edges.map((e) => e.node);
    const byDistrict = (d: string) => parks.find((p) => p.district === d)!;
    expect(byDistrict('黄岛区')).toMatchObject({
      division: { nameZh: '黄岛区', kind: 'DISTRICT' },
      functionalZone: { nameZh: '西海岸新区', kind: 'FUNCTIONAL_ZONE' },
    });
    expect(byDistrict('崂山区')).toMatchObject({ division: { nameZh: '崂山区' }, functionalZone: null });
    // 高新区 is a functional zone, not a division; no source gathered says which division it lies in.
    expect(byDistrict('高新区')).toMatchObject({ division: null, functionalZone: { nameZh: '高新区', kind: 'FUNCTIONAL_ZONE' } });
    const zone = await server.gql(ParksInDistrictsDocument, { districts: ['青岛高新区'] });
    expect(zone.data!.parks.edges.map((e) => e.node.district)).toEqual(['高新区']);
  });

  it('facets report the canonical division, whatever name a park was recorded under', async () => {
    // A park recorded under the zone's name counts towards its division.
    const [park] = await server.sql<{ id: number }>(`select id from park where district = '黄岛区'`);
    await server.sql(`update park set district = '西海岸新区' where id = $1`, [park.id]);
    try {
      const res = await server.gql(FacetsByDistrictDocument, {});
      expect(res.errors).toBeUndefined();
      const names = res.data!.enterpriseFacets.byDistrict.map((b) => b.district);
      expect(names).toContain('黄岛区');
      expect(names).not.toContain('西海岸新区');
      const huangdao = res.data!.enterpriseFacets.byDistrict.find((b) => b.district === '黄岛区')!;
      expect(huangdao.count).toBe((await firmIds(['黄岛区'])).length);
      expect(await firmIds(['西海岸新区'])).toEqual(await firmIds(['黄岛区']));
    } finally {
      await server.sql(`update park set district = '黄岛区' where id = $1`, [park.id]);
    }
  });

  it('graph exports take a name or an alias, and refuse a district no park lies in', async () => {
    const ids = async (districts: string) => {
      const res = await fetch(`${server.origin}/export/graph.jgf.json?districts=${encodeURIComponent(districts)}`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { graph: { nodes: Record<string, unknown> } };
      return Object.keys(doc.graph.nodes).sort();
    };
    const huangdao = await ids('黄岛区');
    expect(huangdao.length).toBeGreaterThan(1);
    expect(await ids('西海岸新区')).toEqual(huangdao);
    const bad = await fetch(`${server.origin}/export/graph.graphml?districts=${encodeURIComponent('火星区')}`);
    expect(bad.status).toBe(400);
  });
});

describe('districts: a database made before the reference upgrades without losing a record', () => {
  it('migrates, keeps every park row and answers district filters with the new semantics', async () => {
    const database = await createTestDatabase({ blank: true });
    try {
      const before = await openDatabase(database.config);
      let parksBefore: unknown[];
      try {
        // The directory as it was then (today's seeder writes today's schema), taken up to the
        // step before the districts reference.
        await before.orm.getMigrator().up({ to: BEFORE_HONEST_PLAN });
        await loadOldSeeds(before);
        await before.orm.getMigrator().up({ to: 'Migration20261202100000_honest_plan' });
        parksBefore = await before.em().execute('select * from park order by id');
        const tables = await before.em().execute(`select 1 from information_schema.tables where table_name = 'district'`);
        expect(tables).toHaveLength(0);
      } finally {
        await before.close();
      }
      const after = await openDatabase(database.config);
      try {
        expect(await migrate(after)).toContain('Migration20261202110000_districts');
        expect(await after.em().execute('select * from park order by id')).toEqual(parksBefore);
        const [count] = (await after.em().execute('select count(*)::int as n from district')) as Array<{ n: number }>;
        expect(Number(count.n)).toBeGreaterThanOrEqual(12);
      } finally {
        await after.close();
      }
      const app = await startApp({ ...database.config, port: 0 }, pino({ level: 'silent' }));
      try {
        const url = `http://127.0.0.1:${app.port}/graphql`;
        const ask = async (districts: string[]) => {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: 'query($d: [String!]) { enterprises(filter: { districts: $d }) { totalCount } }', variables: { d: districts } }),
          });
          return ((await res.json()) as { data: { enterprises: { totalCount: number } } }).data.enterprises.totalCount;
        };
        const huangdao = await ask(['黄岛区']);
        expect(huangdao).toBeGreaterThan(0);
        expect(await ask(['西海岸新区'])).toBe(huangdao);
      } finally {
        await app.close();
      }
    } finally {
      await database.drop();
    }
  }, 300_000); // a fresh embedded database migrated twice and seeded: minutes on a busy 2-core machine
});

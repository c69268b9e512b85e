import {
  CreateEnterpriseFullDocument,
  DeleteEnterpriseDetachDocument,
  KeptCountsDocument,
  LinkEnterpriseToParkDocument,
  LinkEnterpriseToSectorDocument,
  UnlinkEnterpriseFromParkDocument,
  UnlinkEnterpriseFromSectorDocument,
  UpdateEnterpriseFullDocument,
} from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { firmsCsv } from '../helpers/import-files';
import { startTestServer, TestServer } from '../helpers/test-server';
import { loadSynthetic, removeSynthetic } from '../../src/db/synthetic/load';

const gid = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64url');
const PARKS = 100;

/** Filter shapes: the first four are read from enterprise_count, the last two count every match. */
const SHAPES: Array<{ sectors?: string[]; layers?: string[]; provenanceKinds?: string[] }> = [
  {},
  { sectors: ['SMART_OCEAN'] },
  { layers: ['APPLICATION'] },
  { sectors: ['INDUSTRIAL_MANUFACTURING'], layers: ['APPLICATION', 'TECHNOLOGY', 'APPLICATION'] },
  { sectors: ['SMART_OCEAN', 'INDUSTRIAL_MANUFACTURING'] },
  { sectors: ['SMART_OCEAN'], provenanceKinds: ['SAMPLE'] },
];

/** The matches of a shape counted from the firms' own rows, as SQL conditions over `e`. */
const CONDITION = `($1::text = 'null' or e.layer in (select json_array_elements_text($1::json)))
  and ($2::text = 'null' or exists (select 1 from enterprise_sector s where s.enterprise_id = e.id and s.sector_code in (select json_array_elements_text($2::json))))
  and ($3::text = 'null' or e.provenance_kind in (select json_array_elements_text($3::json)))`;

describe.each(['compiled', 'resolvers'] as const)('totalCount of firms from kept counts (%s path)', (execution) => {
  let server: TestServer;
  let editor: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ execution });
    editor = (await createTestKey(server, 'editor', '计数测试')).headers;
  });
  afterAll(() => server?.close());

  /** Every shape's totalCount, at the root and in each park, equals COUNT(*) over the rows; and so does every kept count. */
  async function expectExact(): Promise<void> {
    for (const shape of SHAPES) {
      const res = await server.gql(KeptCountsDocument, { filter: shape as never, parks: PARKS });
      expect(res.errors).toBeUndefined();
      expect(res.headers.get('x-execution')).toBe(execution);
      const params = [JSON.stringify(shape.layers ?? null), JSON.stringify(shape.sectors ?? null), JSON.stringify(shape.provenanceKinds ?? null)];
      const [root] = await server.sql<{ n: number }>(`select count(*)::int as n from enterprise e where ${CONDITION}`, params);
      const parks = await server.sql<{ id: number; n: number }>(
        `select p.id, (select count(*)::int from enterprise_park ep join enterprise e on e.id = ep.enterprise_id where ep.park_id = p.id and ${CONDITION}) as n
           from park p order by p.id limit ${PARKS}`,
        params,
      );
      expect({ shape, root: res.data!.enterprises.totalCount }).toEqual({ shape, root: root.n });
      expect(res.data!.parks.edges.map((e) => [e.node.id, e.node.enterprises.totalCount])).toEqual(parks.map((p) => [gid('Park', p.id), p.n]));
    }
    // Every key of the table, recomputed from the firms' rows.
    const wrong = await server.sql<{ n: number }>(`
      with exact as (
        select p.park_id, s.sector_code, l.layer, count(*)::int as n from enterprise e
        cross join lateral (select park_id from enterprise_park where enterprise_id = e.id union all select 0) p
        cross join lateral (select sector_code from enterprise_sector where enterprise_id = e.id union all select '') s
        cross join lateral (values (e.layer), ('')) l(layer)
        group by 1, 2, 3)
      select count(*)::int as n from exact full join enterprise_count c using (park_id, sector_code, layer) where coalesce(exact.n, 0) <> coalesce(c.n, 0)`);
    expect(wrong[0].n).toBe(0);
  }

  it('are exact on the seeds, and after each kind of write', async () => {
    await expectExact();
    const [p1, p2] = (await server.sql<{ id: number }>('select id from park order by id limit 2')).map((r) => gid('Park', r.id));

    // Create, with a sector and a park.
    const created = await server.gql(
      CreateEnterpriseFullDocument,
      { input: { nameZh: '（示例）计数测试企业', layer: 'APPLICATION' as never, sectors: ['SMART_OCEAN' as never], parkIds: [p1] } },
      editor,
    );
    expect(created.data?.createEnterprise.userErrors).toEqual([]);
    const firm = created.data!.createEnterprise.enterprise!;
    await expectExact();

    // Update the layer.
    const updated = await server.gql(
      UpdateEnterpriseFullDocument,
      { input: { id: firm.id, expectedVersion: firm.version, layer: 'TECHNOLOGY' as never } },
      editor,
    );
    expect(updated.data?.updateEnterprise.userErrors).toEqual([]);
    await expectExact();

    // Link and unlink sectors and parks.
    for (const [doc, input] of [
      [LinkEnterpriseToSectorDocument, { enterpriseId: firm.id, sector: 'INDUSTRIAL_MANUFACTURING' }],
      [LinkEnterpriseToParkDocument, { enterpriseId: firm.id, parkId: p2 }],
      [UnlinkEnterpriseFromParkDocument, { enterpriseId: firm.id, parkId: p1 }],
      [UnlinkEnterpriseFromSectorDocument, { enterpriseId: firm.id, sector: 'SMART_OCEAN' }],
    ] as const) {
      const res = await server.gql(doc as never, { input } as never, editor);
      expect(res.errors).toBeUndefined();
      await expectExact();
    }

    // Delete.
    const deleted = await server.gql(DeleteEnterpriseDetachDocument, { id: firm.id, detach: true }, editor);
    expect(deleted.data?.deleteEnterprise.userErrors).toEqual([]);
    await expectExact();

    // Import (firms in a park, with two sectors each).
    const imported = await fetch(`${server.origin}/import/enterprises`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...editor },
      body: firmsCsv(30, { tag: '计数', prefix: '9137023' }),
    });
    expect(imported.status).toBe(200);
    await expectExact();

    // The synthetic seed, and its removal.
    await loadSynthetic(server.db.em(), { enterprises: 300, seed: 7 });
    await expectExact();
    await removeSynthetic(server.db.em());
    await expectExact();

    // Plain SQL behind the API's back: a cascade from a deleted sector link and a truncate-free bulk update.
    await server.sql(`delete from enterprise_sector where enterprise_id in (select id from enterprise order by id limit 5)`);
    await server.sql(`update enterprise set layer = 'FOUNDATION' where id in (select id from enterprise order by id desc limit 7)`);
    await expectExact();
  });
});

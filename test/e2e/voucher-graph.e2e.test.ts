import { toGlobalId } from '../../src/common/global-id';
import {
  CreateVoucherGrantDocument,
  CreateVoucherProgramDocument,
  DeleteVoucherGrantDocument,
  RelationGraphDocument,
  SearchPageDocument,
  UpdateVoucherProgramDocument,
  type RelationGraphQuery,
  type RelationGraphQueryVariables,
  type SearchType,
} from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { EXPORT_FORMATS, readExport, removeTempFiles } from '../helpers/graph-consumers';
import { startTestServer, TestServer } from '../helpers/test-server';

type Graph = RelationGraphQuery['relationGraph'];

/** 算力券 programmes as vertices of the relation graph (GRANTED, REDEEMED_AT), in its exports and in search (issue 13). */
describe('compute-voucher programmes in the relation graph, its exports and search', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  /** The sample programme of the seeds and its global ID. */
  let sampleId: number;
  let sample: string;

  beforeAll(async () => {
    server = await startTestServer();
    editor = (await createTestKey(server, 'editor', '算力组')).headers;
    [{ id: sampleId }] = await server.sql<{ id: number }>(`select id from compute_voucher_program where provenance_kind = 'SAMPLE'`);
    sample = toGlobalId('ComputeVoucherProgram', sampleId);
  });
  afterAll(async () => {
    removeTempFiles();
    await server?.close();
  });

  const graph = async (filter: NonNullable<RelationGraphQueryVariables['filter']>, first = 500): Promise<Graph> => {
    const res = await server.gql(RelationGraphDocument, { filter, first });
    expect(res.errors).toBeUndefined();
    return res.data!.relationGraph;
  };
  const pairs = (g: Graph, kind: string) =>
    g.edges
      .filter((e) => e.kind === kind)
      .map((e) => `${e.source}>${e.target}`)
      .sort();
  /** GRANTED and REDEEMED_AT pairs as the database holds them (one per pair, however many grants). */
  const storedPairs = async () => ({
    granted: (await server.sql<{ e: number; p: number }>('select distinct enterprise_id as e, program_id as p from compute_voucher_grant'))
      .map((r) => `${toGlobalId('Enterprise', r.e)}>${toGlobalId('ComputeVoucherProgram', r.p)}`)
      .sort(),
    redeemed: (
      await server.sql<{ p: number; c: number }>(
        'select distinct program_id as p, compute_center_id as c from compute_voucher_grant where compute_center_id is not null',
      )
    )
      .map((r) => `${toGlobalId('ComputeVoucherProgram', r.p)}>${toGlobalId('ComputeCenter', r.c)}`)
      .sort(),
  });

  it('the seeded programmes are vertices with names and provenance; the sample one links its five firms by GRANTED', async () => {
    const only = await graph({ nodeKinds: ['VOUCHER_PROGRAM'] });
    expect(only.edges).toEqual([]);
    const byName = new Map(only.nodes.map((n) => [n.nameZh, n]));
    expect(byName.get('青岛市算力券（每年发放）')).toMatchObject({ kind: 'VOUCHER_PROGRAM', provenanceKind: 'PUBLIC_SOURCE' });
    expect(byName.get('2025年算力券（示例）')).toMatchObject({
      id: sample,
      kind: 'VOUCHER_PROGRAM',
      nameEn: 'Compute vouchers 2025 (sample)',
      provenanceKind: 'SAMPLE',
    });

    const ego = await graph({ around: sample, depth: 1 });
    const firms = await server.sql<{ id: number; name_zh: string }>(
      'select distinct e.id, e.name_zh from compute_voucher_grant g join enterprise e on e.id = g.enterprise_id where g.program_id = $1',
      [sampleId],
    );
    expect(firms).toHaveLength(5);
    expect(ego.nodes.map((n) => n.id).sort()).toEqual([sample, ...firms.map((f) => toGlobalId('Enterprise', f.id))].sort());
    // Sample grants go to sample firms only.
    for (const n of ego.nodes) expect(n.provenanceKind).toBe('SAMPLE');
    expect(pairs(ego, 'GRANTED')).toEqual((await storedPairs()).granted.filter((p) => p.endsWith(`>${sample}`)));
    expect(ego.edges.every((e) => e.kind === 'GRANTED')).toBe(true);
  });

  it('a second grant to the same firm adds no edge; one redeemed at a compute centre adds REDEEMED_AT; deleting it removes that edge', async () => {
    const [{ id: firmId }] = await server.sql<{ id: number }>(
      'select enterprise_id as id from compute_voucher_grant where program_id = $1 order by enterprise_id limit 1',
      [sampleId],
    );
    const [{ id: centreId }] = await server.sql<{ id: number }>(`select id from compute_center where name_zh like '中科曙光%'`);
    const firm = toGlobalId('Enterprise', firmId);
    const centre = toGlobalId('ComputeCenter', centreId);
    const before = await graph({ around: sample, depth: 1 });

    const created = await server.gql(
      CreateVoucherGrantDocument,
      { input: { programId: sample, enterpriseId: firm, computeCenterId: centre, amountYuan: 50000, grantedOn: '2025-11-01' } },
      editor,
    );
    expect(created.data!.createComputeVoucherGrant.userErrors).toEqual([]);
    const grant = created.data!.createComputeVoucherGrant.computeVoucherGrant!;

    const after = await graph({ around: sample, depth: 1 });
    expect(pairs(after, 'GRANTED')).toEqual(pairs(before, 'GRANTED'));
    expect(pairs(after, 'REDEEMED_AT')).toEqual([`${sample}>${centre}`]);
    expect(after.nodes.find((n) => n.id === centre)).toMatchObject({ kind: 'COMPUTE_CENTER', nameZh: '中科曙光“海之心”人工智能计算中心' });
    expect(new Set(after.edges.map((e) => e.id)).size).toBe(after.edges.length);
    const stored = await storedPairs();
    expect(stored.redeemed).toEqual([`${sample}>${centre}`]);

    // Every export format carries both relations, exactly as stored, and names each by its kind.
    for (const ext of EXPORT_FORMATS) {
      const read = await readExport(server.origin, ext, '?nodeKinds=ENTERPRISE,VOUCHER_PROGRAM,COMPUTE_CENTER&edgeKinds=GRANTED,REDEEMED_AT');
      const edges = read.edges.map(([s, t], i) => `${read.edgeKinds[i]}:${s}>${t}`).sort();
      expect([ext, edges]).toEqual([ext, [...stored.granted.map((p) => `GRANTED:${p}`), ...stored.redeemed.map((p) => `REDEEMED_AT:${p}`)].sort()]);
      expect([ext, read.kinds[sample], read.kinds[centre]]).toEqual([ext, 'VOUCHER_PROGRAM', 'COMPUTE_CENTER']);
    }
    // The edge kinds filter keeps one relation without the other.
    const redeemedOnly = await graph({ nodeKinds: ['VOUCHER_PROGRAM', 'COMPUTE_CENTER'], edgeKinds: ['REDEEMED_AT'] });
    expect(redeemedOnly.edges.map((e) => [e.kind, e.source, e.target])).toEqual([['REDEEMED_AT', sample, centre]]);
    // From the compute centre, the programme is one hop away.
    const fromCentre = await graph({ around: centre, depth: 1, nodeKinds: ['COMPUTE_CENTER', 'VOUCHER_PROGRAM'] });
    expect(fromCentre.nodes.map((n) => n.id).sort()).toEqual([centre, sample].sort());

    const deleted = await server.gql(DeleteVoucherGrantDocument, { input: { id: grant.id } }, editor);
    expect(deleted.data!.deleteComputeVoucherGrant.userErrors).toEqual([]);
    const gone = await graph({ around: sample, depth: 1 });
    expect(pairs(gone, 'REDEEMED_AT')).toEqual([]);
    expect(pairs(gone, 'GRANTED')).toEqual(pairs(before, 'GRANTED'));
  });

  it('a sample grant never links two real records when the graph is asked for real data only', async () => {
    const [{ id: citedId }] = await server.sql<{ id: number }>(`select id from compute_voucher_program where provenance_kind = 'PUBLIC_SOURCE'`);
    const [{ id: firmId }] = await server.sql<{ id: number }>(
      `insert into enterprise (name_zh, layer, provenance_kind, provenance_source, provenance_verified_at)
       values ('算力券图测试企业', 'APPLICATION', 'USER_ENTERED', 'test', current_date) returning id`,
    );
    const [{ id: grantId }] = await server.sql<{ id: number }>(
      `insert into compute_voucher_grant (program_id, enterprise_id, amount_yuan, provenance_kind, provenance_source)
       values ($1, $2, 1000, 'SAMPLE', 'sample') returning id`,
      [citedId, firmId],
    );
    const cited = toGlobalId('ComputeVoucherProgram', citedId);
    const firm = toGlobalId('Enterprise', firmId);
    const edge = `${firm}>${cited}`;
    const nodeKinds = ['ENTERPRISE', 'VOUCHER_PROGRAM'] as const;
    expect(pairs(await graph({ nodeKinds: [...nodeKinds] }), 'GRANTED')).toContain(edge);
    const real = await graph({ nodeKinds: [...nodeKinds], provenanceKinds: ['PUBLIC_SOURCE', 'USER_ENTERED'] });
    expect(real.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([firm, cited]));
    expect(pairs(real, 'GRANTED')).not.toContain(edge);
    // Nor in the files, nor in an ego network.
    const file = await readExport(server.origin, 'jgf.json', `?nodeKinds=ENTERPRISE,VOUCHER_PROGRAM&provenanceKinds=PUBLIC_SOURCE,USER_ENTERED`);
    expect(file.nodes).toEqual(expect.arrayContaining([firm, cited]));
    expect(file.edges.map(([s, t]) => `${s}>${t}`)).not.toContain(edge);
    const ego = await graph({ around: cited, provenanceKinds: ['PUBLIC_SOURCE', 'USER_ENTERED'] });
    expect(ego.nodes.map((n) => n.id)).toEqual([cited]);
    expect((await graph({ around: cited })).nodes.map((n) => n.id).sort()).toEqual([cited, firm].sort());
    await server.sql('delete from compute_voucher_grant where id = $1', [grantId]);
    await server.sql('delete from enterprise where id = $1', [firmId]);
  });

  it('sector and park filters keep a programme exactly when a firm it granted to is in them', async () => {
    const inSector = async (sector: string) =>
      (
        await server.sql<{ id: number }>(
          'select distinct g.program_id as id from compute_voucher_grant g join enterprise_sector s on s.enterprise_id = g.enterprise_id where s.sector_code = $1',
          [sector],
        )
      ).map((r) => toGlobalId('ComputeVoucherProgram', r.id));
    for (const sector of ['SMART_OCEAN', 'HEALTH_ELDERLY_CARE', 'SOCIAL_GOVERNANCE'] as const) {
      const g = await graph({ sectors: [sector], nodeKinds: ['VOUCHER_PROGRAM'] });
      expect([sector, g.nodes.map((n) => n.id).sort()]).toEqual([sector, (await inSector(sector)).sort()]);
    }
    expect(await inSector('SMART_OCEAN')).toEqual([sample]);
    expect(await inSector('SOCIAL_GOVERNANCE')).toEqual([]);

    const parks = await server.sql<{ id: number; n: number }>(
      `select p.id, count(distinct g.program_id)::int as n from park p
         left join enterprise_park ep on ep.park_id = p.id left join compute_voucher_grant g on g.enterprise_id = ep.enterprise_id
        group by p.id order by n desc, p.id`,
    );
    const withGrants = parks[0];
    const without = parks.at(-1)!;
    expect([Number(withGrants.n), Number(without.n)]).toEqual([1, 0]);
    const kept = await graph({ parkIds: [toGlobalId('Park', withGrants.id)], nodeKinds: ['VOUCHER_PROGRAM', 'ENTERPRISE'] });
    expect(kept.nodes.filter((n) => n.kind === 'VOUCHER_PROGRAM').map((n) => n.id)).toEqual([sample]);
    expect(pairs(kept, 'GRANTED').length).toBeGreaterThan(0);
    const none = await graph({ parkIds: [toGlobalId('Park', without.id)], nodeKinds: ['VOUCHER_PROGRAM'] });
    expect(none.nodes).toEqual([]);
  });

  it('the statements a relation graph runs, and its cost, depend on the kinds asked for, not on the number of grants', async () => {
    // What the cost model charged (the rest of extensions.cost is the caller's remaining budget).
    const priced = (cost: unknown) => {
      const { nodes, requested } = cost as { nodes: number; requested: number };
      return { nodes, requested };
    };
    const statements = async () => {
      const res = await server.gql(RelationGraphDocument, { filter: { nodeKinds: ['ENTERPRISE', 'VOUCHER_PROGRAM', 'COMPUTE_CENTER'] }, first: 500 });
      expect(res.errors).toBeUndefined();
      return { sql: Number(res.headers.get('x-sql-statements')), cost: priced(res.extensions?.cost), edges: res.data!.relationGraph.edges.length };
    };
    const few = await statements();
    const firms = await server.sql<{ id: number }>('select id from enterprise order by id limit 3');
    const [{ id: centreId }] = await server.sql<{ id: number }>('select id from compute_center order by id limit 1');
    const ids: string[] = [];
    for (const f of firms) {
      const res = await server.gql(
        CreateVoucherGrantDocument,
        {
          input: { programId: sample, enterpriseId: toGlobalId('Enterprise', f.id), computeCenterId: toGlobalId('ComputeCenter', centreId), amountYuan: 1000 },
        },
        editor,
      );
      expect(res.data!.createComputeVoucherGrant.userErrors).toEqual([]);
      ids.push(res.data!.createComputeVoucherGrant.computeVoucherGrant!.id);
    }
    const many = await statements();
    expect(many.edges).toBeGreaterThan(few.edges);
    expect(few.sql).toBeGreaterThan(0);
    expect(many.sql).toBe(few.sql);
    expect(many.cost).toEqual(few.cost);
    // Priced like a graph of any other kinds.
    const sectors = await server.gql(RelationGraphDocument, { filter: { nodeKinds: ['SECTOR'] }, first: 500 });
    expect(priced(sectors.extensions?.cost)).toEqual(few.cost);
    expect(few.cost).toEqual({ nodes: 500, requested: 1 });
    for (const id of ids)
      expect((await server.gql(DeleteVoucherGrantDocument, { input: { id } }, editor)).data!.deleteComputeVoucherGrant.userErrors).toEqual([]);
  });

  it('search finds programmes by Chinese, pinyin, initials, traditional characters and English, and only them when asked', async () => {
    const names = async (q: string, types?: SearchType[]) => {
      const res = await server.gql(SearchPageDocument, { q, types, first: 20 });
      expect(res.errors).toBeUndefined();
      return res.data!.search.edges.map((e) => `${e.node.__typename}:${'nameZh' in e.node ? e.node.nameZh : ''}`);
    };
    for (const q of ['算力券', '青岛市算力券', 'suanliquan', 'qingdaoshisuanliquan', 'qdssl', '青島市算力券', 'Qingdao compute vouchers']) {
      expect([q, await names(q)]).toEqual([q, expect.arrayContaining(['ComputeVoucherProgram:青岛市算力券（每年发放）'])]);
    }
    expect(await names('2025年算力券')).toContain('ComputeVoucherProgram:2025年算力券（示例）');
    const only = await server.gql(SearchPageDocument, { q: '算力', types: ['VOUCHER_PROGRAM'], first: 20 });
    expect(only.data!.search.totalCount).toBe(2);
    expect(only.data!.search.edges.every((e) => e.node.__typename === 'ComputeVoucherProgram')).toBe(true);
    const cited = only.data!.search.edges.find((e) => 'nameZh' in e.node && e.node.nameZh === '青岛市算力券（每年发放）')!.node;
    expect(cited).toMatchObject({ year: null });
    // Compute centres are not voucher programmes.
    expect((await names('海之心', ['VOUCHER_PROGRAM'])).length).toBe(0);
  });

  it('a programme created or renamed through the mutations is found by its new name at once', async () => {
    const created = await server.gql(CreateVoucherProgramDocument, { input: { nameZh: '崂山区算力补贴券测试', year: 2026 } }, editor);
    expect(created.data!.createComputeVoucherProgram.userErrors).toEqual([]);
    const program = created.data!.createComputeVoucherProgram.computeVoucherProgram!;
    const find = async (q: string) =>
      (await server.gql(SearchPageDocument, { q, types: ['VOUCHER_PROGRAM'], first: 5 })).data!.search.edges.map((e) => ('id' in e.node ? e.node.id : null));
    expect(await find('laoshanqu')).toEqual([program.id]);
    expect(await find('lsqslbtq')).toEqual([program.id]);

    const renamed = await server.gql(UpdateVoucherProgramDocument, { input: { id: program.id, expectedVersion: 1, nameZh: '黄岛区算力补贴券测试' } }, editor);
    expect(renamed.data!.updateComputeVoucherProgram.userErrors).toEqual([]);
    expect(await find('黄岛区算力补贴')).toEqual([program.id]);
    expect(await find('huangdao')).toEqual([program.id]);
    expect(await find('laoshanqu')).toEqual([]);
    // And the graph has it, a vertex without edges until a grant names it.
    const g = await graph({ nodeKinds: ['VOUCHER_PROGRAM'] });
    expect(g.nodes.find((n) => n.id === program.id)).toMatchObject({ nameZh: '黄岛区算力补贴券测试', provenanceKind: 'USER_ENTERED' });
  });
});

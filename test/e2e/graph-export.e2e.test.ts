import { toGlobalId } from '../../src/common/global-id';
import { RelationGraphDocument } from '../generated/graphql';
import { ReadGraph, readExport, removeTempFiles } from '../helpers/graph-consumers';
import { startTestServer, TestServer } from '../helpers/test-server';

const TYPE_OF: Record<string, string> = {
  park: 'Park',
  enterprise: 'Enterprise',
  innovation_platform: 'InnovationPlatform',
  scenario: 'Scenario',
  sector: 'Sector',
  large_model: 'LargeModel',
  compute_center: 'ComputeCenter',
  institution: 'Institution',
  national_innovation_task: 'NationalInnovationTask',
  data_product: 'DataProduct',
  chain_node: 'ChainNode',
  compute_voucher_program: 'ComputeVoucherProgram',
};

/** The relation graph, exported in every format and read back by the tools researchers use. */
describe('relation graph export', () => {
  let server: TestServer;
  let dbNodes: number;
  let dbEdges: number;
  let laoshan: string;
  /** The whole graph as networkx read it from the GraphML export (checked against SQL below). */
  let full: ReadGraph;

  async function download(path: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
    const res = await fetch(`${server.origin}${path}`);
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }

  /** Global IDs of rows named by SQL returning (t = table name, k = key). */
  async function idsBySql(sql: string, params: unknown[] = []): Promise<string[]> {
    const rows = await server.sql<{ t: string; k: string | number }>(sql, params);
    return rows.map((r) => toGlobalId(TYPE_OF[r.t], r.k)).sort();
  }

  /** Reads one export in every consumer that understands it; returns what they all agree on. */
  const readAll = (ext: string, query = '') => readExport(server.origin, ext, query);

  beforeAll(async () => {
    server = await startTestServer();
    const [counts] = await server.sql<{ nodes: number; edges: number }>(
      `select ((select count(*) from park) + (select count(*) from enterprise) + (select count(*) from innovation_platform)
             + (select count(*) from scenario) + (select count(*) from sector) + (select count(*) from large_model)
             + (select count(*) from compute_center) + (select count(*) from institution)
             + (select count(*) from national_innovation_task)
             + (select count(*) from data_product)
             + (select count(*) from chain_node)
             + (select count(*) from compute_voucher_program))::int as nodes,
              ((select count(*) from enterprise_park) + (select count(*) from enterprise_sector) + (select count(*) from park_focus_sector)
             + (select count(*) from platform_host) + (select count(*) from innovation_platform where park_id is not null)
             + (select count(*) from platform_sector) + (select count(*) from scenario_provider) + (select count(*) from scenario)
             + (select count(*) from scenario where park_id is not null) + (select count(*) from large_model_developer)
             + (select count(*) from large_model_sector) + (select count(*) from compute_center where park_id is not null)
             + (select count(*) from platform_institution_host) + (select count(*) from national_task_enterprise_winner)
             + (select count(*) from national_task_institution_winner)
             + (select count(*) from data_product where provider_id is not null) + (select count(*) from data_product_sector)
             + (select count(*) from enterprise_chain_node) + (select count(*) from chain_node where parent_id is not null)
             + (select count(distinct (enterprise_id, program_id)) from compute_voucher_grant)
             + (select count(distinct (program_id, compute_center_id)) from compute_voucher_grant where compute_center_id is not null))::int as edges`,
    );
    dbNodes = Number(counts.nodes);
    dbEdges = Number(counts.edges);
    const [park] = await server.sql<{ id: number }>(`select id from park where name_zh = '崂山区人工智能产业园'`);
    laoshan = toGlobalId('Park', park.id);
    full = await readAll('graphml');
  });
  afterAll(async () => {
    removeTempFiles();
    await server?.close();
  });

  it('GraphML: valid against the schema; networkx reads exactly the database’s nodes and edges, Chinese names intact', async () => {
    expect(dbNodes).toBeGreaterThan(100);
    expect(full.nodes).toHaveLength(dbNodes);
    expect(full.edges).toHaveLength(dbEdges);
    expect(full.names[laoshan]).toBe('崂山区人工智能产业园');
    const sectorNames = Object.values(full.names);
    expect(sectorNames).toContain('智慧海洋');
  });

  it.each(['gexf', 'cyjs', 'jgf.json', 'csv.zip'])('%s: valid, read by its consumer with the same nodes and edges as GraphML', async (ext) => {
    const read = await readAll(ext);
    expect(read.nodes).toHaveLength(dbNodes);
    expect(read.edges).toHaveLength(dbEdges);
    expect([...read.nodes].sort()).toEqual([...full.nodes].sort());
    expect(read.names[laoshan]).toBe('崂山区人工智能产业园');
  });

  it('serves each format with its content type and a file name', async () => {
    const expected: Record<string, string> = {
      graphml: 'application/graphml+xml',
      gexf: 'application/gexf+xml',
      cyjs: 'application/json',
      'jgf.json': 'application/vnd.jgf+json',
      'csv.zip': 'application/zip',
    };
    for (const [ext, type] of Object.entries(expected)) {
      const res = await download(`/export/graph.${ext}?nodeKinds=SECTOR`);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="qingdao-ai-graph.${ext}"`);
    }
  });

  it('sector filter: every format holds exactly the nodes tied to 智慧海洋 and the induced edges among them', async () => {
    const expected = await idsBySql(
      `select 'sector' as t, code as k from sector where code = 'SMART_OCEAN'
       union all select 'enterprise', enterprise_id::text from enterprise_sector where sector_code = 'SMART_OCEAN'
       union all select 'park', park_id::text from park_focus_sector where sector_code = 'SMART_OCEAN'
       union all select 'innovation_platform', platform_id::text from platform_sector where sector_code = 'SMART_OCEAN'
       union all select 'scenario', id::text from scenario where sector_code = 'SMART_OCEAN'
       union all select 'large_model', large_model_id::text from large_model_sector where sector_code = 'SMART_OCEAN'
       union all select 'compute_center', c.id::text from compute_center c join park_focus_sector f on f.park_id = c.park_id and f.sector_code = 'SMART_OCEAN'
       union select 'institution', h.institution_id::text from platform_institution_host h join platform_sector s on s.platform_id = h.platform_id and s.sector_code = 'SMART_OCEAN'
       union select 'national_innovation_task', w.task_id::text from national_task_enterprise_winner w join enterprise_sector s on s.enterprise_id = w.enterprise_id and s.sector_code = 'SMART_OCEAN'
       union all select 'data_product', data_product_id::text from data_product_sector where sector_code = 'SMART_OCEAN'
       union all select 'chain_node', id::text from chain_node where sector_code is null or sector_code = 'SMART_OCEAN'
       union select 'compute_voucher_program', g.program_id::text from compute_voucher_grant g join enterprise_sector s on s.enterprise_id = g.enterprise_id and s.sector_code = 'SMART_OCEAN'`,
    );
    expect(expected.length).toBeGreaterThan(10);
    const keep = new Set(expected);
    const induced = full.edges.filter(([s, t]) => keep.has(s) && keep.has(t)).length;
    expect(induced).toBeLessThan(dbEdges);
    for (const ext of ['graphml', 'gexf', 'cyjs', 'jgf.json', 'csv.zip']) {
      const read = await readAll(ext, '?sectors=SMART_OCEAN');
      expect([ext, [...read.nodes].sort()]).toEqual([ext, expected]);
      expect([ext, read.edges.length]).toEqual([ext, induced]);
    }
  });

  it('compute-voucher programmes: every format carries each with its kind and provenance, and one GRANTED edge per firm and programme', async () => {
    const programs = await server.sql<{ id: number; name_zh: string; provenance_kind: string }>(
      'select id, name_zh, provenance_kind from compute_voucher_program order by id',
    );
    // The seeds: the plan-cited standing programme and the sample one, whose grants go to five sample firms.
    expect(programs.map((p) => p.provenance_kind).sort()).toEqual(['PUBLIC_SOURCE', 'SAMPLE']);
    const granted = (await server.sql<{ e: number; p: number }>('select distinct enterprise_id as e, program_id as p from compute_voucher_grant'))
      .map((r) => `${toGlobalId('Enterprise', r.e)}>${toGlobalId('ComputeVoucherProgram', r.p)}`)
      .sort();
    expect(granted).toHaveLength(5);
    const firms = await idsBySql(`select 'enterprise' as t, id::text as k from enterprise`);
    for (const ext of ['graphml', 'gexf', 'cyjs', 'jgf.json', 'csv.zip']) {
      const read = await readAll(ext, '?nodeKinds=ENTERPRISE,VOUCHER_PROGRAM');
      for (const p of programs) {
        const id = toGlobalId('ComputeVoucherProgram', p.id);
        expect([ext, read.names[id], read.kinds[id], read.provenance[id]]).toEqual([ext, p.name_zh, 'VOUCHER_PROGRAM', p.provenance_kind]);
      }
      expect([ext, read.nodes.length]).toEqual([ext, firms.length + programs.length]);
      expect([ext, read.edges.map(([s, t]) => `${s}>${t}`).sort()]).toEqual([ext, granted]);
      expect([ext, [...new Set(read.edgeKinds)]]).toEqual([ext, ['GRANTED']]);
    }
    // In the whole graph too, and a sample programme is counted in the data notice like any sample record.
    for (const p of programs) expect(full.kinds[toGlobalId('ComputeVoucherProgram', p.id)]).toBe('VOUCHER_PROGRAM');
    const jgf = (await (await fetch(`${server.origin}/export/graph.jgf.json?nodeKinds=VOUCHER_PROGRAM`)).json()) as {
      graph: { metadata: { dataNotice?: { counts: Record<string, number> } } };
    };
    expect(jgf.graph.metadata.dataNotice?.counts).toEqual({ PUBLIC_SOURCE: 1, SAMPLE: 1 });
    const sampleOnly = await readAll('jgf.json', '?nodeKinds=VOUCHER_PROGRAM&provenanceKinds=SAMPLE');
    expect(sampleOnly.nodes).toEqual([toGlobalId('ComputeVoucherProgram', programs.find((p) => p.provenance_kind === 'SAMPLE')!.id)]);
  });

  it('ego network: depth 1 around the Laoshan park is the park and exactly what is linked to it', async () => {
    const [{ id }] = await server.sql<{ id: number }>(`select id from park where name_zh = '崂山区人工智能产业园'`);
    const expected = await idsBySql(
      `select 'park' as t, id::text as k from park where id = $1
       union select 'enterprise', enterprise_id::text from enterprise_park where park_id = $1
       union select 'innovation_platform', id::text from innovation_platform where park_id = $1
       union select 'scenario', id::text from scenario where park_id = $1
       union select 'compute_center', id::text from compute_center where park_id = $1
       union select 'sector', sector_code from park_focus_sector where park_id = $1`,
      [id],
    );
    for (const ext of ['graphml', 'jgf.json', 'cyjs']) {
      const read = await readAll(ext, `?around=${laoshan}&depth=1`);
      expect([ext, [...read.nodes].sort()]).toEqual([ext, expected]);
    }
    const gql = await server.gql(RelationGraphDocument, { filter: { around: laoshan, depth: 1 } });
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.relationGraph.nodes.map((n) => n.id).sort()).toEqual(expected);
    const keep = new Set(expected);
    expect(gql.data!.relationGraph.edges).toHaveLength(full.edges.filter(([s, t]) => keep.has(s) && keep.has(t)).length);
  });

  it('ego network: depth 2 equals a breadth-first walk of the full export, ignoring direction', async () => {
    const neighbours = new Map<string, string[]>();
    for (const [s, t] of full.edges) {
      neighbours.set(s, [...(neighbours.get(s) ?? []), t]);
      neighbours.set(t, [...(neighbours.get(t) ?? []), s]);
    }
    const seen = new Set([laoshan]);
    let frontier = [laoshan];
    for (let hop = 0; hop < 2; hop++) {
      frontier = frontier.flatMap((n) => neighbours.get(n) ?? []).filter((n) => !seen.has(n) && (seen.add(n), true));
    }
    const read = await readAll('csv.zip', `?around=${laoshan}&depth=2`);
    expect([...read.nodes].sort()).toEqual([...seen].sort());
    expect(seen.size).toBeLessThan(dbNodes);
  });

  it('node and edge kinds, parks and districts narrow the graph', async () => {
    const firms = await readAll('jgf.json', `?nodeKinds=ENTERPRISE,PARK&edgeKinds=LOCATED_IN&parks=${laoshan}`);
    const [{ n }] = await server.sql<{ n: number }>(
      `select count(*)::int as n from enterprise_park ep join park p on p.id = ep.park_id where p.name_zh = '崂山区人工智能产业园'`,
    );
    expect(firms.nodes).toHaveLength(Number(n) + 1);
    expect(firms.edges).toHaveLength(Number(n));
    const district = await readAll('jgf.json', `?districts=${encodeURIComponent('崂山区')}&nodeKinds=PARK`);
    const [{ parks }] = await server.sql<{ parks: number }>(`select count(*)::int as parks from park where district = '崂山区'`);
    expect(district.nodes).toHaveLength(Number(parks));
  });

  it('relationGraph refuses a graph above the cap, saying how many nodes it has', async () => {
    const res = await server.gql(RelationGraphDocument, { first: 20 });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain(`has ${dbNodes} nodes`);
    expect(res.errors?.[0].message).toContain('at most 20');
    const sectors = await server.gql(RelationGraphDocument, { filter: { nodeKinds: ['SECTOR'] }, first: 8 });
    expect(sectors.data!.relationGraph.nodes.map((s) => s.nameZh)).toContain('智慧海洋');
    const tooMany = await server.gql(RelationGraphDocument, { first: 501 });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('bad requests: unknown format 404 naming the formats; unknown values and depth outside 1..3 are 400 naming them', async () => {
    const format = await download('/export/graph.xlsx');
    expect(format.status).toBe(404);
    expect(format.body.toString()).toContain('graph.graphml, graph.gexf, graph.cyjs, graph.jgf.json, graph.csv.zip');
    const cases: Array<[string, string]> = [
      ['?sectors=SMART_OCEAN,SPACE', 'SPACE'],
      ['?nodeKinds=PERSON', 'PERSON'],
      ['?edgeKinds=OWNS', 'OWNS'],
      ['?districts=火星区', '火星区'],
      [`?parks=${toGlobalId('Park', 99999)}`, toGlobalId('Park', 99999)],
      [`?parks=${toGlobalId('Enterprise', 1)}`, toGlobalId('Enterprise', 1)],
      [`?around=${laoshan}&depth=0`, 'depth'],
      [`?around=${laoshan}&depth=4`, 'depth'],
      [`?around=${laoshan}&depth=two`, 'depth'],
      [`?around=${toGlobalId('Scenario', 99999)}`, toGlobalId('Scenario', 99999)],
      ['?colour=red', 'colour'],
    ];
    for (const [query, named] of cases) {
      const res = await download(`/export/graph.graphml${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      const body = JSON.parse(res.body.toString()) as { error: string; message: string };
      expect([query, body.error]).toEqual([query, 'BAD_USER_INPUT']);
      expect(body.message).toContain(named);
    }
  });
});

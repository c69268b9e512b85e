import {
  ChainCoverageDocument,
  ChainFacetsDocument,
  ChainGapNodesDocument,
  ChainMapDocument,
  ChainMapFullDocument,
  ChainNodeFirmsDocument,
  ChainSearchDocument,
  CreateChainNodeDocument,
  CreateFirmInChainDocument,
  DeleteChainNodeDocument,
  FirmsInParkByChainNodeDocument,
  LinkFirmToChainNodeDocument,
  RelationGraphDocument,
  UnlinkFirmFromChainNodeDocument,
  UpdateChainNodeDocument,
} from '../generated/graphql';
import { createTestKey } from '../helpers/api-keys';
import { startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');
const localId = (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);

/** The industry chain map (issue 13): the seeded tree, firms under a node, gaps, facets, coverage, search, graph and editing. */
describe('industry chain map 产业链图谱', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  const nodeId = async (nameZh: string): Promise<number> => {
    const rows = await server.sql<{ id: number }>('select id from chain_node where name_zh = $1', [nameZh]);
    expect(rows).toHaveLength(1);
    return Number(rows[0].id);
  };
  const parkId = async (nameZh: string): Promise<number> =>
    Number((await server.sql<{ id: number }>('select id from park where name_zh = $1', [nameZh]))[0].id);
  const firmId = async (prefix: string): Promise<number> =>
    Number((await server.sql<{ id: number }>('select id from enterprise where name_zh like $1', [`%${prefix}%`]))[0].id);
  /** Firms linked to the node or below it, from the id paths alone (not through the API's view). */
  const firmsUnder = async (node: number, park: number | null = null): Promise<number[]> =>
    (
      await server.sql<{ id: number }>(
        `select distinct l.enterprise_id as id from enterprise_chain_node l join chain_node d on d.id = l.chain_node_id
          join chain_node a on a.id = $1 and position(a.id_path in d.id_path) = 1
         where $2::int is null or exists (select 1 from enterprise_park ep where ep.enterprise_id = l.enterprise_id and ep.park_id = $2::int)
         order by 1`,
        [node, park],
      )
    ).map((r) => Number(r.id));

  beforeAll(async () => {
    server = await startTestServer();
    editor = (await createTestKey(server, 'editor', '图谱编辑')).headers;
  });
  afterAll(() => server?.close());

  it('chainMap returns the seeded tree in one request: the plan’s segments cited, the data-service segments, the sectors’ own', async () => {
    const res = await server.gql(ChainMapFullDocument, {});
    expect(res.errors).toBeUndefined();
    // Bounded: the tree, the firm counts and the sectors, whatever the number of nodes.
    expect(Number(res.headers.get('x-sql-statements'))).toBeLessThanOrEqual(3);
    const map = res.data!.chainMap;
    expect(map.roots.map((r) => `${r.layer}:${r.nameZh}`)).toEqual(['FOUNDATION:基础层', 'TECHNOLOGY:技术层', 'APPLICATION:应用层']);
    const [{ n }] = await server.sql<{ n: number }>('select count(*)::int as n from chain_node where not retired');
    expect(map.nodes).toHaveLength(Number(n));
    const byPath = new Map(map.nodes.map((node) => [node.path, node]));

    const sensors = byPath.get('基础层 / 智能传感器')!;
    expect(sensors.provenance.kind).toBe('OFFICIAL_PLAN');
    expect(sensors.provenance.note).toContain('智能传感器');
    expect(sensors.pathEn).toBe('Foundation layer / Smart sensors');
    expect(sensors.depth).toBe(1);
    const childNames = sensors.children.map((c) => map.nodes.find((x) => x.id === c.id)!.nameZh);
    expect(childNames).toEqual(['图像传感器', '光电传感器', '声学传感器', '压力传感器']);
    for (const path of [
      '基础层 / 智能芯片 / 人工智能加速卡',
      '基础层 / 智能芯片 / 处理器芯片',
      '基础层 / 集成电路',
      '技术层 / 高端软件 / 复杂算法软件',
      '技术层 / 高端软件 / 软硬件兼容适配',
      '应用层 / 智能终端',
    ]) {
      expect(byPath.get(path)?.provenance.kind).toBe('OFFICIAL_PLAN');
    }
    for (const name of ['数据采集', '数据清洗', '数据标注', '数据质检', '数据交易']) {
      const node = byPath.get(`基础层 / 数据服务 / ${name}`)!;
      expect(node.provenance.kind).toBe('OFFICIAL_PLAN');
      expect(node.provenance.note).toContain('数据要素');
    }
    // Every sector has its own editorial application segment.
    const sectorSegments = map.nodes.filter((node) => node.depth === 1 && node.sector);
    expect(sectorSegments.map((s) => s.sector!.code).sort()).toHaveLength(8);
    expect(sectorSegments.every((s) => s.provenance.kind === 'EDITORIAL' && s.layer === 'APPLICATION')).toBe(true);
    // Depth-first: every node comes after its parent, and parent/children agree.
    map.nodes.forEach((node, i) => {
      if (node.parent) expect(map.nodes.findIndex((x) => x.id === node.parent!.id)).toBeLessThan(i);
      for (const child of node.children) expect(map.nodes.find((x) => x.id === child.id)!.parent!.id).toBe(node.id);
    });
    // firmCount: the firms of the node's subtree, recomputed from the id paths.
    for (const node of map.nodes) expect(node.firmCount).toBe((await firmsUnder(localId(node.id))).length);
    expect(sensors.firmCount).toBeGreaterThanOrEqual(2);
    // The counts rest on sample firms, and the answer says so.
    const [{ n: sampleLinked }] = await server.sql<{ n: number }>(
      `select count(distinct l.enterprise_id)::int as n from enterprise_chain_node l join enterprise e on e.id = l.enterprise_id where e.provenance_kind = 'SAMPLE'`,
    );
    expect((res.extensions?.dataNotice as { counts: Record<string, number> }).counts.SAMPLE).toBe(Number(sampleLinked));
  });

  it('“firms in 崂山区人工智能产业园 under 智能传感器” is one query (the contract’s FirmsInParkByChainNode)', async () => {
    const [laoshan, sensors] = [await parkId('崂山区人工智能产业园'), await nodeId('智能传感器')];
    const res = await server.gql(FirmsInParkByChainNodeDocument, { parkId: gid('Park', laoshan), chainNodeId: gid('ChainNode', sensors) });
    expect(res.errors).toBeUndefined();
    const expected = await firmsUnder(sensors, laoshan);
    expect(expected.length).toBeGreaterThan(0);
    expect(res.data!.enterprises.edges.map((e) => localId(e.node.id)).sort((a, b) => a - b)).toEqual(expected);
    expect(res.data!.enterprises.edges.map((e) => e.node.nameZh)).toContain('青岛晶岬传感技术有限公司（示例）');
    // The firm is linked to sub-segments (光电, 压力), not to 智能传感器 itself: the node includes its descendants.
    expect(res.data!.enterprises.edges[0].node.chainNodes.map((c) => c.path)).toContain('基础层 / 智能传感器 / 压力传感器');
    // A sensor firm of another park is not in the answer, but is under the node.
    const elsewhere = await firmId('棱汐传感');
    expect((await firmsUnder(sensors)).includes(elsewhere)).toBe(true);
    expect(expected.includes(elsewhere)).toBe(false);

    const viaNode = await server.gql(ChainNodeFirmsDocument, { id: gid('ChainNode', sensors), filter: { parkIds: [gid('Park', laoshan)] } });
    expect(viaNode.errors).toBeUndefined();
    const node = viaNode.data!.node as { enterprises: { totalCount: number } };
    expect(node.enterprises.totalCount).toBe(expected.length);
  });

  it('chainGaps names the missing segments of each focus sector, recomputed from the rule', async () => {
    const laoshan = await parkId('崂山区人工智能产业园');
    const res = await server.gql(ChainGapNodesDocument, { parkId: gid('Park', laoshan) });
    expect(res.errors).toBeUndefined();
    const gaps = res.data!.chainGaps;
    expect(gaps.length).toBeGreaterThan(0);
    const nodes = await server.sql<{ id: number; parent_id: number | null; sector_code: string | null; id_path: string; retired: boolean }>(
      'select id, parent_id, sector_code, id_path, retired from chain_node',
    );
    const firms = (await server.sql<{ id: number }>('select enterprise_id as id from enterprise_park where park_id = $1', [laoshan])).map((r) => Number(r.id));
    const serves = await server.sql<{ enterprise_id: number; sector_code: string }>('select enterprise_id, sector_code from enterprise_sector');
    const links = await server.sql<{ enterprise_id: number; chain_node_id: number }>('select enterprise_id, chain_node_id from enterprise_chain_node');
    const pathOf = new Map(nodes.map((n) => [Number(n.id), n.id_path]));
    for (const gap of gaps) {
      const sector = gap.sector.code;
      const inChain = nodes.filter((n) => n.parent_id !== null && !n.retired && (n.sector_code === null || n.sector_code === sector));
      const covered = (n: (typeof nodes)[number]) =>
        links.some(
          (l) =>
            firms.includes(Number(l.enterprise_id)) &&
            pathOf.get(Number(l.chain_node_id))!.startsWith(n.id_path) &&
            (n.sector_code === sector || serves.some((s) => Number(s.enterprise_id) === Number(l.enterprise_id) && s.sector_code === sector)),
        );
      const missing = new Set(inChain.filter((n) => !covered(n)).map((n) => Number(n.id)));
      const named = inChain.filter((n) => missing.has(Number(n.id)) && !missing.has(Number(n.parent_id))).map((n) => Number(n.id));
      expect(gap.missingChainNodes.map((n) => localId(n.id)).sort((a, b) => a - b)).toEqual(named.sort((a, b) => a - b));
    }
    const manufacturing = gaps.find((g) => g.sector.code === 'INDUSTRIAL_MANUFACTURING')!;
    const paths = manufacturing.missingChainNodes.map((n) => n.path);
    // Nobody in the park makes integrated circuits; its sensor firm (光电, 压力, serving manufacturing)
    // covers the segment and those two sub-segments, not the image and acoustic ones.
    expect(paths).toContain('基础层 / 集成电路');
    expect(paths).not.toContain('基础层 / 智能传感器');
    expect(paths).toEqual(expect.arrayContaining(['基础层 / 智能传感器 / 图像传感器', '基础层 / 智能传感器 / 声学传感器']));
    expect(paths).not.toContain('基础层 / 智能传感器 / 压力传感器');
    // A wholly missing segment is named once, without its sub-segments.
    expect(paths).not.toContain('技术层 / 高端软件 / 复杂算法软件');
    // The old shape still answers beside the new one.
    expect(Array.isArray(manufacturing.missingLayers)).toBe(true);
  });

  it('facets by chain node and park × chain node coverage count the subtree’s firms once', async () => {
    const [laoshan, sensors] = [await parkId('崂山区人工智能产业园'), await nodeId('智能传感器')];
    const facets = await server.gql(ChainFacetsDocument, { filter: { parkIds: [gid('Park', laoshan)] } });
    expect(facets.errors).toBeUndefined();
    const sensorBucket = facets.data!.enterpriseFacets.byChainNode.find((b) => localId(b.chainNode.id) === sensors)!;
    expect(sensorBucket.count).toBe((await firmsUnder(sensors, laoshan)).length);
    const all = await server.gql(ChainFacetsDocument, {});
    for (const bucket of all.data!.enterpriseFacets.byChainNode) expect(bucket.count).toBe((await firmsUnder(localId(bucket.chainNode.id))).length);

    const coverage = await server.gql(ChainCoverageDocument, { filter: { parkIds: [gid('Park', laoshan)] } });
    expect(coverage.errors).toBeUndefined();
    const cells = coverage.data!.coverage.chainNodeCells;
    const [{ n }] = await server.sql<{ n: number }>('select count(*)::int as n from chain_node where not retired');
    expect(cells).toHaveLength(Number(n));
    expect(cells.every((c) => c.park.nameZh === '崂山区人工智能产业园')).toBe(true);
    expect(cells.find((c) => c.chainNode.path === '基础层 / 智能传感器')!.enterpriseCount).toBe((await firmsUnder(sensors, laoshan)).length);
  });

  it('chain nodes are found by Chinese, pinyin and initials, and are nodes and edges of the relation graph', async () => {
    for (const q of ['智能传感器', 'zhinengchuanganqi', 'zncgq']) {
      const res = await server.gql(ChainSearchDocument, { q });
      expect(res.errors).toBeUndefined();
      const hits = res.data!.search.edges.map((e) => e.node as { __typename: string; nameZh?: string });
      expect(hits[0]).toMatchObject({ __typename: 'ChainNode', nameZh: '智能传感器' });
    }
    const graph = await server.gql(RelationGraphDocument, { filter: { nodeKinds: ['ENTERPRISE', 'CHAIN_NODE'] }, first: 500 });
    expect(graph.errors).toBeUndefined();
    const { nodes, edges } = graph.data!.relationGraph;
    const [{ n: nodeCount }] = await server.sql<{ n: number }>('select count(*)::int as n from chain_node');
    expect(nodes.filter((x) => x.kind === 'CHAIN_NODE')).toHaveLength(Number(nodeCount));
    const [{ n: linkCount }] = await server.sql<{ n: number }>('select count(*)::int as n from enterprise_chain_node');
    expect(edges.filter((e) => e.kind === 'IN_CHAIN')).toHaveLength(Number(linkCount));
    expect(edges.filter((e) => e.kind === 'PART_OF')).toHaveLength(Number(nodeCount) - 3);
    expect(nodes.find((x) => x.nameZh === '智能传感器')?.layer).toBe('FOUNDATION');
  });

  it('editing: create, rename, move (no cycles), retire, delete; bad input writes nothing', async () => {
    const sensors = await nodeId('智能传感器');
    const chips = await nodeId('智能芯片');
    const count = async () => Number((await server.sql<{ n: number }>('select count(*)::int as n from chain_node'))[0].n);
    const before = await count();

    // Bad input: unknown parent, a wrong-type ID, a duplicate name under one parent, a blank name.
    const unknown = await server.gql(CreateChainNodeDocument, { input: { parentId: gid('ChainNode', 999999), nameZh: '温度传感器' } }, editor);
    expect(unknown.data!.createChainNode.userErrors).toEqual([expect.objectContaining({ field: ['input', 'parentId'], code: 'NOT_FOUND' })]);
    const wrongType = await server.gql(CreateChainNodeDocument, { input: { parentId: gid('Park', 1), nameZh: '温度传感器' } }, editor);
    expect(wrongType.data!.createChainNode.userErrors[0]).toMatchObject({ field: ['input', 'parentId'], code: 'BAD_USER_INPUT' });
    const duplicate = await server.gql(CreateChainNodeDocument, { input: { parentId: gid('ChainNode', sensors), nameZh: ' 图像传感器 ' } }, editor);
    expect(duplicate.data!.createChainNode.userErrors[0]).toMatchObject({ field: ['input', 'nameZh'], code: 'DUPLICATE' });
    expect(duplicate.data!.createChainNode.userErrors[0].existingId).toBe(gid('ChainNode', await nodeId('图像传感器')));
    const blank = await server.gql(CreateChainNodeDocument, { input: { parentId: gid('ChainNode', sensors), nameZh: '  ' } }, editor);
    expect(blank.data!.createChainNode.userErrors[0].field).toEqual(['input', 'nameZh']);
    expect(await count()).toBe(before);

    // Create: under 智能传感器, with its layer, USER_ENTERED, audited.
    const created = await server.gql(
      CreateChainNodeDocument,
      { input: { parentId: gid('ChainNode', sensors), nameZh: '温度传感器', nameEn: 'Temperature sensors' } },
      editor,
    );
    expect(created.data!.createChainNode.userErrors).toEqual([]);
    const temp = created.data!.createChainNode.chainNode!;
    expect(temp).toMatchObject({ path: '基础层 / 智能传感器 / 温度传感器', depth: 2, layer: 'FOUNDATION', version: 1, provenance: { kind: 'USER_ENTERED' } });
    const search = await server.gql(ChainSearchDocument, { q: 'wenduchuanganqi' });
    expect(search.data!.search.edges.map((e) => (e.node as { id: string }).id)).toContain(temp.id);

    // Rename, then a stale version is a CONFLICT.
    const renamed = await server.gql(UpdateChainNodeDocument, { input: { id: temp.id, expectedVersion: 1, nameZh: '温湿度传感器' } }, editor);
    expect(renamed.data!.updateChainNode.chainNode).toMatchObject({ nameZh: '温湿度传感器', version: 2 });
    const stale = await server.gql(UpdateChainNodeDocument, { input: { id: temp.id, expectedVersion: 1, nameZh: '湿度传感器' } }, editor);
    expect(stale.data!.updateChainNode.userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });

    // Moving a segment under its own sub-segment would make a cycle: refused, nothing moves.
    const cycle = await server.gql(UpdateChainNodeDocument, { input: { id: gid('ChainNode', sensors), expectedVersion: 1, parentId: temp.id } }, editor);
    expect(cycle.data!.updateChainNode.userErrors[0]).toMatchObject({ field: ['input', 'parentId'], code: 'BAD_USER_INPUT' });
    expect(cycle.data!.updateChainNode.userErrors[0].message).toContain('cycle');
    const self = await server.gql(UpdateChainNodeDocument, { input: { id: temp.id, expectedVersion: 2, parentId: temp.id } }, editor);
    expect(self.data!.updateChainNode.userErrors[0].code).toBe('BAD_USER_INPUT');
    const root = await server.gql(
      UpdateChainNodeDocument,
      { input: { id: gid('ChainNode', await nodeId('基础层')), expectedVersion: 1, parentId: gid('ChainNode', chips) } },
      editor,
    );
    expect(root.data!.updateChainNode.userErrors[0].field).toEqual(['input', 'parentId']);
    // A duplicate name at the destination is refused too.
    await server.gql(CreateChainNodeDocument, { input: { parentId: gid('ChainNode', chips), nameZh: '温湿度传感器' } }, editor);
    const clash = await server.gql(UpdateChainNodeDocument, { input: { id: temp.id, expectedVersion: 2, parentId: gid('ChainNode', chips) } }, editor);
    expect(clash.data!.updateChainNode.userErrors[0]).toMatchObject({ field: ['input', 'parentId'], code: 'DUPLICATE' });
    const [unmoved] = await server.sql<{ parent_id: number; version: number }>('select parent_id, version from chain_node where id = $1', [localId(temp.id)]);
    expect([Number(unmoved.parent_id), Number(unmoved.version)]).toEqual([sensors, 2]);

    // Move a segment with its subtree across layers: paths and layers follow.
    const terminals = await nodeId('智能终端');
    const moved = await server.gql(
      UpdateChainNodeDocument,
      { input: { id: gid('ChainNode', sensors), expectedVersion: 1, parentId: gid('ChainNode', terminals) } },
      editor,
    );
    expect(moved.data!.updateChainNode.userErrors).toEqual([]);
    expect(moved.data!.updateChainNode.chainNode).toMatchObject({ path: '应用层 / 智能终端 / 智能传感器', layer: 'APPLICATION', depth: 2 });
    const afterMove = await server.gql(ChainMapFullDocument, {});
    const tempNow = afterMove.data!.chainMap.nodes.find((x) => x.id === temp.id)!;
    expect(tempNow).toMatchObject({ path: '应用层 / 智能终端 / 智能传感器 / 温湿度传感器', layer: 'APPLICATION', depth: 3, version: 3 });
    // Still one query: the firms under the moved node are the same.
    const laoshan = await parkId('崂山区人工智能产业园');
    const firms = await server.gql(FirmsInParkByChainNodeDocument, { parkId: gid('Park', laoshan), chainNodeId: gid('ChainNode', sensors) });
    expect(firms.data!.enterprises.totalCount).toBe((await firmsUnder(sensors, laoshan)).length);
    // Deeper than the map allows: a node at depth 3 takes no children.
    const tooDeep = await server.gql(CreateChainNodeDocument, { input: { parentId: temp.id, nameZh: '更深一层' } }, editor);
    expect(tooDeep.data!.createChainNode.userErrors[0].field).toEqual(['input', 'parentId']);
    const back = await server.gql(
      UpdateChainNodeDocument,
      { input: { id: gid('ChainNode', sensors), expectedVersion: 2, parentId: gid('ChainNode', await nodeId('基础层')) } },
      editor,
    );
    expect(back.data!.updateChainNode.chainNode).toMatchObject({ path: '基础层 / 智能传感器', layer: 'FOUNDATION' });

    // Retire: refused while active sub-segments remain; a leaf retires and leaves chainMap and new links.
    const busy = await server.gql(UpdateChainNodeDocument, { input: { id: gid('ChainNode', sensors), expectedVersion: 3, retired: true } }, editor);
    expect(busy.data!.updateChainNode.userErrors[0]).toMatchObject({ field: ['input', 'retired'], code: 'HAS_DEPENDANTS' });
    const leafVersion = Number((await server.sql<{ version: number }>('select version from chain_node where id = $1', [localId(temp.id)]))[0].version);
    const retired = await server.gql(UpdateChainNodeDocument, { input: { id: temp.id, expectedVersion: leafVersion, retired: true } }, editor);
    expect(retired.data!.updateChainNode.chainNode!.retired).toBe(true);
    const visible = await server.gql(ChainMapDocument);
    expect(visible.data!.chainMap.nodes.map((x) => x.id)).not.toContain(temp.id);
    const withRetired = await server.gql(ChainMapFullDocument, { includeRetired: true });
    expect(withRetired.data!.chainMap.nodes.map((x) => x.id)).toContain(temp.id);
    const jingjia = await firmId('晶岬传感');
    const toRetired = await server.gql(LinkFirmToChainNodeDocument, { input: { enterpriseId: gid('Enterprise', jingjia), chainNodeId: temp.id } }, editor);
    expect(toRetired.data!.linkEnterpriseToChainNode.userErrors[0]).toMatchObject({ field: ['input', 'chainNodeId'], code: 'BAD_USER_INPUT' });
    const toUnknown = await server.gql(
      LinkFirmToChainNodeDocument,
      { input: { enterpriseId: gid('Enterprise', jingjia), chainNodeId: gid('ChainNode', 999999) } },
      editor,
    );
    expect(toUnknown.data!.linkEnterpriseToChainNode.userErrors[0].code).toBe('NOT_FOUND');

    // Link a firm; a node with firms is not deleted unless detaching; a node with children never.
    const ic = await nodeId('集成电路');
    const linked = await server.gql(
      LinkFirmToChainNodeDocument,
      { input: { enterpriseId: gid('Enterprise', jingjia), chainNodeId: gid('ChainNode', ic) } },
      editor,
    );
    expect(linked.data!.linkEnterpriseToChainNode).toMatchObject({ changed: true, userErrors: [] });
    expect(linked.data!.linkEnterpriseToChainNode.enterprise!.chainNodes.map((c) => c.nameZh)).toContain('集成电路');
    const gaps = await server.gql(ChainGapNodesDocument, { parkId: gid('Park', laoshan) });
    const manufacturing = gaps.data!.chainGaps.find((g) => g.sector.code === 'INDUSTRIAL_MANUFACTURING')!;
    expect(manufacturing.missingChainNodes.map((n) => n.path)).not.toContain('基础层 / 集成电路');
    const refused = await server.gql(DeleteChainNodeDocument, { input: { id: gid('ChainNode', ic) } }, editor);
    expect(refused.data!.deleteChainNode.userErrors[0].code).toBe('HAS_DEPENDANTS');
    expect(refused.data!.deleteChainNode.userErrors[0].message).toContain('晶岬');
    const parentRefused = await server.gql(DeleteChainNodeDocument, { input: { id: gid('ChainNode', sensors), detach: true } }, editor);
    expect(parentRefused.data!.deleteChainNode.userErrors[0].code).toBe('HAS_DEPENDANTS');
    expect(await server.sql('select 1 from chain_node where id = $1', [sensors])).toHaveLength(1);
    const detached = await server.gql(DeleteChainNodeDocument, { input: { id: gid('ChainNode', ic), detach: true } }, editor);
    expect(detached.data!.deleteChainNode).toMatchObject({ deletedId: gid('ChainNode', ic), userErrors: [] });
    expect(await server.sql('select 1 from enterprise_chain_node where chain_node_id = $1', [ic])).toHaveLength(0);
    const unlinked = await server.gql(
      UnlinkFirmFromChainNodeDocument,
      { input: { enterpriseId: gid('Enterprise', jingjia), chainNodeId: gid('ChainNode', sensors) } },
      editor,
    );
    expect(unlinked.data!.unlinkEnterpriseFromChainNode.changed).toBe(false);

    // Every write is audited under the node's global ID.
    const audit = await server.sql<{ action: string }>(`select action from audit_entry where record_type = 'ChainNode' and record_id = $1 order by id`, [
      temp.id,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE']);
    const deletion = await server.sql<{ changes: { enterprises?: { before: string[] } } }>(
      `select changes from audit_entry where record_type = 'ChainNode' and record_id = $1 and action = 'DELETE'`,
      [gid('ChainNode', ic)],
    );
    expect(deletion[0].changes.enterprises!.before).toEqual([gid('Enterprise', jingjia)]);
  });

  it('a new firm takes its chain nodes from createEnterprise; an unknown or retired node writes nothing', async () => {
    const firms = async () => Number((await server.sql<{ n: number }>('select count(*)::int as n from enterprise'))[0].n);
    const before = await firms();
    const labelling = await nodeId('数据标注');
    const bad = await server.gql(
      CreateFirmInChainDocument,
      { input: { nameZh: '青岛图谱测试数据有限公司（示例）', layer: 'FOUNDATION', chainNodeIds: [gid('ChainNode', labelling), gid('ChainNode', 999999)] } },
      editor,
    );
    expect(bad.data!.createEnterprise.userErrors).toEqual([expect.objectContaining({ field: ['input', 'chainNodeIds', '1'], code: 'NOT_FOUND' })]);
    expect(await firms()).toBe(before);
    const good = await server.gql(
      CreateFirmInChainDocument,
      { input: { nameZh: '青岛图谱测试数据有限公司（示例）', layer: 'FOUNDATION', chainNodeIds: [gid('ChainNode', labelling)] } },
      editor,
    );
    expect(good.data!.createEnterprise.userErrors).toEqual([]);
    expect(good.data!.createEnterprise.enterprise!.chainNodes.map((c) => c.path)).toEqual(['基础层 / 数据服务 / 数据标注']);
  });
});

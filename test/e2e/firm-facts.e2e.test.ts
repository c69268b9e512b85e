import {
  AddDesignationDocument,
  AddFirmFigureDocument,
  AuditLogDocument,
  CreateDataProductDocument,
  CreateEnterpriseFullDocument,
  DataProductNodesDocument,
  DataProductsDocument,
  DeleteDataProductDocument,
  DesignationFacetsDocument,
  FirmFiguresDocument,
  FirmsByDesignationDocument,
  InfluentialTargetDocument,
  RelationGraphDocument,
  RemoveDesignationDocument,
  RemoveFirmFigureDocument,
  SearchPageDocument,
  UpdateDataProductDocument,
  UpdateDesignationDocument,
  UpdateFirmFigureDocument,
} from '../generated/graphql';
import { decodeGlobalId, toGlobalId } from '../../src/common/global-id';
import { createTestKey } from '../helpers/api-keys';
import { startTestServer, TestServer } from '../helpers/test-server';

const SAMPLE_ZH = /（示例）$/;
const SAMPLE_EN = /\(sample\)$/;

/** Designations, yearly firm figures and data products (issue 13): reads, writes, bad input, the plan's target. */
// One database for the file: the cached server at the end serves the same rows.
let plain: TestServer;
beforeAll(async () => {
  plain = await startTestServer();
});
afterAll(() => plain?.close());

describe('firm facts: designations, figures, data products', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    server = plain;
    editor = (await createTestKey(server, 'editor', '数据组')).headers;
    admin = (await createTestKey(server, 'admin', '管理员')).headers;
  });

  const count = async (table: string) => (await server.sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;
  const newFirm = async (nameZh: string) => {
    const res = await server.gql(CreateEnterpriseFullDocument, { input: { nameZh, layer: 'TECHNOLOGY' } }, editor);
    expect(res.data!.createEnterprise.userErrors).toEqual([]);
    return res.data!.createEnterprise.enterprise!;
  };

  it('filters firms by designation kind and level; the seeded ones are sample firms with sample designations', async () => {
    const expected = await server.sql<{ id: number }>(
      `select distinct enterprise_id as id from firm_designation where kind = 'LITTLE_GIANT' and level = 'NATIONAL' order by 1`,
    );
    expect(expected.length).toBeGreaterThan(1);
    const res = await server.gql(FirmsByDesignationDocument, { filter: { holdsDesignation: { kinds: ['LITTLE_GIANT'], levels: ['NATIONAL'] } }, first: 50 });
    expect(res.errors).toBeUndefined();
    const firms = res.data!.enterprises.edges.map((e) => e.node);
    expect(firms.map((f) => f.id).sort()).toEqual(expected.map((r) => toGlobalId('Enterprise', r.id)).sort());
    for (const firm of firms) {
      expect(firm.nameZh).toMatch(SAMPLE_ZH);
      expect(firm.nameEn).toMatch(SAMPLE_EN);
      expect(firm.designations.some((d) => d.kind === 'LITTLE_GIANT' && d.level === 'NATIONAL')).toBe(true);
      for (const d of firm.designations) {
        expect(d.provenance.kind).toBe('SAMPLE');
        expect(d.enterprise!.id).toBe(firm.id);
      }
    }

    // A year range and NOT combine with the rest of the filter.
    const recent = await server.gql(FirmsByDesignationDocument, { filter: { holdsDesignation: { kinds: ['LITTLE_GIANT'], year: { from: 2024 } } }, first: 50 });
    const [{ n: recentCount }] = await server.sql<{ n: number }>(
      `select count(distinct enterprise_id)::int as n from firm_designation where kind = 'LITTLE_GIANT' and year >= 2024`,
    );
    expect(recent.data!.enterprises.totalCount).toBe(recentCount);
    const none = await server.gql(FirmsByDesignationDocument, { filter: { not: { holdsDesignation: {} } }, first: 1 });
    const [{ n: without }] = await server.sql<{ n: number }>(
      `select count(*)::int as n from enterprise e where not exists (select 1 from firm_designation d where d.enterprise_id = e.id)`,
    );
    expect(none.data!.enterprises.totalCount).toBe(without);
  });

  it('runs the same number of statements for one firm as for fifty (designations, figures and data products batched)', async () => {
    const one = await server.gql(FirmsByDesignationDocument, { first: 1 });
    const fifty = await server.gql(FirmsByDesignationDocument, { first: 50 });
    expect(one.errors).toBeUndefined();
    expect(fifty.data!.enterprises.edges.length).toBe(50);
    expect(fifty.headers.get('x-sql-statements')).toBe(one.headers.get('x-sql-statements'));
  });

  it('facets count firms per designation and sum figures per year, sample figures apart from reported ones', async () => {
    const res = await server.gql(DesignationFacetsDocument, {});
    expect(res.errors).toBeUndefined();
    const facets = res.data!.enterpriseFacets;
    expect(facets.byDesignation).toHaveLength(18);
    const rows = await server.sql<{ kind: string; level: string; n: number }>(
      'select kind, level, count(distinct enterprise_id)::int as n from firm_designation group by 1, 2',
    );
    for (const c of facets.byDesignation) {
      expect(c.count).toBe(rows.find((r) => r.kind === c.kind && r.level === c.level)?.n ?? 0);
    }
    // Seeded figures are all sample: nothing is "reported".
    const [{ sample }] = await server.sql<{ sample: number }>(
      `select coalesce(sum(value), 0)::float8 as sample from firm_figure where year = 2024 and metric = 'REVENUE'`,
    );
    const y2024 = facets.byFigureYear.find((y) => y.year === 2024)!;
    expect(y2024).toMatchObject({ firmsWithFigures: 0, firmsWithRevenue: 0, revenueTotal: 0, headcountTotal: 0 });
    expect(y2024.sampleRevenueTotal).toBeCloseTo(sample);
    expect(y2024.sampleFirms).toBeGreaterThan(0);

    // A facet filtered by designation counts only those firms.
    const filtered = await server.gql(DesignationFacetsDocument, { filter: { holdsDesignation: { kinds: ['UNICORN'] } } });
    const unicorns = filtered.data!.enterpriseFacets.byDesignation.filter((c) => c.kind === 'UNICORN').reduce((n, c) => n + c.count, 0);
    expect(unicorns).toBeGreaterThanOrEqual(filtered.data!.enterpriseFacets.total);
  });

  it('the influential-firm target counts only real firms with a little-giant, unicorn or chain-leader recognition', async () => {
    const target = async () => (await server.gql(InfluentialTargetDocument, {})).data!.actionPlan.targets.find((t) => t.metric === 'INFLUENTIAL_ENTERPRISES')!;
    const before = await target();
    expect(before.current).toBe(0);
    expect(before.met).toBe(false);
    const [{ n: sampleFirms }] = await server.sql<{ n: number }>(
      `select count(distinct enterprise_id)::int as n from firm_designation where kind in ('LITTLE_GIANT', 'UNICORN', 'CHAIN_LEADER')`,
    );
    expect(sampleFirms).toBeGreaterThan(0);
    expect(before.sampleRecords).toBe(sampleFirms);
    expect(before.currentNote).toContain('小巨人');

    const real = await newFirm('测试细分领域领军企业');
    const other = await newFirm('测试高新技术企业');
    await server.gql(AddDesignationDocument, { input: { enterpriseId: other.id, kind: 'HIGH_TECH', level: 'NATIONAL', year: 2023 } }, editor);
    expect((await target()).current).toBe(0);
    const added = await server.gql(AddDesignationDocument, { input: { enterpriseId: real.id, kind: 'LITTLE_GIANT', level: 'NATIONAL', year: 2024 } }, editor);
    expect(added.data!.addDesignation.userErrors).toEqual([]);
    expect(added.data!.addDesignation.enterprise!.designations).toEqual([{ kind: 'LITTLE_GIANT', level: 'NATIONAL' }]);
    const after = await target();
    expect(after.current).toBe(1);
    expect(after.evidenceRecords).toBe(1);
    expect(after.sampleRecords).toBe(sampleFirms);
  });

  it('designation mutations: unknown firm, bad year, duplicate and stale version are userErrors that write nothing; removal is audited', async () => {
    const firm = await newFirm('测试资质企业');
    const rowsBefore = await count('firm_designation');
    const missing = await server.gql(
      AddDesignationDocument,
      { input: { enterpriseId: toGlobalId('Enterprise', 987654), kind: 'GAZELLE', level: 'MUNICIPAL', year: 2024 } },
      editor,
    );
    expect(missing.data!.addDesignation).toMatchObject({ designation: null, enterprise: null });
    expect(missing.data!.addDesignation.userErrors).toEqual([expect.objectContaining({ field: ['input', 'enterpriseId'], code: 'NOT_FOUND' })]);
    const wrongType = await server.gql(
      AddDesignationDocument,
      { input: { enterpriseId: toGlobalId('Park', 1), kind: 'GAZELLE', level: 'MUNICIPAL', year: 2024 } },
      editor,
    );
    expect(wrongType.data!.addDesignation.userErrors[0]).toMatchObject({ field: ['input', 'enterpriseId'], code: 'BAD_USER_INPUT' });
    for (const year of [1800, new Date().getFullYear() + 2]) {
      const bad = await server.gql(AddDesignationDocument, { input: { enterpriseId: firm.id, kind: 'GAZELLE', level: 'MUNICIPAL', year } }, editor);
      expect(bad.data!.addDesignation.userErrors).toEqual([expect.objectContaining({ field: ['input', 'year'], code: 'BAD_USER_INPUT' })]);
    }
    expect(await count('firm_designation')).toBe(rowsBefore);

    const ok = await server.gql(AddDesignationDocument, { input: { enterpriseId: firm.id, kind: 'GAZELLE', level: 'MUNICIPAL', year: 2023 } }, editor);
    const designation = ok.data!.addDesignation.designation!;
    expect(designation).toMatchObject({ kind: 'GAZELLE', level: 'MUNICIPAL', year: 2023, version: 1, provenance: { kind: 'USER_ENTERED', source: '数据组' } });
    const dup = await server.gql(AddDesignationDocument, { input: { enterpriseId: firm.id, kind: 'GAZELLE', level: 'MUNICIPAL', year: 2024 } }, editor);
    expect(dup.data!.addDesignation.userErrors[0]).toMatchObject({ code: 'DUPLICATE', existingId: designation.id });
    expect(await count('firm_designation')).toBe(rowsBefore + 1);

    const renewed = await server.gql(UpdateDesignationDocument, { input: { id: designation.id, expectedVersion: 1, year: 2025 } }, editor);
    expect(renewed.data!.updateDesignation.designation).toMatchObject({ year: 2025, version: 2 });
    const stale = await server.gql(UpdateDesignationDocument, { input: { id: designation.id, expectedVersion: 1, level: 'PROVINCIAL' } }, editor);
    expect(stale.data!.updateDesignation.userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const [{ level }] = await server.sql<{ level: string }>('select level from firm_designation where id = $1', [
      Number(decodeGlobalId(designation.id)!.localId),
    ]);
    expect(level).toBe('MUNICIPAL');

    const anonymous = await server.gql(RemoveDesignationDocument, { input: { id: designation.id } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const removed = await server.gql(RemoveDesignationDocument, { input: { id: designation.id } }, editor);
    expect(removed.data!.removeDesignation).toEqual({ deletedId: designation.id, userErrors: [] });
    const again = await server.gql(RemoveDesignationDocument, { input: { id: designation.id } }, editor);
    expect(again.data!.removeDesignation.userErrors[0].code).toBe('NOT_FOUND');
    const history = await server.gql(AuditLogDocument, { recordId: designation.id }, admin);
    expect(history.data!.auditLog.edges.map((e) => e.node.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
  });

  it('figure mutations: negative revenue, fractional headcount, a future year and an unknown firm write nothing; reported totals exclude sample', async () => {
    const firm = await newFirm('测试营收企业');
    const rowsBefore = await count('firm_figure');
    const attempts = [
      { input: { enterpriseId: firm.id, year: 2024, metric: 'REVENUE' as const, value: -5 }, field: 'value' },
      { input: { enterpriseId: firm.id, year: 2024, metric: 'HEADCOUNT' as const, value: 10.5 }, field: 'value' },
      { input: { enterpriseId: firm.id, year: new Date().getFullYear() + 1, metric: 'REVENUE' as const, value: 100 }, field: 'year' },
      { input: { enterpriseId: firm.id, year: 1850, metric: 'REVENUE' as const, value: 100 }, field: 'year' },
    ];
    for (const { input, field } of attempts) {
      const res = await server.gql(AddFirmFigureDocument, { input }, editor);
      expect(res.data!.addFirmFigure.firmFigure).toBeNull();
      expect(res.data!.addFirmFigure.userErrors).toEqual([expect.objectContaining({ field: ['input', field], code: 'BAD_USER_INPUT' })]);
    }
    const missing = await server.gql(
      AddFirmFigureDocument,
      { input: { enterpriseId: toGlobalId('Enterprise', 987654), year: 2024, metric: 'REVENUE', value: 1 } },
      editor,
    );
    expect(missing.data!.addFirmFigure.userErrors[0]).toMatchObject({ field: ['input', 'enterpriseId'], code: 'NOT_FOUND' });
    expect(await count('firm_figure')).toBe(rowsBefore);

    const revenue = await server.gql(AddFirmFigureDocument, { input: { enterpriseId: firm.id, year: 2024, metric: 'REVENUE', value: 1234.5 } }, editor);
    expect(revenue.data!.addFirmFigure.firmFigure).toMatchObject({ value: 1234.5, unit: '万元', version: 1, provenance: { kind: 'USER_ENTERED' } });
    await server.gql(AddFirmFigureDocument, { input: { enterpriseId: firm.id, year: 2024, metric: 'HEADCOUNT', value: 42 } }, editor);
    const dup = await server.gql(AddFirmFigureDocument, { input: { enterpriseId: firm.id, year: 2024, metric: 'REVENUE', value: 1 } }, editor);
    expect(dup.data!.addFirmFigure.userErrors[0]).toMatchObject({ code: 'DUPLICATE', existingId: revenue.data!.addFirmFigure.firmFigure!.id });

    const figureId = revenue.data!.addFirmFigure.firmFigure!.id;
    const negative = await server.gql(UpdateFirmFigureDocument, { input: { id: figureId, expectedVersion: 1, value: -1 } }, editor);
    expect(negative.data!.updateFirmFigure.userErrors[0]).toMatchObject({ field: ['input', 'value'], code: 'BAD_USER_INPUT' });
    const corrected = await server.gql(UpdateFirmFigureDocument, { input: { id: figureId, expectedVersion: 1, value: 2000 } }, editor);
    expect(corrected.data!.updateFirmFigure.firmFigure).toMatchObject({ value: 2000, version: 2 });
    const stale = await server.gql(UpdateFirmFigureDocument, { input: { id: figureId, expectedVersion: 1, value: 3000 } }, editor);
    expect(stale.data!.updateFirmFigure.userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });

    const figures = await server.gql(FirmFiguresDocument, { id: firm.id, year: 2024 });
    const node = figures.data!.node as { figures: Array<{ metric: string; value: number; unit: string }> };
    expect(node.figures.map((f) => [f.metric, f.value, f.unit])).toEqual([
      ['REVENUE', 2000, '万元'],
      ['HEADCOUNT', 42, '人'],
    ]);

    const facets = (await server.gql(DesignationFacetsDocument, {})).data!.enterpriseFacets;
    const y2024 = facets.byFigureYear.find((y) => y.year === 2024)!;
    expect(y2024).toMatchObject({ firmsWithFigures: 1, firmsWithRevenue: 1, revenueTotal: 2000, headcountTotal: 42 });

    const removed = await server.gql(RemoveFirmFigureDocument, { input: { id: figureId } }, editor);
    expect(removed.data!.removeFirmFigure.userErrors).toEqual([]);
    const audit = await server.gql(AuditLogDocument, { recordId: figureId }, admin);
    expect(audit.data!.auditLog.edges.map((e) => e.node.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
  });

  it('data products: list, filter, order both ways, search, node, the firm’s products and the relation graph', async () => {
    const all = await server.gql(DataProductsDocument, { first: 100 });
    expect(all.errors).toBeUndefined();
    const [{ n }] = await server.sql<{ n: number }>('select count(*)::int as n from data_product');
    expect(all.data!.dataProducts.totalCount).toBe(n);
    for (const { node } of all.data!.dataProducts.edges) {
      expect(node.nameZh).toMatch(SAMPLE_ZH);
      expect(node.provenance.kind).toBe('SAMPLE');
    }

    const corpora = await server.gql(DataProductsDocument, { filter: { kinds: ['LABELLED_CORPUS'], sectors: ['INDUSTRIAL_MANUFACTURING'] }, first: 10 });
    const [{ n: corpusCount }] = await server.sql<{ n: number }>(
      `select count(*)::int as n from data_product d where kind = 'LABELLED_CORPUS' and exists (select 1 from data_product_sector s where s.data_product_id = d.id and s.sector_code = 'INDUSTRIAL_MANUFACTURING')`,
    );
    expect(corpora.data!.dataProducts.totalCount).toBe(corpusCount);
    expect(corpusCount).toBeGreaterThan(0);

    // Ordered by listing date: unlisted last in both directions, every product once across pages.
    for (const direction of ['ASC', 'DESC'] as const) {
      const seen: string[] = [];
      let after: string | null | undefined;
      for (;;) {
        const page = await server.gql(DataProductsDocument, { orderBy: { field: 'LISTED_ON', direction }, first: 2, after });
        expect(page.errors).toBeUndefined();
        seen.push(...page.data!.dataProducts.edges.map((e) => e.node.listedOn ?? 'none'));
        if (!page.data!.dataProducts.pageInfo.hasNextPage) break;
        after = page.data!.dataProducts.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(n);
      const dated = seen.filter((d) => d !== 'none');
      expect(dated).toEqual([...dated].sort((a, b) => (direction === 'ASC' ? a.localeCompare(b) : b.localeCompare(a))));
      expect(seen.slice(dated.length).every((d) => d === 'none')).toBe(true);
    }

    const pinyin = await server.gql(SearchPageDocument, { q: 'fubiao', types: ['DATA_PRODUCT'], first: 5 });
    expect(pinyin.errors).toBeUndefined();
    expect(pinyin.data!.search.edges.map((e) => e.node.__typename)).toEqual(['DataProduct']);

    const product = all.data!.dataProducts.edges.find((e) => e.node.provider)!.node;
    const nodes = await server.gql(DataProductNodesDocument, { ids: [product.id] });
    expect(nodes.data!.nodes[0]).toMatchObject({ id: product.id, __typename: 'DataProduct', provider: { id: product.provider!.id } });

    const firm = await server.gql(FirmsByDesignationDocument, { filter: { search: product.provider!.nameZh }, first: 1 });
    expect(firm.data!.enterprises.edges[0].node.dataProducts.edges.map((e) => e.node.id)).toContain(product.id);

    const graph = await server.gql(RelationGraphDocument, { filter: { nodeKinds: ['ENTERPRISE', 'DATA_PRODUCT', 'SECTOR'] }, first: 500 });
    expect(graph.errors).toBeUndefined();
    const ids = new Set(graph.data!.relationGraph.nodes.filter((v) => v.kind === 'DATA_PRODUCT').map((v) => v.id));
    expect(ids.size).toBe(n);
    const offers = graph.data!.relationGraph.edges.filter((e) => e.kind === 'OFFERS_DATA');
    const [{ n: provided }] = await server.sql<{ n: number }>('select count(*)::int as n from data_product where provider_id is not null');
    expect(offers).toHaveLength(provided);
    expect(offers.some((e) => e.source === product.provider!.id && e.target === product.id)).toBe(true);
  });

  it('data product mutations: unknown provider, future listing date and blank name write nothing; create, update, conflict, delete', async () => {
    const before = await count('data_product');
    const linksBefore = await count('data_product_sector');
    const bad = await server.gql(
      CreateDataProductDocument,
      {
        input: {
          nameZh: ' ',
          kind: 'DATASET',
          providerId: toGlobalId('Enterprise', 987654),
          listedOn: `${new Date().getFullYear() + 1}-01-01`,
          sectors: ['SMART_OCEAN'],
        },
      },
      editor,
    );
    expect(bad.data!.createDataProduct.dataProduct).toBeNull();
    expect(bad.data!.createDataProduct.userErrors.map((e) => [e.field.join('.'), e.code]).sort()).toEqual([
      ['input.listedOn', 'BAD_USER_INPUT'],
      ['input.nameZh', 'BAD_USER_INPUT'],
      ['input.providerId', 'NOT_FOUND'],
    ]);
    expect(await count('data_product')).toBe(before);
    expect(await count('data_product_sector')).toBe(linksBefore);

    const provider = await newFirm('测试数据标注企业');
    const created = await server.gql(
      CreateDataProductDocument,
      {
        input: {
          nameZh: '测试海况数据集',
          nameEn: 'Test sea-state dataset',
          aliases: ['HK-001'],
          kind: 'DATASET',
          providerId: provider.id,
          exchange: '测试数据交易平台',
          listedOn: '2025-05-06',
          sectors: ['SMART_OCEAN', 'TRANSPORTATION'],
        },
      },
      editor,
    );
    expect(created.data!.createDataProduct.userErrors).toEqual([]);
    const product = created.data!.createDataProduct.dataProduct!;
    expect(product).toMatchObject({
      listedOn: '2025-05-06',
      provider: { id: provider.id },
      sectors: [{ code: 'SMART_OCEAN' }, { code: 'TRANSPORTATION' }],
      provenance: { kind: 'USER_ENTERED' },
      version: 1,
    });
    const found = await server.gql(SearchPageDocument, { q: 'HK-001', types: ['DATA_PRODUCT'], first: 5 });
    expect(found.data!.search.edges.map((e) => (e.node as { id: string }).id)).toEqual([product.id]);

    const updated = await server.gql(UpdateDataProductDocument, { input: { id: product.id, expectedVersion: 1, kind: 'DATA_API', listedOn: null } }, editor);
    expect(updated.data!.updateDataProduct.dataProduct).toMatchObject({ kind: 'DATA_API', listedOn: null, version: 2 });
    const stale = await server.gql(UpdateDataProductDocument, { input: { id: product.id, expectedVersion: 1, nameZh: '旧' } }, editor);
    expect(stale.data!.updateDataProduct.userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const cleared = await server.gql(UpdateDataProductDocument, { input: { id: product.id, expectedVersion: 2, kind: null } }, editor);
    expect(cleared.data!.updateDataProduct.userErrors[0]).toMatchObject({ field: ['input', 'kind'], code: 'BAD_USER_INPUT' });

    const deleted = await server.gql(DeleteDataProductDocument, { input: { id: product.id } }, editor);
    expect(deleted.data!.deleteDataProduct).toEqual({ deletedId: product.id, userErrors: [] });
    expect(await count('data_product')).toBe(before);
  });
});

/** A cached anonymous answer that shows designations, figures or data products goes stale when one is written. */
describe('firm facts and the response cache', () => {
  let server: TestServer;
  let editor: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ responseCache: true, responseCacheTtlSeconds: 30 }, { sharing: plain });
    editor = (await createTestKey(server, 'editor', '数据组')).headers;
  });
  afterAll(() => server?.close());

  it('a designation, a figure and a data product written by an editor show in the next anonymous read', async () => {
    const firm = (await server.gql(CreateEnterpriseFullDocument, { input: { nameZh: '测试缓存企业', layer: 'APPLICATION' } }, editor)).data!.createEnterprise
      .enterprise!;
    const read = () => server.gql(FirmsByDesignationDocument, { filter: { search: '测试缓存企业' }, first: 1 });
    const facets = () => server.gql(DesignationFacetsDocument, { filter: { search: '测试缓存企业' } });
    expect((await read()).headers.get('x-cache')).toBe('MISS');
    expect((await read()).headers.get('x-cache')).toBe('HIT');
    expect((await facets()).headers.get('x-cache')).toBe('MISS');
    expect((await facets()).headers.get('x-cache')).toBe('HIT');

    await server.gql(AddDesignationDocument, { input: { enterpriseId: firm.id, kind: 'UNICORN', level: 'MUNICIPAL', year: 2025 } }, editor);
    const afterDesignation = await read();
    expect(afterDesignation.headers.get('x-cache')).toBe('MISS');
    expect(afterDesignation.data!.enterprises.edges[0].node.designations.map((d) => d.kind)).toEqual(['UNICORN']);
    const facetsAfter = await facets();
    expect(facetsAfter.headers.get('x-cache')).toBe('MISS');
    expect(facetsAfter.data!.enterpriseFacets.byDesignation.find((c) => c.kind === 'UNICORN' && c.level === 'MUNICIPAL')!.count).toBe(1);

    expect((await read()).headers.get('x-cache')).toBe('HIT');
    await server.gql(AddFirmFigureDocument, { input: { enterpriseId: firm.id, year: 2024, metric: 'REVENUE', value: 10 } }, editor);
    const afterFigure = await read();
    expect(afterFigure.headers.get('x-cache')).toBe('MISS');
    expect(afterFigure.data!.enterprises.edges[0].node.figures.map((f) => f.value)).toEqual([10]);

    expect((await read()).headers.get('x-cache')).toBe('HIT');
    await server.gql(CreateDataProductDocument, { input: { nameZh: '测试缓存数据集', kind: 'DATASET', providerId: firm.id } }, editor);
    const afterProduct = await read();
    expect(afterProduct.headers.get('x-cache')).toBe('MISS');
    expect(afterProduct.data!.enterprises.edges[0].node.dataProducts.totalCount).toBe(1);
  });
});

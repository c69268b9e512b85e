import fs from 'node:fs';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { buildSchema, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { greatCircleDistanceKm } from '../../src/common/filter-compose';
import { toGlobalId } from '../../src/common/global-id';
import { searchColumns } from '../../src/common/search-text';
import {
  EnterprisesComposedDocument,
  type EnterpriseFilter,
  EnterprisesOrderedDocument,
  ParkEnterprisesOrderedDocument,
  ParksComposedDocument,
  ParksOrderedDocument,
  PlatformsComposedDocument,
  ScenariosComposedDocument,
  SearchAllDocument,
  SearchPageDocument,
  type SearchAllQuery,
  type SearchPageQuery,
  type EnterprisesOrderedQuery,
  type ParksOrderedQuery,
} from '../generated/graphql';
import { GraphQLResponse, startTestServer, TestServer } from '../helpers/test-server';

const ROOT = path.resolve(__dirname, '../..');

/** Ids of the nodes of a connection, as "Type:localId" global IDs sorted for comparison. */
const ids = (edges: Array<{ node: { id: string } }>): string[] => edges.map((e) => e.node.id).sort();
const gids = (type: string, rows: Array<{ id: number }>): string[] => rows.map((r) => toGlobalId(type, r.id)).sort();
const names = (res: { data?: SearchAllQuery | null }): string[] => res.data!.search.edges.map((e) => e.node.nameZh);

describe('search and composable filters', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const firmIds = async (filter: EnterpriseFilter): Promise<string[]> => {
    const res = await server.gql(EnterprisesComposedDocument, { filter });
    expect(res.errors).toBeUndefined();
    expect(res.data!.enterprises.totalCount).toBe(res.data!.enterprises.edges.length);
    return ids(res.data!.enterprises.edges);
  };
  const codeOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.code;

  describe('the contract operation Search', () => {
    it('validates against the emitted schema', () => {
      const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema/schema.graphql'), 'utf8'));
      const contract = parse(fs.readFileSync(path.join(ROOT, 'schema/operations/analysis.graphql'), 'utf8'));
      const operation = contract.definitions.find((d) => d.kind === 'OperationDefinition' && d.name?.value === 'Search');
      expect(operation).toBeDefined();
      const doc: DocumentNode = { kind: contract.kind, definitions: [operation!] };
      expect(validate(schema, doc)).toEqual([]);
    });

    it('runs as written and answers with the union of the searched types', async () => {
      const contract = parse(fs.readFileSync(path.join(ROOT, 'schema/operations/analysis.graphql'), 'utf8'));
      const operation = contract.definitions.find((d) => (d as OperationDefinitionNode).name?.value === 'Search')!;
      const doc = { kind: contract.kind, definitions: [operation] } as unknown as TypedDocumentNode<SearchAllQuery, { q: string }>;
      const res = await server.gql(doc, { q: '海洋' });
      expect(res.errors).toBeUndefined();
      const types = new Set(res.data!.search.edges.map((e) => e.node.__typename));
      // 海洋高性能混合算力平台 is a compute facility: searched since 0.2.0.
      expect(types).toEqual(new Set(['Enterprise', 'InnovationPlatform', 'Scenario', 'ComputeCenter', 'NationalInnovationTask']));
      const [{ n }] = await server.sql<{ n: number }>(
        `select (select count(*) from park where name_zh like '%海洋%' or array_to_string(aliases, ' ') like '%海洋%')
              + (select count(*) from enterprise where name_zh like '%海洋%' or array_to_string(aliases, ' ') like '%海洋%')
              + (select count(*) from innovation_platform where name_zh like '%海洋%' or array_to_string(aliases, ' ') like '%海洋%')
              + (select count(*) from scenario where name_zh like '%海洋%')
              + (select count(*) from institution where name_zh like '%海洋%' or array_to_string(aliases, ' ') like '%海洋%')
              + (select count(*) from national_innovation_task where name_zh like '%海洋%')
              + (select count(*) from compute_center where name_zh like '%海洋%') as n`,
      );
      expect(res.data!.search.totalCount).toBe(Number(n));
    });
  });

  describe('search forms', () => {
    const LAOSHAN = '崂山区人工智能产业园';
    it.each([
      ['Chinese substring', '崂山', LAOSHAN],
      ['Chinese substring of an alias', '智算谷', LAOSHAN],
      ['full pinyin', 'laoshan', LAOSHAN],
      ['pinyin with spaces and capitals', 'Lao Shan Qu', LAOSHAN],
      ['pinyin initials', 'lsqrgzn', LAOSHAN],
      ['initials of the spoken short form (district suffix dropped)', 'lsrgzn', LAOSHAN],
      ['Chinese short form', '崂山人工智能', LAOSHAN],
      ['pinyin of the short form', 'laoshanrengongzhineng', LAOSHAN],
      ['traditional characters', '嶗山區', LAOSHAN],
      ['Taiwan vocabulary', '人工智慧', LAOSHAN],
      ['English, any case', 'METAVERSE industry', '市南元宇宙产业创新园'],
      ['pinyin of a firm', 'mingtu', '青岛溟图信息技术有限公司（示例）'],
      ['initials of a firm alias', 'qsh', '鳍算海洋科技（青岛）有限公司（示例）'],
      ['full-width letters', 'ｌａｏｓｈａｎ', LAOSHAN],
    ])('%s: %s finds %s', async (_form, q, expected) => {
      const res = await server.gql(SearchAllDocument, { q });
      expect(res.errors).toBeUndefined();
      expect(names(res)).toContain(expected);
    });

    it('hits carry the whole record, as the entity lists return it', async () => {
      const res = await server.gql(SearchPageDocument, { q: '溟图信息', first: 5 });
      expect(res.errors).toBeUndefined();
      const [hit] = res.data!.search.edges;
      expect(hit.node).toEqual({
        __typename: 'Enterprise',
        id: expect.any(String),
        nameZh: '青岛溟图信息技术有限公司（示例）',
        foundedYear: 2015,
        aliases: ['溟图信息'],
        // Sample records were never checked against anything.
        provenance: { kind: 'SAMPLE', verifiedAt: null },
      });
    });

    it('a traditional query finds what its simplified form finds', async () => {
      const trad = await server.gql(SearchPageDocument, { q: '人工智慧', first: 100 });
      const simp = await server.gql(SearchPageDocument, { q: '人工智能', first: 100 });
      expect(trad.data!.search.totalCount).toBeGreaterThan(2);
      expect(trad.data!.search.edges.map((e) => e.node.id)).toEqual(simp.data!.search.edges.map((e) => e.node.id));
    });

    it('types narrows the union, and the statement count does not depend on the hits', async () => {
      const res = await server.gql(SearchPageDocument, { q: '海洋', types: ['INNOVATION_PLATFORM'], first: 100 });
      expect(res.errors).toBeUndefined();
      const rows = await server.sql<{ id: number }>(
        `select id from innovation_platform where name_zh like '%海洋%' or array_to_string(aliases, ' ') like '%海洋%'`,
      );
      expect(ids(res.data!.search.edges)).toEqual(gids('InnovationPlatform', rows));
      expect(new Set(res.data!.search.edges.map((e) => e.node.__typename))).toEqual(new Set(['InnovationPlatform']));
      const few = await server.gql(SearchPageDocument, { q: '溟图', first: 100 });
      const many = await server.gql(SearchPageDocument, { q: 'qingdao', first: 100 });
      expect(many.data!.search.totalCount).toBeGreaterThan(few.data!.search.totalCount);
      expect(few.headers.get('x-sql-statements')).toBe(many.headers.get('x-sql-statements'));
    });

    it('the entity filters use the same matching', async () => {
      const park = await server.gql(ParksComposedDocument, { filter: { search: 'lao shan' } });
      expect(park.data!.parks.edges.map((e) => e.node.nameZh)).toEqual(['崂山区人工智能产业园']);
      expect(await firmIds({ search: 'lanxi' })).toHaveLength(1);
      const platforms = await server.gql(PlatformsComposedDocument, { filter: { search: '人工智慧' } });
      expect(platforms.data!.platforms.edges.map((e) => e.node.nameZh)).toContain('海洋人工智能开放创新平台（示例）');
      const scenarios = await server.gql(ScenariosComposedDocument, { filter: { search: 'hfqxsj' } });
      expect(scenarios.data!.scenarios.edges.map((e) => e.node.nameZh)).toEqual(['焊缝缺陷视觉检测（示例）']);
    });

    it('pages through all hits forward and backward, each exactly once', async () => {
      const total = (await server.gql(SearchPageDocument, { q: 'qingdao', first: 1 })).data!.search.totalCount;
      const forward: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: GraphQLResponse<SearchPageQuery> = await server.gql(SearchPageDocument, { q: 'qingdao', first: 9, after });
        expect(res.errors).toBeUndefined();
        forward.push(...res.data!.search.edges.map((e) => e.node.id));
        if (!res.data!.search.pageInfo.hasNextPage) break;
        after = res.data!.search.pageInfo.endCursor;
      }
      const backward: string[] = [];
      let before: string | null = null;
      for (;;) {
        const res: GraphQLResponse<SearchPageQuery> = await server.gql(SearchPageDocument, { q: 'qingdao', last: 9, before });
        backward.unshift(...res.data!.search.edges.map((e) => e.node.id));
        if (!res.data!.search.pageInfo.hasPreviousPage) break;
        before = res.data!.search.pageInfo.startCursor;
      }
      expect(forward).toHaveLength(total);
      expect(new Set(forward).size).toBe(total);
      expect(backward).toEqual(forward);
    });
  });

  describe('bad search input', () => {
    it.each([
      ['empty', ''],
      ['only spaces', ' \t  '],
      ['longer than 200 characters', '海'.repeat(201)],
    ])('%s is BAD_USER_INPUT', async (_what, q) => {
      const res = await server.gql(SearchAllDocument, { q });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      const filtered = await server.gql(EnterprisesComposedDocument, { filter: { search: q } });
      expect(codeOf(filtered)).toBe('BAD_USER_INPUT');
    });

    it('accepts exactly 200 characters', async () => {
      const res = await server.gql(SearchAllDocument, { q: 'a'.repeat(200) });
      expect(res.errors).toBeUndefined();
      expect(res.data!.search.totalCount).toBe(0);
    });
  });

  describe('filters compose, checked against SQL', () => {
    it('OR and NOT', async () => {
      const got = await firmIds({ OR: [{ sectors: ['SMART_OCEAN'] }, { layers: ['FOUNDATION'] }], NOT: { foundedYear: { from: 2020 } } });
      const rows = await server.sql<{ id: number }>(
        `select e.id from enterprise e
          where (exists (select 1 from enterprise_sector s where s.enterprise_id = e.id and s.sector_code = 'SMART_OCEAN') or e.layer = 'FOUNDATION')
            and not (e.founded_year is not null and e.founded_year >= 2020)`,
      );
      expect(rows.length).toBeGreaterThan(3);
      expect(got).toEqual(gids('Enterprise', rows));
    });

    it('AND of two sectors, nested inside OR', async () => {
      const got = await firmIds({
        OR: [
          { AND: [{ sectors: ['SMART_OCEAN'] }, { sectors: ['TRANSPORTATION'] }] },
          { AND: [{ layers: ['APPLICATION'] }, { NOT: { districts: ['崂山区'] } }] },
        ],
      });
      const rows = await server.sql<{ id: number }>(
        `select e.id from enterprise e
          where (exists (select 1 from enterprise_sector s where s.enterprise_id = e.id and s.sector_code = 'SMART_OCEAN')
                 and exists (select 1 from enterprise_sector s where s.enterprise_id = e.id and s.sector_code = 'TRANSPORTATION'))
             or (e.layer = 'APPLICATION' and not exists (select 1 from enterprise_park ep join park p on p.id = ep.park_id where ep.enterprise_id = e.id and p.district = '崂山区'))`,
      );
      expect(got).toEqual(gids('Enterprise', rows));
    });

    it('an empty filter inside OR or NOT means everything', async () => {
      const [{ n }] = await server.sql<{ n: number }>('select count(*)::int as n from enterprise');
      const all = await server.gql(EnterprisesComposedDocument, { filter: { OR: [{}, { layers: ['FOUNDATION'] }] }, first: 1 });
      expect(all.data!.enterprises.totalCount).toBe(n);
      const none = await server.gql(EnterprisesComposedDocument, { filter: { NOT: {} }, first: 1 });
      expect(none.data!.enterprises.totalCount).toBe(0);
    });

    it('nesting deeper than 5 levels or lists of more than 100 are BAD_USER_INPUT', async () => {
      const nest = (depth: number): EnterpriseFilter => (depth === 1 ? { layers: ['FOUNDATION'] } : { NOT: nest(depth - 1) });
      const five = await server.gql(EnterprisesComposedDocument, { filter: nest(5) });
      expect(five.errors).toBeUndefined();
      expect(codeOf(await server.gql(EnterprisesComposedDocument, { filter: nest(6) }))).toBe('BAD_USER_INPUT');
      const wide = Array.from({ length: 101 }, () => ({ layers: ['FOUNDATION' as const] }));
      expect(codeOf(await server.gql(EnterprisesComposedDocument, { filter: { OR: wide } }))).toBe('BAD_USER_INPUT');
      const districts = Array.from({ length: 101 }, (_, i) => `区${i}`);
      expect(codeOf(await server.gql(EnterprisesComposedDocument, { filter: { AND: [{ districts }] } }))).toBe('BAD_USER_INPUT');
    });

    it('range filters on founding year and scenario year', async () => {
      const rows = await server.sql<{ id: number }>('select id from enterprise where founded_year between 2015 and 2019');
      expect(await firmIds({ foundedYear: { from: 2015, to: 2019 } })).toEqual(gids('Enterprise', rows));
      const open = await server.sql<{ id: number }>('select id from enterprise where founded_year <= 2010');
      expect(await firmIds({ foundedYear: { to: 2010 } })).toEqual(gids('Enterprise', open));
      const platforms = await server.gql(PlatformsComposedDocument, { filter: { foundedYear: { from: 2024 } } });
      const pRows = await server.sql<{ id: number }>('select id from innovation_platform where founded_year >= 2024');
      expect(ids(platforms.data!.platforms.edges)).toEqual(gids('InnovationPlatform', pRows));
      const parks = await server.gql(ParksComposedDocument, { filter: { foundedYear: { from: 2000, to: 2030 } } });
      const parkRows = await server.sql<{ id: number }>('select id from park where founded_year between 2000 and 2030');
      expect(ids(parks.data!.parks.edges)).toEqual(gids('Park', parkRows));
      const scenarios = await server.gql(ScenariosComposedDocument, { filter: { yearRange: { from: 2024, to: 2025 } } });
      const sRows = await server.sql<{ id: number }>('select id from scenario where year between 2024 and 2025');
      expect(ids(scenarios.data!.scenarios.edges)).toEqual(gids('Scenario', sRows));
      expect(codeOf(await server.gql(EnterprisesComposedDocument, { filter: { foundedYear: { from: 2020, to: 2010 } } }))).toBe('BAD_USER_INPUT');
    });

    it('relation filters: hosts a platform, provides a scenario, park has firms', async () => {
      const hosts = await server.sql<{ id: number }>(
        `select distinct ph.enterprise_id as id from platform_host ph join innovation_platform ip on ip.id = ph.platform_id
          where ip.level = 'NATIONAL' and ip.kind in ('NATIONAL_OPEN_INNOVATION_PLATFORM', 'LARGE_MODEL_LAB')`,
      );
      expect(hosts.length).toBeGreaterThan(0);
      expect(await firmIds({ hostsPlatform: { levels: ['NATIONAL'], kinds: ['NATIONAL_OPEN_INNOVATION_PLATFORM', 'LARGE_MODEL_LAB'] } })).toEqual(
        gids('Enterprise', hosts),
      );
      const provides = await server.sql<{ id: number }>(
        `select distinct sp.enterprise_id as id from scenario_provider sp join scenario s on s.id = sp.scenario_id
          where s.sector_code = 'SMART_OCEAN' and s.status = 'SHOWCASE'`,
      );
      expect(provides.length).toBeGreaterThan(0);
      expect(await firmIds({ providesScenario: { sectors: ['SMART_OCEAN'], statuses: ['SHOWCASE'] } })).toEqual(gids('Enterprise', provides));
      const parkRows = await server.sql<{ id: number }>(
        `select distinct ep.park_id as id from enterprise_park ep join enterprise e on e.id = ep.enterprise_id
          join enterprise_sector es on es.enterprise_id = e.id
          where es.sector_code = 'SMART_EDUCATION' and e.layer = 'APPLICATION'`,
      );
      const parks = await server.gql(ParksComposedDocument, { filter: { hasEnterprises: { sectors: ['SMART_EDUCATION'], layers: ['APPLICATION'] } } });
      expect(parkRows.length).toBeGreaterThan(0);
      expect(ids(parks.data!.parks.edges)).toEqual(gids('Park', parkRows));
    });

    it('geographic filter: great-circle radius, parks without coordinates never match', async () => {
      const located = await server.sql<{ id: number; latitude: number; longitude: number }>(
        'select id, latitude, longitude from park where latitude is not null',
      );
      expect(located.length).toBeGreaterThanOrEqual(2);
      const centre = { latitude: 36.1075, longitude: 120.4689 };
      for (const radiusKm of [0.5, 5, 20, 500]) {
        const res = await server.gql(ParksComposedDocument, { filter: { near: { ...centre, radiusKm } } });
        expect(res.errors).toBeUndefined();
        const expected = located.filter((p) => greatCircleDistanceKm(centre.latitude, centre.longitude, p.latitude, p.longitude) <= radiusKm);
        expect(ids(res.data!.parks.edges)).toEqual(gids('Park', expected));
      }
      const near5 = await server.gql(ParksComposedDocument, { filter: { near: { ...centre, radiusKm: 5 } } });
      expect(near5.data!.parks.edges.map((e) => e.node.nameZh)).toEqual(['崂山区人工智能产业园']);
      const [{ n }] = await server.sql<{ n: number }>('select count(*)::int as n from park where latitude is null');
      const notNear = await server.gql(ParksComposedDocument, { filter: { NOT: { near: { ...centre, radiusKm: 500 } } } });
      expect(notNear.data!.parks.totalCount).toBe(n);
      for (const near of [
        { ...centre, radiusKm: 501 },
        { ...centre, radiusKm: -1 },
        { latitude: 91, longitude: 120, radiusKm: 5 },
        { latitude: 36, longitude: -181, radiusKm: 5 },
      ]) {
        expect(codeOf(await server.gql(ParksComposedDocument, { filter: { near } }))).toBe('BAD_USER_INPUT');
      }
    });
  });

  describe('orderBy and offset', () => {
    it('name in pinyin order, forward and backward, every firm exactly once', async () => {
      const rows = await server.sql<{ id: number; name_zh: string }>('select id, name_zh from enterprise');
      const expected = rows
        .map((r) => ({ id: toGlobalId('Enterprise', r.id), key: searchColumns(r.name_zh).namePinyin, name: r.name_zh, local: r.id }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : a.local - b.local))
        .map((r) => r.id);
      const orderBy = { field: 'NAME' as const, direction: 'ASC' as const };
      const forward: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: GraphQLResponse<EnterprisesOrderedQuery> = await server.gql(EnterprisesOrderedDocument, { orderBy, first: 8, after });
        expect(res.errors).toBeUndefined();
        forward.push(...res.data!.enterprises.edges.map((e) => e.node.id));
        if (!res.data!.enterprises.pageInfo.hasNextPage) break;
        after = res.data!.enterprises.pageInfo.endCursor;
      }
      expect(forward).toEqual(expected);
      const backward: string[] = [];
      let before: string | null = null;
      for (;;) {
        const res: GraphQLResponse<EnterprisesOrderedQuery> = await server.gql(EnterprisesOrderedDocument, { orderBy, last: 8, before });
        backward.unshift(...res.data!.enterprises.edges.map((e) => e.node.id));
        if (!res.data!.enterprises.pageInfo.hasPreviousPage) break;
        before = res.data!.enterprises.pageInfo.startCursor;
      }
      expect(backward).toEqual(expected);
      const desc = await server.gql(EnterprisesOrderedDocument, { orderBy: { field: 'NAME', direction: 'DESC' }, first: 100 });
      expect(desc.data!.enterprises.edges.map((e) => e.node.id)).toEqual([...expected].reverse());
    });

    it('a cursor of one order is refused by another', async () => {
      const res = await server.gql(EnterprisesOrderedDocument, { orderBy: { field: 'NAME' }, first: 3 });
      const cursor = res.data!.enterprises.pageInfo.endCursor;
      const other = await server.gql(EnterprisesOrderedDocument, { orderBy: { field: 'FOUNDED_YEAR' }, first: 3, after: cursor });
      expect(codeOf(other)).toBe('BAD_USER_INPUT');
    });

    it('founding year descending, unknown years last, ties by id', async () => {
      const rows = await server.sql<{ id: number }>('select id from enterprise order by founded_year desc nulls last, id desc');
      const res = await server.gql(EnterprisesOrderedDocument, { orderBy: { field: 'FOUNDED_YEAR', direction: 'DESC' }, first: 100 });
      expect(res.data!.enterprises.edges.map((e) => e.node.id)).toEqual(rows.map((r) => toGlobalId('Enterprise', r.id)));
    });

    it('parks by number of firms, paged', async () => {
      const rows = await server.sql<{ id: number }>(
        'select p.id from park p order by (select count(*) from enterprise_park ep where ep.park_id = p.id) desc, p.id desc',
      );
      const got: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: GraphQLResponse<ParksOrderedQuery> = await server.gql(ParksOrderedDocument, {
          orderBy: { field: 'ENTERPRISE_COUNT', direction: 'DESC' },
          first: 4,
          after,
        });
        expect(res.errors).toBeUndefined();
        got.push(...res.data!.parks.edges.map((e) => e.node.id));
        if (!res.data!.parks.pageInfo.hasNextPage) break;
        after = res.data!.parks.pageInfo.endCursor;
      }
      expect(got).toEqual(rows.map((r) => toGlobalId('Park', r.id)));
    });

    it('nested lists take orderBy too', async () => {
      const [park] = await server.sql<{ id: number }>(`select id from park where name_zh = '崂山区人工智能产业园'`);
      const rows = await server.sql<{ id: number }>(
        'select e.id from enterprise e join enterprise_park ep on ep.enterprise_id = e.id where ep.park_id = $1 order by e.founded_year desc nulls last, e.id desc',
        [park.id],
      );
      const res = await server.gql(ParkEnterprisesOrderedDocument, {
        parkId: toGlobalId('Park', park.id),
        orderBy: { field: 'FOUNDED_YEAR', direction: 'DESC' },
      });
      expect(res.errors).toBeUndefined();
      const node = res.data!.node as { enterprises: { edges: Array<{ node: { id: string } }> } };
      expect(node.enterprises.edges.map((e) => e.node.id)).toEqual(rows.map((r) => toGlobalId('Enterprise', r.id)));
    });

    it('offset jumps to page N; with a cursor or out of range it is BAD_USER_INPUT', async () => {
      const all = await server.gql(EnterprisesOrderedDocument, { orderBy: { field: 'NAME' }, first: 100 });
      const page3 = await server.gql(EnterprisesOrderedDocument, { orderBy: { field: 'NAME' }, first: 10, offset: 20 });
      expect(page3.errors).toBeUndefined();
      expect(page3.data!.enterprises.edges.map((e) => e.node.id)).toEqual(all.data!.enterprises.edges.slice(20, 30).map((e) => e.node.id));
      expect(page3.data!.enterprises.pageInfo.hasPreviousPage).toBe(true);
      expect(page3.data!.enterprises.pageInfo.hasNextPage).toBe(true);
      const next = await server.gql(EnterprisesOrderedDocument, { orderBy: { field: 'NAME' }, first: 10, after: page3.data!.enterprises.pageInfo.endCursor });
      expect(next.data!.enterprises.edges.map((e) => e.node.id)).toEqual(all.data!.enterprises.edges.slice(30, 40).map((e) => e.node.id));
      const beyond = await server.gql(EnterprisesOrderedDocument, { first: 10, offset: 10000 });
      expect(beyond.errors).toBeUndefined();
      expect(beyond.data!.enterprises.edges).toEqual([]);
      for (const vars of [
        { first: 10, offset: 10001 },
        { first: 10, offset: -1 },
        { first: 10, offset: 10, after: page3.data!.enterprises.pageInfo.endCursor },
        { last: 10, offset: 10 },
      ]) {
        expect(codeOf(await server.gql(EnterprisesOrderedDocument, vars))).toBe('BAD_USER_INPUT');
      }
    });
  });

  describe('crafted records written by raw SQL (as an importer would)', () => {
    const insertFirm = async (nameZh: string, nameEn: string | null): Promise<number> => {
      const c = searchColumns(nameZh, nameEn, []);
      const [row] = await server.sql<{ id: number }>(
        `insert into enterprise (name_zh, name_en, layer, provenance_kind, provenance_source, provenance_verified_at, search_text, search_pinyin, search_initials, name_pinyin)
         values ($1, $2, 'APPLICATION', 'SYNTHETIC', 'test', '2026-01-01', $3, $4, $5, $6) returning id`,
        [nameZh, nameEn, c.searchText, c.searchPinyin, c.searchInitials, c.namePinyin],
      );
      return row.id;
    };

    it('ranks exact, prefix, substring, pinyin prefix, pinyin; ties by type then id', async () => {
      // Inserted worst match first, so id order alone would give the reverse answer.
      const pinyinInside = await insertFirm('丁海豚测试（示例）', null);
      const pinyinPrefix = await insertFirm('海豚测试（示例）', null);
      const substring = await insertFirm('丙海豚（示例）', 'Blue Haitun (sample)');
      const prefix = await insertFirm('乙海豚（示例）', 'Haitun Robotics (sample)');
      const exact = await insertFirm('甲海豚（示例）', 'Haitun');
      const c = searchColumns('海豚园（示例）', 'haitun', []);
      const [park] = await server.sql<{ id: number }>(
        `insert into park (name_zh, name_en, district, role, provenance_kind, provenance_source, provenance_verified_at, search_text, search_pinyin, search_initials, name_pinyin)
         values ('海豚园（示例）', 'haitun', '崂山区', 'FEATURED', 'SYNTHETIC', 'test', '2026-01-01', $1, $2, $3, $4) returning id`,
        [c.searchText, c.searchPinyin, c.searchInitials, c.namePinyin],
      );
      const res = await server.gql(SearchPageDocument, { q: 'HAITUN', first: 10 });
      expect(res.errors).toBeUndefined();
      expect(res.data!.search.edges.map((e) => e.node.id)).toEqual([
        toGlobalId('Park', park.id),
        toGlobalId('Enterprise', exact),
        toGlobalId('Enterprise', prefix),
        toGlobalId('Enterprise', substring),
        toGlobalId('Enterprise', pinyinPrefix),
        toGlobalId('Enterprise', pinyinInside),
      ]);
    });

    it('%, _ and \\ match literally', async () => {
      const odd = await insertFirm('百分百%测试_公司\\（示例）', null);
      for (const q of ['%', '_', '\\', '%测试_', '百分百%']) {
        const res = await server.gql(SearchPageDocument, { q, first: 10 });
        expect(res.errors).toBeUndefined();
        expect(res.data!.search.edges.map((e) => e.node.id)).toEqual([toGlobalId('Enterprise', odd)]);
      }
      const none = await server.gql(SearchPageDocument, { q: '百分百_', first: 10 });
      expect(none.data!.search.totalCount).toBe(0);
    });
  });
});

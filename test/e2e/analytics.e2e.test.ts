import fs from 'node:fs';
import path from 'node:path';
import { Kind, OperationDefinitionNode, parse, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { toGlobalId } from '../../src/common/global-id';
import {
  CoverageFilteredDocument,
  type CoverageFilteredQuery,
  EnterpriseFacetsFullDocument,
  PlatformFacetsFullDocument,
  type PlatformFilter,
  ScenarioFacetsFullDocument,
  type ScenarioFilter,
} from '../generated/graphql';
import { startTestServer, TestServer } from '../helpers/test-server';

/** One named operation of a contract file, as a document of its own. */
function contractOperation(file: string, name: string): TypedDocumentNode<Record<string, never>, Record<string, unknown>> {
  const doc = parse(fs.readFileSync(path.join(__dirname, '../../schema/operations', file), 'utf8'));
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!op) throw new Error(`contract ${file} has no operation ${name}`);
  return { kind: Kind.DOCUMENT, definitions: [op] } as DocumentNode as never;
}

const asMap = (rows: Array<{ k: string | number; n: number | string }>) => Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));

describe('facets and coverage', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  describe('enterpriseFacets', () => {
    /** Independent counts of the firms `where` selects (a condition on `e`). */
    async function expectedEnterpriseFacets(where: string, params: unknown[]) {
      const [{ n: total }] = await server.sql<{ n: number }>(`select count(*)::int as n from enterprise e where ${where}`, params);
      const sector = await server.sql<{ k: string; n: number }>(
        `select s.code as k, (select count(*) from enterprise_sector es join enterprise e on e.id = es.enterprise_id
                               where es.sector_code = s.code and ${where})::int as n
           from sector s order by s.position`,
        params,
      );
      const park = await server.sql<{ k: number; n: number }>(
        `select ep.park_id as k, count(*)::int as n from enterprise_park ep join enterprise e on e.id = ep.enterprise_id where ${where} group by ep.park_id`,
        params,
      );
      const layer = await server.sql<{ k: string; n: number }>(
        `select e.layer as k, count(*)::int as n from enterprise e where ${where} group by e.layer`,
        params,
      );
      const district = await server.sql<{ k: string; n: number }>(
        `select p.district as k, count(distinct e.id)::int as n from enterprise e join enterprise_park ep on ep.enterprise_id = e.id
           join park p on p.id = ep.park_id where ${where} group by p.district`,
        params,
      );
      return {
        total: Number(total),
        sectorOrder: sector.map((r) => r.k),
        sector: asMap(sector),
        park: Object.fromEntries(park.map((r) => [toGlobalId('Park', Number(r.k)), Number(r.n)])),
        layer: { FOUNDATION: 0, TECHNOLOGY: 0, APPLICATION: 0, ...asMap(layer) },
        district: asMap(district),
      };
    }

    it('unfiltered: every number equals an independent SQL count, zero buckets for sectors and layers', async () => {
      const res = await server.gql(EnterpriseFacetsFullDocument, {});
      expect(res.errors).toBeUndefined();
      const f = res.data!.enterpriseFacets;
      const want = await expectedEnterpriseFacets('true', []);
      expect(want.total).toBeGreaterThan(50);
      expect(f.total).toBe(want.total);
      expect(f.bySector.map((b) => b.sector.code)).toEqual(want.sectorOrder);
      expect(asMap(f.bySector.map((b) => ({ k: b.sector.code, n: b.count })))).toEqual(want.sector);
      expect(f.byLayer.map((b) => b.layer)).toEqual(['FOUNDATION', 'TECHNOLOGY', 'APPLICATION']);
      expect(asMap(f.byLayer.map((b) => ({ k: b.layer, n: b.count })))).toEqual(want.layer);
      expect(Object.fromEntries(f.byPark.map((b) => [b.park.id, b.count]))).toEqual(want.park);
      expect(asMap(f.byDistrict.map((b) => ({ k: b.district, n: b.count })))).toEqual(want.district);
      // Most first, so a UI can show the biggest buckets without sorting.
      const counts = f.byPark.map((b) => b.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      // One facet statement, one for the sectors, one for the parks (batched).
      expect(Number(res.headers.get('x-sql-statements'))).toBeLessThanOrEqual(3);
    });

    it('filtered by sector and layer: counts of the selected firms only, zero buckets kept', async () => {
      const res = await server.gql(EnterpriseFacetsFullDocument, { filter: { sectors: ['SMART_OCEAN'], layers: ['APPLICATION', 'TECHNOLOGY'] } });
      expect(res.errors).toBeUndefined();
      const f = res.data!.enterpriseFacets;
      const where = `e.layer in ('APPLICATION', 'TECHNOLOGY') and exists (select 1 from enterprise_sector x where x.enterprise_id = e.id and x.sector_code = $1)`;
      const want = await expectedEnterpriseFacets(where, ['SMART_OCEAN']);
      expect(want.total).toBeGreaterThan(0);
      expect(f.total).toBe(want.total);
      expect(asMap(f.bySector.map((b) => ({ k: b.sector.code, n: b.count })))).toEqual(want.sector);
      expect(f.bySector.find((b) => b.sector.code === 'SMART_OCEAN')!.count).toBe(want.total);
      expect(f.byLayer.find((b) => b.layer === 'FOUNDATION')!.count).toBe(0);
      expect(asMap(f.byLayer.map((b) => ({ k: b.layer, n: b.count })))).toEqual(want.layer);
      expect(Object.fromEntries(f.byPark.map((b) => [b.park.id, b.count]))).toEqual(want.park);
      expect(asMap(f.byDistrict.map((b) => ({ k: b.district, n: b.count })))).toEqual(want.district);
    });

    it('filtered by park: the park bucket equals the total', async () => {
      const [park] = await server.sql<{ id: number }>(`select park_id as id from enterprise_park group by park_id order by count(*) desc, park_id limit 1`);
      const parkId = toGlobalId('Park', Number(park.id));
      const res = await server.gql(EnterpriseFacetsFullDocument, { filter: { parkIds: [parkId] } });
      const f = res.data!.enterpriseFacets;
      const [{ n }] = await server.sql<{ n: number }>(`select count(*)::int as n from enterprise_park where park_id = $1`, [park.id]);
      expect(f.total).toBe(Number(n));
      expect(f.byPark.find((b) => b.park.id === parkId)!.count).toBe(Number(n));
    });

    it('bad filter input is BAD_USER_INPUT', async () => {
      const res = await server.gql(EnterpriseFacetsFullDocument, { filter: { parkIds: [toGlobalId('Sector', 'SMART_OCEAN')] } });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('scenarioFacets and platformFacets', () => {
    it('scenario facets equal SQL, unfiltered and filtered by status', async () => {
      const cases: Array<[ScenarioFilter, string, unknown[]]> = [
        [{}, 'true', []],
        [{ statuses: ['SHOWCASE', 'DEPLOYED'] }, `s.status in ('SHOWCASE', 'DEPLOYED')`, []],
      ];
      for (const [filter, where, params] of cases) {
        const res = await server.gql(ScenarioFacetsFullDocument, { filter });
        expect(res.errors).toBeUndefined();
        const f = res.data!.scenarioFacets;
        const [{ n }] = await server.sql<{ n: number }>(`select count(*)::int as n from scenario s where ${where}`, [...params]);
        expect(Number(n)).toBeGreaterThan(0);
        expect(f.total).toBe(Number(n));
        const sector = await server.sql<{ k: string; n: number }>(`select s.sector_code as k, count(*)::int as n from scenario s where ${where} group by 1`);
        expect(asMap(f.bySector.filter((b) => b.count > 0).map((b) => ({ k: b.sector.code, n: b.count })))).toEqual(asMap(sector));
        expect(f.bySector).toHaveLength(8);
        const status = await server.sql<{ k: string; n: number }>(`select s.status as k, count(*)::int as n from scenario s where ${where} group by 1`);
        expect(asMap(f.byStatus.filter((b) => b.count > 0).map((b) => ({ k: b.status, n: b.count })))).toEqual(asMap(status));
        expect(f.byStatus).toHaveLength(5);
        const park = await server.sql<{ k: number; n: number }>(
          `select s.park_id as k, count(*)::int as n from scenario s where s.park_id is not null and ${where} group by 1`,
        );
        expect(Object.fromEntries(f.byPark.map((b) => [b.park.id, b.count]))).toEqual(
          Object.fromEntries(park.map((r) => [toGlobalId('Park', Number(r.k)), Number(r.n)])),
        );
        const [{ n: none }] = await server.sql<{ n: number }>(`select count(*)::int as n from scenario s where s.park_id is null and ${where}`);
        expect(f.withoutPark).toBe(Number(none));
        const year = await server.sql<{ k: number; n: number }>(
          `select s.year as k, count(*)::int as n from scenario s where s.year is not null and ${where} group by 1`,
        );
        expect(asMap(f.byYear.map((b) => ({ k: b.year, n: b.count })))).toEqual(asMap(year));
      }
    });

    it('platform facets equal SQL, unfiltered and filtered by level', async () => {
      const cases: Array<[PlatformFilter, string]> = [
        [{}, 'true'],
        [{ levels: ['NATIONAL'] }, `ip.level = 'NATIONAL'`],
      ];
      for (const [filter, where] of cases) {
        const res = await server.gql(PlatformFacetsFullDocument, { filter });
        expect(res.errors).toBeUndefined();
        const f = res.data!.platformFacets;
        const [{ n }] = await server.sql<{ n: number }>(`select count(*)::int as n from innovation_platform ip where ${where}`);
        expect(Number(n)).toBeGreaterThan(0);
        expect(f.total).toBe(Number(n));
        const kind = await server.sql<{ k: string; n: number }>(
          `select ip.kind as k, count(*)::int as n from innovation_platform ip where ${where} group by 1`,
        );
        expect(asMap(f.byKind.filter((b) => b.count > 0).map((b) => ({ k: b.kind, n: b.count })))).toEqual(asMap(kind));
        const level = await server.sql<{ k: string; n: number }>(
          `select ip.level as k, count(*)::int as n from innovation_platform ip where ${where} group by 1`,
        );
        expect(asMap(f.byLevel.filter((b) => b.count > 0).map((b) => ({ k: b.level, n: b.count })))).toEqual(asMap(level));
        expect(f.byLevel).toHaveLength(3);
        const park = await server.sql<{ k: number; n: number }>(
          `select ip.park_id as k, count(*)::int as n from innovation_platform ip where ip.park_id is not null and ${where} group by 1`,
        );
        expect(Object.fromEntries(f.byPark.map((b) => [b.park.id, b.count]))).toEqual(
          Object.fromEntries(park.map((r) => [toGlobalId('Park', Number(r.k)), Number(r.n)])),
        );
        const [{ n: none }] = await server.sql<{ n: number }>(`select count(*)::int as n from innovation_platform ip where ip.park_id is null and ${where}`);
        expect(f.withoutPark).toBe(Number(none));
        const sector = await server.sql<{ k: string; n: number }>(
          `select ps.sector_code as k, count(*)::int as n from platform_sector ps join innovation_platform ip on ip.id = ps.platform_id where ${where} group by 1`,
        );
        expect(asMap(f.bySector.filter((b) => b.count > 0).map((b) => ({ k: b.sector.code, n: b.count })))).toEqual(asMap(sector));
      }
    });
  });

  describe('coverage', () => {
    type Cell = CoverageFilteredQuery['coverage']['cells'][number];
    const key = (c: Cell) => `${c.park.id}|${c.sector.code}`;

    /** Independent per-cell firm counts per layer, scenario and platform counts. */
    async function sqlCells() {
      const firms = await server.sql<{ park_id: number; sector_code: string; layer: string; n: number }>(
        `select ep.park_id, es.sector_code, e.layer, count(distinct e.id)::int as n
           from enterprise e join enterprise_park ep on ep.enterprise_id = e.id join enterprise_sector es on es.enterprise_id = e.id
          group by 1, 2, 3`,
      );
      const scenarios = await server.sql<{ park_id: number; sector_code: string; n: number }>(
        `select park_id, sector_code, count(*)::int as n from scenario where park_id is not null group by 1, 2`,
      );
      const platforms = await server.sql<{ park_id: number; sector_code: string; n: number }>(
        `select ip.park_id, ps.sector_code, count(*)::int as n from innovation_platform ip join platform_sector ps on ps.platform_id = ip.id
          where ip.park_id is not null group by 1, 2`,
      );
      const k = (r: { park_id: number; sector_code: string }) => `${toGlobalId('Park', Number(r.park_id))}|${r.sector_code}`;
      const byLayer = new Map<string, Record<string, number>>();
      for (const r of firms) byLayer.set(k(r), { ...(byLayer.get(k(r)) ?? {}), [r.layer]: Number(r.n) });
      return {
        firms: (cell: string, layers = ['FOUNDATION', 'TECHNOLOGY', 'APPLICATION']) => layers.reduce((s, l) => s + (byLayer.get(cell)?.[l] ?? 0), 0),
        missing: (cell: string, layers = ['FOUNDATION', 'TECHNOLOGY', 'APPLICATION']) => layers.filter((l) => !byLayer.get(cell)?.[l]),
        scenarios: new Map(scenarios.map((r) => [k(r), Number(r.n)])),
        platforms: new Map(platforms.map((r) => [k(r), Number(r.n)])),
      };
    }

    it('the contract operations EnterpriseFacets and Coverage run as third-party apps send them', async () => {
      const facets = await server.gql(contractOperation('analysis.graphql', 'EnterpriseFacets'), { filter: { sectors: ['SMART_OCEAN'] } });
      expect(facets.errors).toBeUndefined();
      const cov = await server.gql(contractOperation('analysis.graphql', 'Coverage'), {});
      expect(cov.errors).toBeUndefined();
      // Without missingLayers selected the server skips the per-layer counts: the totals must not change.
      const cells = (cov.data as unknown as { coverage: { cells: Array<{ enterpriseCount: number; park: { nameZh: string } }> } }).coverage.cells;
      const [{ pairs, parks }] = await server.sql<{ pairs: number; parks: number }>(
        `select (select count(*) from enterprise_park ep join enterprise_sector es on es.enterprise_id = ep.enterprise_id)::int as pairs,
                (select count(*) from park)::int as parks`,
      );
      expect(cells).toHaveLength(Number(parks) * 8);
      expect(cells.reduce((s, c) => s + c.enterpriseCount, 0)).toBe(Number(pairs));
      expect(cells.every((c) => c.park.nameZh.length > 0)).toBe(true);
    });

    it('every park × all eight sectors; two chosen cells and the totals equal SQL; missing layers correct', async () => {
      const res = await server.gql(CoverageFilteredDocument, {});
      expect(res.errors).toBeUndefined();
      const { cells, parkCount } = res.data!.coverage;
      const [{ parks }] = await server.sql<{ parks: number }>(`select count(*)::int as parks from park`);
      expect(parkCount).toBe(Number(parks));
      expect(cells).toHaveLength(Number(parks) * 8);
      const want = await sqlCells();

      // Two chosen cells: the Laoshan primary park in 智慧海洋 and in 工业制造.
      const [laoshan] = await server.sql<{ id: number }>(`select id from park where name_zh = '崂山区人工智能产业园'`);
      for (const sector of ['SMART_OCEAN', 'INDUSTRIAL_MANUFACTURING']) {
        const cellKey = `${toGlobalId('Park', Number(laoshan.id))}|${sector}`;
        const cell = cells.find((c) => key(c) === cellKey)!;
        const [{ n }] = await server.sql<{ n: number }>(
          `select count(*)::int as n from enterprise_park ep join enterprise_sector es on es.enterprise_id = ep.enterprise_id
            where ep.park_id = $1 and es.sector_code = $2`,
          [laoshan.id, sector],
        );
        expect(Number(n)).toBeGreaterThan(0);
        expect(cell.enterpriseCount).toBe(Number(n));
        expect(cell.isFocusSector).toBe(true);
        expect(cell.scenarioCount).toBe(want.scenarios.get(cellKey) ?? 0);
        expect(cell.platformCount).toBe(want.platforms.get(cellKey) ?? 0);
      }

      for (const cell of cells) {
        expect(cell.enterpriseCount).toBe(want.firms(key(cell)));
        expect(cell.missingLayers).toEqual(want.missing(key(cell)));
      }
      const sum = (f: (c: Cell) => number) => cells.reduce((s, c) => s + f(c), 0);
      const [totals] = await server.sql<{ firms: number; scenarios: number; platforms: number; focus: number }>(
        `select (select count(*) from enterprise_park ep join enterprise_sector es on es.enterprise_id = ep.enterprise_id)::int as firms,
                (select count(*) from scenario where park_id is not null)::int as scenarios,
                (select count(*) from innovation_platform ip join platform_sector ps on ps.platform_id = ip.id where ip.park_id is not null)::int as platforms,
                (select count(*) from park_focus_sector)::int as focus`,
      );
      expect(sum((c) => c.enterpriseCount)).toBe(Number(totals.firms));
      expect(sum((c) => c.scenarioCount)).toBe(Number(totals.scenarios));
      expect(sum((c) => c.platformCount)).toBe(Number(totals.platforms));
      expect(cells.filter((c) => c.isFocusSector)).toHaveLength(Number(totals.focus));
      // The matrix, the records it counts (data notice), its sectors and its parks: four statements,
      // whatever the number of parks.
      expect(Number(res.headers.get('x-sql-statements'))).toBeLessThanOrEqual(4);
    });

    it('filter by layer counts only firms of that layer and looks for gaps in it only', async () => {
      const res = await server.gql(CoverageFilteredDocument, { filter: { layers: ['FOUNDATION'] } });
      expect(res.errors).toBeUndefined();
      const want = await sqlCells();
      const { cells } = res.data!.coverage;
      expect(cells.some((c) => c.enterpriseCount > 0)).toBe(true);
      for (const cell of cells) {
        expect(cell.enterpriseCount).toBe(want.firms(key(cell), ['FOUNDATION']));
        expect(cell.missingLayers).toEqual(want.missing(key(cell), ['FOUNDATION']));
        // Scenario and platform counts do not depend on the layer filter.
        expect(cell.scenarioCount).toBe(want.scenarios.get(key(cell)) ?? 0);
      }
      const [{ n }] = await server.sql<{ n: number }>(
        `select count(*)::int as n from enterprise_park ep join enterprise_sector es on es.enterprise_id = ep.enterprise_id
           join enterprise e on e.id = ep.enterprise_id where e.layer = 'FOUNDATION'`,
      );
      expect(cells.reduce((s, c) => s + c.enterpriseCount, 0)).toBe(Number(n));
    });

    it('filter by park role, focus sectors only', async () => {
      const primary = await server.gql(CoverageFilteredDocument, { filter: { parkRoles: ['PRIMARY'] } });
      const [{ n }] = await server.sql<{ n: number }>(`select count(*)::int as n from park where role = 'PRIMARY'`);
      expect(primary.data!.coverage.parkCount).toBe(Number(n));
      expect(primary.data!.coverage.cells).toHaveLength(Number(n) * 8);
      expect(primary.data!.coverage.cells.every((c) => c.park.role === 'PRIMARY')).toBe(true);

      const featuredFocus = await server.gql(CoverageFilteredDocument, { filter: { parkRoles: ['FEATURED'], focusOnly: true } });
      const [{ f }] = await server.sql<{ f: number }>(
        `select count(*)::int as f from park_focus_sector pfs join park p on p.id = pfs.park_id where p.role = 'FEATURED'`,
      );
      const cells = featuredFocus.data!.coverage.cells;
      expect(cells).toHaveLength(Number(f));
      expect(cells.every((c) => c.isFocusSector && c.park.role === 'FEATURED')).toBe(true);
    });
  });
});

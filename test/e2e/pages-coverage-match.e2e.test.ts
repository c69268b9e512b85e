import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { DocumentNode, OperationDefinitionNode, parse } from 'graphql';
import { decodeGlobalId, toGlobalId } from '../../src/common/global-id';
import { ParksPageDocument } from '../generated/graphql';
import { launchBrowser, screenshot, TestBrowser } from '../helpers/browser';
import { startTestServer, TestServer } from '../helpers/test-server';

const ROOT = path.join(__dirname, '../..');

/** A contract operation exactly as third-party apps send it, from the project's copy, schema/operations/analysis.graphql. */
function contractOperation<R, V>(name: string): TypedDocumentNode<R, V> {
  const contract = parse(fs.readFileSync(path.join(ROOT, 'schema/operations/analysis.graphql'), 'utf8'));
  const operation = contract.definitions.find((d) => (d as OperationDefinitionNode).name?.value === name);
  if (!operation) throw new Error(`no operation ${name} in the contract`);
  return { kind: contract.kind, definitions: [operation] } as DocumentNode as TypedDocumentNode<R, V>;
}

interface CoverageAnswer {
  coverage: {
    cells: Array<{ park: { id: string; nameZh: string }; sector: { code: string }; enterpriseCount: number; scenarioCount: number; platformCount: number }>;
  };
}
interface MatchAnswer {
  matchEnterprisesForPark: Array<{
    score: number;
    enterprise: { id: string; nameZh: string };
    reasons: Array<{ kind: string; detail: string; contribution: number }>;
  }>;
}

const parkKey = (id: string) => Number(decodeGlobalId(id)!.localId);

describe('coverage heatmap and match view in Chromium', () => {
  let server: TestServer;
  let browser: TestBrowser;
  /** Two park × sector cells with firms, in different parks, chosen from SQL. */
  let chosen: Array<{ park_id: number; sector_code: string; n: number }>;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const cells = await server.sql<{ park_id: number; sector_code: string; n: number }>(
      `select ep.park_id, es.sector_code, count(distinct ep.enterprise_id)::int as n
         from enterprise_park ep join enterprise_sector es on es.enterprise_id = ep.enterprise_id
        group by ep.park_id, es.sector_code order by n desc, ep.park_id, es.sector_code`,
    );
    const top = cells[0];
    const other = cells.find((c) => c.park_id !== top.park_id && c.n < top.n) ?? cells.find((c) => c.park_id !== top.park_id)!;
    chosen = [top, other];
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const firmsOf = (parkId: number, sector: string) =>
    server.sql<{ name_zh: string }>(
      `select e.name_zh from enterprise e
         join enterprise_park ep on ep.enterprise_id = e.id join enterprise_sector es on es.enterprise_id = e.id
        where ep.park_id = $1 and es.sector_code = $2 order by e.name_zh`,
      [parkId, sector],
    );

  it('shows the firm counts of two chosen cells as SQL counts them, and lists the firms of a clicked cell', async () => {
    const { page, blocked, consoleErrors } = await browser.open(server.origin);
    await page.goto(`${server.origin}/explore/coverage`);
    await page.locator('#matrix button.cell').first().waitFor();
    // Chinese labels on both axes.
    await page.locator('#matrix thead th', { hasText: '智慧海洋' }).waitFor();

    for (const c of chosen) {
      const cell = page.locator(`button.cell[data-park="${toGlobalId('Park', c.park_id)}"][data-sector="${c.sector_code}"]`);
      await expect(cell.locator('.n').innerText()).resolves.toBe(String(c.n));
    }
    // Darker means more: the top cell is not lighter than the other.
    const lightness = async (c: { park_id: number; sector_code: string }) => {
      const rgb = await page
        .locator(`button.cell[data-park="${toGlobalId('Park', c.park_id)}"][data-sector="${c.sector_code}"]`)
        .evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
      return (/rgb\((\d+), (\d+), (\d+)\)/.exec(rgb) ?? []).slice(1).reduce((sum, v) => sum + Number(v), 0);
    };
    const [dark, light] = [await lightness(chosen[0]), await lightness(chosen[1])];
    expect(dark).toBeGreaterThan(0);
    expect(dark).toBeLessThanOrEqual(light);

    const [top] = chosen;
    await page.locator(`button.cell[data-park="${toGlobalId('Park', top.park_id)}"][data-sector="${top.sector_code}"]`).click();
    const links = page.locator('#cell-firms .firm-list a');
    await links.first().waitFor();
    const names = await links.allInnerTexts();
    expect([...names].sort()).toEqual((await firmsOf(top.park_id, top.sector_code)).map((r) => r.name_zh).sort());

    // A firm's link opens its detail page.
    const first = names[0];
    await links.first().click();
    await page.locator('h1', { hasText: first }).waitFor();
    await screenshot(page, 'enterprise');
    await page.goBack();
    await page.locator(`button.cell[data-park="${toGlobalId('Park', top.park_id)}"][data-sector="${top.sector_code}"]`).click();
    await links.first().waitFor();
    await screenshot(page, 'coverage', true);
    expect(blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('agrees with the public coverage query and offers the matrix as an SVG file', async () => {
    const res = await server.gql(contractOperation<CoverageAnswer, Record<string, never>>('Coverage'), {});
    expect(res.errors).toBeUndefined();
    for (const c of chosen) {
      const cell = res.data!.coverage.cells.find((x) => parkKey(x.park.id) === c.park_id && x.sector.code === c.sector_code);
      expect(cell?.enterpriseCount).toBe(c.n);
    }

    const svg = await fetch(`${server.origin}/export/coverage.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const text = await svg.text();
    // Well-formed XML (xmllint from libxml2-utils, which CI installs).
    execFileSync('xmllint', ['--noout', '-'], { input: text });
    expect(text).toContain('园区 × 领域 覆盖矩阵');
    const sectors = await server.sql<{ code: string; name_zh: string }>('select code, name_zh from sector');
    for (const c of chosen) {
      const park = res.data!.coverage.cells.find((x) => parkKey(x.park.id) === c.park_id)!.park;
      const sectorZh = sectors.find((s) => s.code === c.sector_code)!.name_zh;
      expect(text).toContain(`<title>${park.nameZh} · ${sectorZh}: 企业 ${c.n},`);
    }
  });

  it('ranks the firm candidates for a park with the top candidate of matchEnterprisesForPark first', async () => {
    const parks = await server.gql(ParksPageDocument, { first: 1 });
    const park = parks.data!.parks.edges[0].node;
    const res = await server.gql(contractOperation<MatchAnswer, { parkId: string; first?: number }>('MatchEnterprisesForPark'), { parkId: park.id, first: 20 });
    expect(res.errors).toBeUndefined();
    const candidates = res.data!.matchEnterprisesForPark;
    expect(candidates.length).toBeGreaterThan(0);

    const { page, blocked, consoleErrors } = await browser.open(server.origin);
    await page.goto(`${server.origin}/explore/match?park=${encodeURIComponent(park.id)}`);
    const firstRow = page.locator('#candidates tbody tr[data-rank="1"]');
    await firstRow.waitFor();
    await expect(page.locator('h1').innerText()).resolves.toContain(park.nameZh);
    await expect(firstRow.getAttribute('data-id')).resolves.toBe(candidates[0].enterprise.id);
    await expect(firstRow.locator('a.firm').innerText()).resolves.toBe(candidates[0].enterprise.nameZh);
    await expect(firstRow.locator('.reasons li').count()).resolves.toBe(candidates[0].reasons.length);
    await expect(page.locator('#candidates tbody tr').count()).resolves.toBe(candidates.length);
    await screenshot(page, 'match');
    expect(blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});

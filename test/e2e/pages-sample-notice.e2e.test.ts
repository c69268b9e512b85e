import { ParkNamesOnlyDocument } from '../generated/graphql';
import { launchBrowser, screenshot, TestBrowser } from '../helpers/browser';
import { startTestServer, TestServer } from '../helpers/test-server';

/**
 * Sample data never passes for real in the pages: a visible 示例数据 banner whenever what a page
 * shows includes sample records, and a mark on each sample record. Screenshots: run with
 * SCREENSHOTS_DIR=docs/screenshots to refresh the ones the docs show.
 */
describe('pages mark sample data (Chromium)', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let parkId: string;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const parks = await server.gql(ParkNamesOnlyDocument, {});
    parkId = parks.data!.parks.edges[0].node.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const sampleFirmNames = async () =>
    new Set((await server.sql<{ name_zh: string }>(`select name_zh from enterprise where provenance_kind = 'SAMPLE'`)).map((r) => r.name_zh));

  it('coverage: banner over the matrix, and each sample firm of a cell is tagged 示例', async () => {
    const { page, consoleErrors } = await browser.open(server.origin);
    await page.goto(`${server.origin}/explore/coverage`);
    const banner = page.locator('#sample-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/示例数据 Sample data/);
    const button = page.locator('button.cell:not([data-count="0"])').first();
    await button.click();
    const firms = page.locator('#cell-firms ol.firm-list li');
    await firms.first().waitFor();
    const samples = await sampleFirmNames();
    for (const li of await firms.all()) {
      const name = await li.locator('a').innerText();
      const kind = await li.locator('a').getAttribute('data-provenance');
      expect(samples.has(name)).toBe(kind === 'SAMPLE');
      expect(await li.locator('.tag.sample').count()).toBe(kind === 'SAMPLE' ? 1 : 0);
    }
    await page.locator('#cell-sample-banner').waitFor();
    await screenshot(page, 'sample-coverage');
    expect(consoleErrors).toEqual([]);
  });

  it('match: banner, and each sample candidate is tagged', async () => {
    const { page, consoleErrors } = await browser.open(server.origin);
    await page.goto(`${server.origin}/explore/match?park=${encodeURIComponent(parkId)}`);
    await page.locator('#candidates').waitFor();
    await page.locator('#sample-banner').waitFor();
    const rows = await page.locator('#candidates tbody tr').all();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const kind = await row.getAttribute('data-provenance');
      expect(await row.locator('.tag.sample').count()).toBe(kind === 'SAMPLE' ? 1 : 0);
    }
    await screenshot(page, 'sample-match');
    expect(consoleErrors).toEqual([]);
  });

  it('graph: banner, and sample nodes are labelled [示例] and counted in the legend', async () => {
    const { page, consoleErrors } = await browser.open(server.origin);
    await page.goto(`${server.origin}/explore/graph?around=${encodeURIComponent(parkId)}&depth=1`);
    await page.locator('#graph canvas').first().waitFor();
    await page.locator('#sample-banner').waitFor();
    const labelled = (await page.evaluate("window.cy.nodes().map((n) => ({ label: String(n.data('label')), sample: n.data('sample') === 1 }))")) as Array<{
      label: string;
      sample: boolean;
    }>;
    const sampleNodes = labelled.filter((n) => n.sample);
    expect(sampleNodes.length).toBeGreaterThan(0);
    expect(sampleNodes.every((n) => n.label.startsWith('[示例] '))).toBe(true);
    expect(labelled.filter((n) => !n.sample).every((n) => !n.label.includes('[示例]'))).toBe(true);
    expect(Number(await page.locator('#graph').getAttribute('data-sample-nodes'))).toBe(sampleNodes.length);
    await screenshot(page, 'sample-graph');
    expect(consoleErrors).toEqual([]);
  });

  it('explorer: the banner appears when an answer includes sample records and goes when one does not', async () => {
    const { page, consoleErrors } = await browser.open(server.origin);
    await page.goto(`${server.origin}/explorer`);
    await page.locator('.graphiql-container').waitFor();
    const run = async (tab: string) => {
      await page
        .locator('.graphiql-tab')
        .filter({ has: page.getByText(tab, { exact: true }) })
        .click();
      const answer = page.waitForResponse((r) => r.url() === `${server.origin}/graphql` && (r.request().postData() ?? '').includes(`query ${tab}`));
      await page.locator('.graphiql-execute-button').click();
      return (await (await answer).json()) as { extensions?: { dataNotice?: unknown } };
    };
    const firms = await run('PlatformsAndScenarios');
    expect(firms.extensions?.dataNotice).toBeDefined();
    await page.locator('#sample-banner').waitFor();
    await screenshot(page, 'sample-explorer');
    const sectors = await run('Sectors');
    expect(sectors.extensions?.dataNotice).toBeUndefined();
    await page.locator('#sample-banner').waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });

  it('/export/coverage.svg shows the notice when opened in the browser', async () => {
    const { page } = await browser.open(server.origin);
    await page.goto(`${server.origin}/export/coverage.svg`);
    const notice = page.locator('text.data-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/示例数据/);
    await screenshot(page, 'sample-coverage-svg');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { decodeGlobalId, toGlobalId } from '../../src/common/global-id';
import { ParksPageDocument } from '../generated/graphql';
import { launchBrowser, screenshot, TestBrowser } from '../helpers/browser';
import { startTestServer, TestServer } from '../helpers/test-server';

const ROOT = path.join(__dirname, '../..');
const CONTRACT = path.join(ROOT, 'schema/operations');

/** The operations the explorer should offer as tabs: one per operation in the contract files. */
function contractOperationNames(): string[] {
  return fs
    .readdirSync(CONTRACT)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .flatMap((f) => parse(fs.readFileSync(path.join(CONTRACT, f), 'utf8')).definitions)
    .flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [d.name.value] : []));
}

describe('explorer, graph view and not-found pages in Chromium', () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves the explorer to browsers at /graphql and /explorer, and GraphQL to clients', async () => {
    for (const url of [`${server.origin}/graphql`, `${server.origin}/explorer`]) {
      const res = await fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('<script src="/assets/explorer.js"></script>');
      // Everything the page names is same-origin.
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
    // A client asking for JSON still reaches Apollo, and Apollo's CDN landing page stays off.
    const api = await fetch(`${server.origin}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(((await api.json()) as { data: unknown }).data).toEqual({ __typename: 'Query' });
    const bare = await fetch(`${server.origin}/graphql`, { headers: { accept: 'application/json' } });
    expect(bare.headers.get('content-type')).not.toMatch(/text\/html/);
  });

  it('loads GraphiQL with no request leaving the machine, offers the contract operations and runs one', async () => {
    const { page, blocked, consoleErrors } = await browser.open(server.origin);
    await page.goto(`${server.origin}/explorer`);
    await page.locator('.graphiql-container').waitFor();
    // Documentation explorer open from the start, fed by introspection.
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();

    const names = contractOperationNames();
    expect(names.length).toBeGreaterThan(5);
    const tabs = page.locator('.graphiql-tab');
    await expect(tabs.count()).resolves.toBe(names.length);
    expect((await tabs.allInnerTexts()).map((t) => t.trim()).sort()).toEqual([...names].sort());

    await page
      .locator('.graphiql-tab')
      .filter({ has: page.getByText('Sectors', { exact: true }) })
      .click();
    const answer = page.waitForResponse((r) => r.url() === `${server.origin}/graphql` && (r.request().postData() ?? '').includes('query Sectors'));
    await page.locator('.graphiql-execute-button').click();
    const body = (await (await answer).json()) as { data: { sectors: Array<{ code: string; nameZh: string }> } };
    const rows = await server.sql<{ code: string; name_zh: string }>('select code, name_zh from sector order by code');
    expect(body.data.sectors.map((s) => s.code).sort()).toEqual(rows.map((r) => r.code));
    await page.locator('.graphiql-response').getByText(body.data.sectors[0].nameZh, { exact: false }).first().waitFor();

    await screenshot(page, 'explorer');
    expect(blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('draws the ego network of a park with as many nodes as the export holds', async () => {
    const parks = await server.gql(ParksPageDocument, { first: 5 });
    const park = parks.data!.parks.edges[0].node;
    const { page, blocked, consoleErrors } = await browser.open(server.origin);
    await page.goto(`${server.origin}/explore/graph?around=${encodeURIComponent(park.id)}&depth=1`);
    await page.locator('#graph canvas').first().waitFor();
    await expect(page.locator('h1').innerText()).resolves.toContain(park.nameZh);

    const res = await fetch(`${server.origin}/export/graph.jgf.json?around=${encodeURIComponent(park.id)}&depth=1`);
    const jgf = (await res.json()) as { graph: { nodes: Record<string, unknown>; edges: unknown[] } };
    const exported = Object.keys(jgf.graph.nodes).length;
    expect(exported).toBeGreaterThan(1);
    await expect(page.evaluate('window.cy.nodes().length')).resolves.toBe(exported);
    await expect(page.evaluate('window.cy.edges().length')).resolves.toBe(jgf.graph.edges.length);
    await expect(page.locator('#graph').getAttribute('data-nodes')).resolves.toBe(String(exported));
    // Firms of the park, counted in SQL, are all drawn as firm nodes.
    const [{ n: firms }] = await server.sql<{ n: number }>('select count(*)::int as n from enterprise_park where park_id = $1', [
      Number(decodeGlobalId(park.id)!.localId),
    ]);
    await expect(page.evaluate('window.cy.nodes(\'[kind = "ENTERPRISE"]\').length')).resolves.toBe(firms);

    // One download link per export format, for the same subgraph.
    const anchors = page.locator('.downloads a');
    const hrefs = await Promise.all((await anchors.all()).map((a) => a.getAttribute('href')));
    expect(hrefs).toHaveLength(5);
    for (const href of hrefs) {
      expect(href).toContain(`around=${encodeURIComponent(park.id)}`);
      const file = await fetch(`${server.origin}${href}`);
      expect(file.status).toBe(200);
      await file.arrayBuffer();
    }
    await screenshot(page, 'graph');
    expect(blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it.each([
    ['graph', `/explore/graph?around=${encodeURIComponent(toGlobalId('Park', 987654))}`, '找不到该节点'],
    ['graph-garbage', '/explore/graph?around=not-an-id', '找不到该节点'],
    ['enterprise', `/explore/enterprise?id=${encodeURIComponent(toGlobalId('Enterprise', 987654))}`, '找不到该企业'],
    ['match', `/explore/match?park=${encodeURIComponent(toGlobalId('Park', 987654))}`, '找不到该园区'],
  ])('shows a readable not-found message for an unknown id (%s)', async (name, url, message) => {
    const { page, consoleErrors } = await browser.open(server.origin);
    await page.goto(`${server.origin}${url}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.locator('h2').innerText()).resolves.toBe(message);
    await screenshot(page, `not-found-${name}`);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});

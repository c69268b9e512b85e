import { createApiKey } from '../../src/modules/api-key/api-key.service';
import { launchBrowser, screenshot, TestBrowser } from '../helpers/browser';
import { startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');
const localOf = (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);

/**
 * /explore/prospects: a park's chain gaps and its ranked firms from outside Qingdao, each with
 * reasons that add up to its score, and a button that opens a lead with the promoter key kept in
 * session storage. Screenshot: prospects.png (SCREENSHOTS_DIR=docs/screenshots refreshes the docs' copy).
 */
describe('prospects page in Chromium', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let park: number;
  let key: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    [{ id: park }] = await server.sql<{ id: number }>(`select id from park where name_zh = '西海岸新区光谷软件园'`);
    key = (await createApiKey(server.db.em(), '西海岸新区招商中心（测试）', 'promoter', [park])).key;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the gaps and the firms from outside with reasons that sum to the score; the button asks for a key, then opens a lead', async () => {
    const { page, blocked, consoleErrors } = await browser.open(server.origin);
    await page.goto(`${server.origin}/explore/prospects?park=${gid('Park', park)}`);
    await page.locator('#prospects .prospect').first().waitFor();

    // The gaps: the seeds leave the park without a foundation-layer firm in industrial manufacturing.
    const manufacturing = page.locator('#gaps .gap[data-sector="INDUSTRIAL_MANUFACTURING"]');
    await expect(manufacturing.locator('.tag.layer[data-layer="FOUNDATION"]').count()).resolves.toBe(1);
    expect(await manufacturing.locator('.gap-nodes li').count()).toBeGreaterThan(0);

    // Every firm listed is headquartered outside Qingdao, not yet in the park, and its reasons add up to its score.
    const cards = await page.locator('#prospects .prospect').all();
    expect(cards.length).toBeGreaterThan(1);
    const outside = await server.sql<{ id: number }>(
      `select id from enterprise e where presence in ('OUTSIDE', 'BOTH') and not exists (select 1 from enterprise_park ep where ep.enterprise_id = e.id and ep.park_id = $1)`,
      [park],
    );
    const outsideIds = new Set(outside.map((r) => Number(r.id)));
    let previous = Infinity;
    for (const card of cards) {
      expect(outsideIds.has(localOf((await card.getAttribute('data-id'))!))).toBe(true);
      const score = Number(await card.getAttribute('data-score'));
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(previous);
      previous = score;
      const contributions: number[] = [];
      for (const li of await card.locator('.reasons li').all()) contributions.push(Number(await li.getAttribute('data-contribution')));
      expect(contributions.length).toBeGreaterThan(0);
      expect(contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(score, 9);
      // What is shown (three decimals) adds up too, within rounding.
      const shown = await card.locator('.reasons .contribution').allInnerTexts();
      expect(
        Math.abs(shown.reduce((s, t) => s + Number(t.replace('+', '')), 0) - Number((await card.locator('.prospect-head .score').innerText()).trim())),
      ).toBeLessThan(0.0005 * (shown.length + 1));
      const sample = (await card.getAttribute('data-provenance')) === 'SAMPLE';
      await expect(card.locator('.tag.sample').count()).resolves.toBe(sample ? 1 : 0);
    }
    // The first firm fills the gap: a 补链 reason naming industrial manufacturing.
    await expect(cards[0].locator('.reasons li[data-kind="CHAIN_GAP"]').innerText()).resolves.toContain('工业制造');
    // The seeds' firms from outside are samples: the page says so.
    await expect(page.locator('#sample-banner').innerText()).resolves.toMatch(/示例数据 Sample data/);

    // Without a key the button asks for one and opens nothing.
    const firm = (await cards[0].getAttribute('data-id'))!;
    await cards[0].locator('button.create-lead').click();
    await page.locator('#key-needed').waitFor();
    await expect(page.evaluate('document.activeElement && document.activeElement.id')).resolves.toBe('key');
    await expect(server.sql('select 1 from lead')).resolves.toHaveLength(0);

    // With the promoter key (kept in session storage only) the lead is opened, at LEAD.
    await page.fill('#key', key);
    await page.click('#key-form button[type=submit]');
    await page.locator('#key-held').waitFor();
    await cards[0].locator('button.create-lead').click();
    const status = cards[0].locator('.lead-status.done');
    await status.waitFor();
    const leadId = (await status.getAttribute('data-lead'))!;
    const rows = await server.sql<{ enterprise_id: number; park_id: number; stage: string }>('select enterprise_id, park_id, stage from lead where id = $1', [
      localOf(leadId),
    ]);
    expect(rows.map((r) => ({ ...r, enterprise_id: Number(r.enterprise_id), park_id: Number(r.park_id) }))).toEqual([
      { enterprise_id: localOf(firm), park_id: park, stage: 'LEAD' },
    ]);
    const storage = await page.evaluate("({ session: sessionStorage.getItem('qdai.leadKey'), local: localStorage.length, cookie: document.cookie })");
    expect(storage).toEqual({ session: key, local: 0, cookie: '' });
    await screenshot(page, 'prospects', true);

    // The same firm again: the server's userError is shown, and no second lead is written.
    await page.reload();
    await page.locator('#prospects .prospect').first().waitFor();
    await page.locator(`#prospects .prospect[data-id="${firm}"] button.create-lead`).click();
    await page.locator(`#prospects .prospect[data-id="${firm}"] .lead-status.error`).waitFor();
    await expect(server.sql('select 1 from lead where enterprise_id = $1 and park_id = $2', [localOf(firm), park])).resolves.toHaveLength(1);

    expect(blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('a refused key is forgotten with a message; without a park a select of parks leads to one', async () => {
    const { page, blocked } = await browser.open(server.origin);
    const before = (await server.sql('select 1 from lead')).length;
    await page.goto(`${server.origin}/explore/prospects`);
    await page.locator('#park-select').waitFor();
    await Promise.all([page.waitForURL(/\?park=/), page.selectOption('#park-select', gid('Park', park))]);
    await page.locator('#prospects .prospect').first().waitFor();
    await page.fill('#key', `qdai_${'x'.repeat(43)}`);
    await page.click('#key-form button[type=submit]');
    await page.locator('#prospects .prospect button.create-lead').first().click();
    await page.locator('#key-refused').waitFor();
    await expect(page.evaluate("sessionStorage.getItem('qdai.leadKey')")).resolves.toBeNull();
    await expect(page.locator('#key-form').count()).resolves.toBe(1);
    await expect(server.sql('select 1 from lead')).resolves.toHaveLength(before);
    expect(blocked).toEqual([]);
  });

  it('reads on a phone without sideways scrolling', async () => {
    const { page, consoleErrors } = await browser.open(server.origin);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.origin}/explore/prospects?park=${gid('Park', park)}`);
    await page.locator('#prospects .prospect').first().waitFor();
    const widths = await page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })');
    expect((widths as { scroll: number }).scroll).toBeLessThanOrEqual((widths as { client: number }).client);
    await screenshot(page, 'prospects-phone');
    expect(consoleErrors).toEqual([]);
  });
});

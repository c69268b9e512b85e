import fs from 'node:fs';
import { createApiKey } from '../../src/modules/api-key/api-key.service';
import { CreateLeadDocument, MoveLeadStageDocument } from '../generated/graphql';
import { launchBrowser, screenshot, TestBrowser } from '../helpers/browser';
import { startTestServer, TestServer } from '../helpers/test-server';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');
const localOf = (id: string) => Number(Buffer.from(id, 'base64url').toString('utf8').split(':')[1]);

/**
 * /explore/leads: the key typed into the page and kept in session storage only, the board by
 * stage as the database holds it, the funnel drawn from leadFunnel, stale leads highlighted.
 * Screenshot: leads.png (SCREENSHOTS_DIR=docs/screenshots refreshes the docs' copy).
 */
describe('lead pipeline page in Chromium', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let park: number;
  let key: string;
  let staleLead: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    [{ id: park }] = await server.sql<{ id: number }>(`select id from park where name_zh = '崂山区人工智能产业园'`);
    key = (await createApiKey(server.db.em(), '崂山区招商中心（测试）', 'promoter', [park])).key;
    const headers = { authorization: `Bearer ${key}` };
    const firms = await server.sql<{ id: number }>(
      'select id from enterprise e where not exists (select 1 from enterprise_park ep where ep.enterprise_id = e.id and ep.park_id = $1) order by id limit 5',
      [park],
    );
    const stages = ['LEAD', 'CONTACTED', 'VISITED', 'NEGOTIATING', 'LANDED'];
    for (const [i, firm] of firms.entries()) {
      const created = (
        await server.gql(
          CreateLeadDocument,
          {
            input: {
              enterpriseId: gid('Enterprise', firm.id),
              parkId: gid('Park', park),
              ownerName: '王经理',
              expectedInvestment: 1000 * (i + 1),
              nextAction: '电话回访',
            },
          },
          headers,
        )
      ).data!.createLead.lead!;
      if (stages[i] !== 'LEAD') {
        const moved = await server.gql(MoveLeadStageDocument, { input: { id: created.id, expectedVersion: 1, stage: stages[i] as never } }, headers);
        expect(moved.data!.moveLeadStage.userErrors).toEqual([]);
      }
      if (i === 1) staleLead = created.id;
    }
    await server.sql(`update lead set last_activity_at = now() - interval '45 days' where id = $1`, [localOf(staleLead)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for the key, keeps it in session storage only, and shows the board, the funnel and the stale lead', async () => {
    const { page, blocked, consoleErrors } = await browser.open(server.origin);
    await page.goto(`${server.origin}/explore/leads?park=${gid('Park', park)}`);
    // No key yet: a form, and no lead on the page.
    await page.locator('#key-form').waitFor();
    await expect(page.locator('#board').count()).resolves.toBe(0);
    await page.fill('#key', key);
    await page.click('#key-form button[type=submit]');
    await page.locator('#board .card').first().waitFor();

    // The board holds each lead in the column of its stage, as the database has them.
    const rows = await server.sql<{ stage: string; n: string }>('select stage, count(*) as n from lead where park_id = $1 group by stage', [park]);
    for (const { stage, n } of rows) {
      await expect(page.locator(`#board .column[data-stage="${stage}"] .card`).count()).resolves.toBe(Number(n));
    }
    await expect(page.locator('#board .card').count()).resolves.toBe(5);
    // The stale lead, and only it, is highlighted.
    await expect(page.locator('#board .card.stale').count()).resolves.toBe(1);
    await expect(page.locator('#board .card.stale').getAttribute('data-id')).resolves.toBe(staleLead);
    await expect(page.locator('#board .card.stale .stale-tag').innerText()).resolves.toContain('待跟进');
    // The funnel: reached counts per stage, the LANDED lead passed every earlier stage.
    await expect(page.locator('#funnel .funnel-row[data-stage="LEAD"]').getAttribute('data-reached')).resolves.toBe('5');
    await expect(page.locator('#funnel .funnel-row[data-stage="NEGOTIATING"]').getAttribute('data-reached')).resolves.toBe('2');
    await expect(page.locator('#funnel .funnel-row[data-stage="LANDED"]').getAttribute('data-reached')).resolves.toBe('1');
    const width = async (stage: string) => (await page.locator(`#funnel .funnel-row[data-stage="${stage}"] .bar`).boundingBox())!.width;
    expect(await width('LEAD')).toBeGreaterThan(await width('VISITED'));

    // The key is in session storage, nowhere else.
    const storage = await page.evaluate("({ session: sessionStorage.getItem('qdai.leadKey'), local: localStorage.length, cookie: document.cookie })");
    expect(storage).toEqual({ session: key, local: 0, cookie: '' });
    await screenshot(page, 'leads', true);

    // The CSV export is fetched with the key and saved as a file Excel opens (UTF-8 with BOM).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-export')]);
    expect(download.suggestedFilename()).toBe('leads.csv');
    const csv = fs.readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(6);

    // Forgetting the key takes the leads off the page.
    await page.click('#forget-key');
    await page.locator('#key-form').waitFor();
    await expect(page.evaluate("sessionStorage.getItem('qdai.leadKey')")).resolves.toBeNull();
    await expect(page.locator('#board').count()).resolves.toBe(0);
    expect(blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('a new tab starts without the key, and a refused key is forgotten with a message', async () => {
    const { page, blocked } = await browser.open(server.origin);
    await page.goto(`${server.origin}/explore/leads?park=${gid('Park', park)}`);
    await page.locator('#key-form').waitFor();
    await page.fill('#key', `qdai_${'x'.repeat(43)}`);
    await page.click('#key-form button[type=submit]');
    await page.locator('#key-refused').waitFor();
    await expect(page.evaluate("sessionStorage.getItem('qdai.leadKey')")).resolves.toBeNull();
    await expect(page.locator('#board').count()).resolves.toBe(0);
    expect(blocked).toEqual([]);
  });
});

import type { Page } from 'playwright-core';
import { ActionPlanByActionDocument, ActionPlanFullDocument, type ActionPlanFullQuery } from '../generated/graphql';
import { launchBrowser, screenshot, TestBrowser } from '../helpers/browser';
import { startTestServer, TestServer } from '../helpers/test-server';

type Figure = ActionPlanFullQuery['actionPlan']['targets'][number];

/**
 * The plan at a glance (/explore/plan) on the shipped seeds: the seven actions, one bar per
 * target drawn from the evidence-based current value, sample records shown apart and never on a
 * bar, every figure linked to its sources, readable on a 390px phone. Screenshots: run with
 * SCREENSHOTS_DIR=docs/screenshots to refresh plan.png and plan-phone.png.
 */
describe('plan at a glance in Chromium', () => {
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

  async function apiPlan(): Promise<{ codes: string[]; figures: Map<string, Figure> }> {
    const [byAction, full] = await Promise.all([server.gql(ActionPlanByActionDocument), server.gql(ActionPlanFullDocument)]);
    expect(byAction.errors).toBeUndefined();
    expect(full.errors).toBeUndefined();
    const { targets, baselines } = full.data!.actionPlan;
    return { codes: byAction.data!.actionPlan.actions.map((a) => a.code), figures: new Map([...targets, ...baselines].map((f) => [f.key, f])) };
  }

  async function openPlan(page: Page): Promise<void> {
    await page.goto(`${server.origin}/explore/plan`);
    await page.locator('#plan section.action').first().waitFor();
  }

  /** The filled share of a target's bar, as drawn. */
  async function fillShare(page: Page, key: string): Promise<number | null> {
    const bar = page.locator(`li.target[data-key="${key}"] .bar`);
    const fill = bar.locator('.fill');
    if ((await fill.count()) === 0) return null;
    const [f, b] = [await fill.boundingBox(), await bar.boundingBox()];
    return (f?.width ?? 0) / b!.width;
  }

  /** An attribute of every element a locator matches, in document order. */
  const attrs = async (page: Page, selector: string, name: string) => Promise.all((await page.locator(selector).all()).map((l) => l.getAttribute(name)));

  it('shows the seven actions, a bar per target from evidence only, sample records apart, and links every figure to its sources', async () => {
    const { codes, figures } = await apiPlan();
    expect(codes).toHaveLength(7);
    const { page, blocked, consoleErrors } = await browser.open(server.origin);
    await openPlan(page);

    await expect(attrs(page, '#plan section.action', 'data-action')).resolves.toEqual(codes);
    await expect(page.locator('section.action[data-action="COMPUTE_INFRASTRUCTURE"] h2').innerText()).resolves.toContain('算力设施“强基”');

    const targets = [...figures.values()].filter((f) => f.kind === 'TARGET');
    expect(targets.length).toBeGreaterThan(0);
    await expect(page.locator('li.target').count()).resolves.toBe(targets.length);
    await expect(page.locator('li.baseline').count()).resolves.toBe(figures.size - targets.length);
    for (const t of targets) {
      const row = page.locator(`li.target[data-key="${t.key}"]`);
      // Each target sits under its own action, as a bar with the target marked and its year shown.
      await expect(page.locator(`section.action[data-action="${t.action}"] li.target[data-key="${t.key}"]`).count()).resolves.toBe(1);
      await expect(row.locator('.bar .goal').count()).resolves.toBe(1);
      await expect(row.locator('.figure-head .year').innerText()).resolves.toBe(`${t.year}年`);
      await expect(row.getAttribute('data-met')).resolves.toBe(String(t.met));
      if (t.current === null) {
        await expect(row.locator('.bar .fill').count()).resolves.toBe(0);
        await expect(row.locator('.current.unknown').innerText()).resolves.toContain(t.currentNote.slice(0, 10));
      } else {
        await expect(row.locator('.bar .fill').getAttribute('data-value')).resolves.toBe(String(t.current));
        const scale = Number(await row.locator('.bar').getAttribute('data-scale'));
        expect(await fillShare(page, t.key)).toBeCloseTo(t.current / scale, 2);
      }
      // Sample records are reported beside the bar, labelled, and never drawn on it.
      if (t.sampleRecords > 0) {
        await expect(row.locator('.apart').getAttribute('data-sample')).resolves.toBe(String(t.sampleRecords));
        await expect(row.locator('.apart .tag.sample').innerText()).resolves.toContain('示例');
      }
      // The range or lower bound as the plan words it.
      await expect(row.locator('.bar .goal').getAttribute('data-min')).resolves.toBe(String(t.min));
    }
    // On the shipped seeds no target is met, and the page shows none as met.
    expect(targets.filter((t) => t.met)).toEqual([]);
    await expect(page.locator('.met').count()).resolves.toBe(0);
    // Figures that only sample records would move stay at 0 (evidence), with their samples listed apart.
    const sampleOnly = targets.filter((t) => t.sampleRecords > 0 && t.current === 0);
    expect(sampleOnly.length).toBeGreaterThan(0);
    for (const t of sampleOnly) expect(await fillShare(page, t.key)).toBe(0);

    // The 2023 baseline is a reference line on the compute bars.
    await expect(page.locator('li.target[data-key="compute-2026"] .bar .ref[data-key="baseline-compute-2023"]').count()).resolves.toBe(1);

    // Every figure links to the documents the API cites for it.
    for (const f of figures.values()) {
      const hrefs = await attrs(page, `li.figure[data-key="${f.key}"] a.source`, 'href');
      const cited = new Set([...f.citations.map((c) => c.url), f.sourceUrl].filter((u): u is string => !!u));
      expect(cited.size).toBeGreaterThan(0);
      expect(new Set(hrefs)).toEqual(cited);
    }

    // The sample-records section is labelled and lists each figure that has sample records.
    const section = page.locator('#sample-records');
    await expect(section.locator('h2').innerText()).resolves.toMatch(/^示例记录（不计入进度）\s*Sample records \(not counted\)$/);
    const withSamples = [...figures.values()].filter((f) => f.sampleRecords > 0);
    const [listedKeys, listedCounts] = [await attrs(page, '#sample-records li', 'data-key'), await attrs(page, '#sample-records li', 'data-sample')];
    expect(listedKeys.map((k, i) => `${k}:${listedCounts[i]}`).sort()).toEqual(withSamples.map((f) => `${f.key}:${f.sampleRecords}`).sort());
    await expect(section.locator('li').count()).resolves.toBe(withSamples.length);
    for (const li of await section.locator('li').all()) await expect(li.locator('.tag.sample').innerText()).resolves.toContain('示例');

    // Reached from the other pages' navigation.
    await page.goto(`${server.origin}/explore/coverage`);
    await page.locator('nav a[href="/explore/plan"]').click();
    await page.locator('#plan section.action').first().waitFor();
    await screenshot(page, 'plan', true);
    expect(blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('is readable on a 390px phone: no horizontal scrolling, bars as wide as the screen allows', async () => {
    const { page, blocked, consoleErrors } = await browser.open(server.origin);
    await page.setViewportSize({ width: 390, height: 844 });
    await openPlan(page);
    const widths = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })')) as {
      scroll: number;
      client: number;
    };
    expect(widths.client).toBe(390);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const bar = await page.locator('li.target[data-key="compute-2026"] .bar').boundingBox();
    expect(bar!.x).toBeGreaterThanOrEqual(0);
    expect(bar!.x + bar!.width).toBeLessThanOrEqual(390);
    expect(bar!.width).toBeGreaterThan(250);
    await screenshot(page, 'plan-phone');
    expect(blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('sample records never make a target look met; evidence-based ones do', async () => {
    const key = 'national-open-platforms-2026';
    const insert = (kind: string, n: number) =>
      server.sql(
        `insert into innovation_platform (name_zh, kind, level, provenance_kind, provenance_source, provenance_verified_at)
         select 'plan-page test ' || $1 || g, 'NATIONAL_OPEN_INNOVATION_PLATFORM', 'NATIONAL', $1, 'test', current_date from generate_series(1, ${n}) g`,
        [kind],
      );
    const { page, consoleErrors } = await browser.open(server.origin);
    const row = page.locator(`li.target[data-key="${key}"]`);
    try {
      const before = (await apiPlan()).figures.get(key)!;
      // More sample records than the target's upper bound (3): still not met, still an empty bar.
      await insert('SAMPLE', 4);
      await openPlan(page);
      await expect(row.getAttribute('data-met')).resolves.toBe('false');
      await expect(row.locator('.met').count()).resolves.toBe(0);
      await expect(row.locator('.bar .fill').getAttribute('data-value')).resolves.toBe(String(before.current));
      expect(await fillShare(page, key)).toBeCloseTo(before.current! / Number(await row.locator('.bar').getAttribute('data-scale')), 2);
      await expect(row.locator('.apart').getAttribute('data-sample')).resolves.toBe(String(before.sampleRecords + 4));
      await expect(page.locator(`#sample-records li[data-key="${key}"]`).getAttribute('data-sample')).resolves.toBe(String(before.sampleRecords + 4));

      // Two cited platforms reach the range's lower bound: the page says so.
      await insert('PUBLIC_SOURCE', 2);
      await openPlan(page);
      await expect(row.getAttribute('data-met')).resolves.toBe('true');
      await expect(row.locator('.met').innerText()).resolves.toBe('已达成 Met');
      await expect(row.locator('.bar .fill').getAttribute('data-value')).resolves.toBe(String((before.current ?? 0) + 2));
      expect(consoleErrors).toEqual([]);
    } finally {
      await server.sql(`delete from innovation_platform where name_zh like 'plan-page test %'`);
      await page.close();
    }
  });
});

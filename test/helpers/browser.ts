import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); the tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '../artifacts');

export interface TestBrowser {
  /** A new tab whose requests may only go to `origin`; everything else is aborted and listed in `blocked`. */
  open(origin: string): Promise<{ page: Page; blocked: string[]; consoleErrors: string[] }>;
  close(): Promise<void>;
}

/** Starts headless Chromium on a fresh, empty profile, offline apart from the test server. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  const removeProfile = () => fs.rmSync(profile, { recursive: true, force: true });
  const context: BrowserContext = await chromium
    .launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
      viewport: { width: 1366, height: 860 },
      locale: 'zh-CN',
    })
    .catch((error: unknown) => {
      removeProfile();
      throw error;
    });
  return {
    async open(origin) {
      const page = await context.newPage();
      const blocked: string[] = [];
      const consoleErrors: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
        blocked.push(url);
        return route.abort('blockedbyclient');
      });
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        // "Failed to load resource" names no URL in its text: add where it came from.
        const where = msg.location().url;
        consoleErrors.push(where && !msg.text().includes(where) ? `${msg.text()} (${where})` : msg.text());
      });
      page.on('response', async (response) => {
        if (response.status() < 400 || !response.url().startsWith(`${origin}/`)) return;
        const sent = response.request().postData() ?? '';
        const answer = await response.text().catch(() => '');
        consoleErrors.push(
          `HTTP ${response.status()} ${response.request().method()} ${response.url()} sent ${sent.slice(0, 300)} answered ${answer.slice(0, 300)}`,
        );
      });
      page.on('pageerror', (err) => consoleErrors.push(String(err)));
      return { page, blocked, consoleErrors };
    },
    async close() {
      await context.close();
      removeProfile();
    },
  };
}

/** Saves a screenshot under test/artifacts/ (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  if (process.env.SCREENSHOTS_DIR) {
    fs.mkdirSync(process.env.SCREENSHOTS_DIR, { recursive: true });
    fs.copyFileSync(file, path.join(process.env.SCREENSHOTS_DIR, `${name}.png`));
  }
  return file;
}

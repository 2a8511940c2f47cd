import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { announceSkip } from '../helpers/skip-notice.js';

/** Debian's Chromium; `.ci/run` installs it with apt-get when it is missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const chromiumMissing = !existsSync(CHROMIUM_PATH);
if (chromiumMissing) {
  announceSkip(`Browser journeys skipped: no Chromium at ${CHROMIUM_PATH} (install it with: apt-get install -y chromium).`);
}

export const ARTIFACTS_DIR = join('test', 'artifacts', 'browser');

// Playwright's launch() gives every browser a fresh temporary user-data dir, which it deletes on close.
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors the console should never produce. */
  problems: string[];
  /** Saves a screenshot of what the page shows now, as test/artifacts/browser/<name>.png. */
  snap(name: string): Promise<void>;
}

// Restoring a session on page load calls POST /auth/refresh; without a cookie the server refuses it
// (401 auth.token_invalid; web/README.md says 400), the console expects that, and Chromium logs
// every non-2xx response as a console error.
const isExpectedRefreshMiss = (message: ConsoleMessage) =>
  message.location().url.endsWith('/api/v1/auth/refresh') && /status of 40[01]/.test(message.text());

export const DESKTOP = { width: 1280, height: 800 };
/** An iPhone 14's viewport in CSS pixels: the narrowest screen the console promises to fit. */
export const PHONE = { width: 390, height: 844 };

/** A new browser context (its own cookies, storage and permissions) with one page on the console. */
export async function openConsole(browser: Browser, origin: string, viewport = DESKTOP): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'en-US', timezoneId: 'UTC' });
  context.setDefaultTimeout(10_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !isExpectedRefreshMiss(message)) problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return {
    context,
    page,
    problems,
    snap: async (name) => {
      await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) });
    },
  };
}

import type { Browser } from 'playwright-core';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { startTestApp, type TestApp, type TestAppOptions } from '../helpers/app.js';
import { DESKTOP, launchChromium, openConsole, type ConsolePage } from './chromium.js';

export interface Journeys {
  /** The running service (set once the suite's beforeAll has run). */
  readonly app: TestApp;
  /** A new browser context on the console, closed after the test. */
  open(viewport?: { width: number; height: number }): Promise<ConsolePage>;
}

/**
 * The lifecycle every browser suite shares, registered in the calling describe: the built console
 * on a fresh service, one Chromium, and each test's browser contexts closed after it.
 * `setup` runs once the service is up (the accounts a suite needs before its journeys);
 * `service` says how to start it (an OAuth issuer that names its port, say).
 */
export function consoleJourneys(setup: (app: TestApp) => Promise<unknown> = async () => undefined, service: () => Promise<TestAppOptions> = async () => ({})): Journeys {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const opened: ConsolePage[] = [];
  beforeAll(async () => {
    buildIfStale();
    app = await startTestApp(await service());
    browser = await launchChromium();
    await setup(app);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    for (const { context } of opened.splice(0)) await context.close();
  });
  return {
    get app() {
      if (!app) throw new Error('consoleJourneys: the service is not started yet');
      return app;
    },
    async open(viewport = DESKTOP) {
      if (!app || !browser) throw new Error('consoleJourneys: the service is not started yet');
      const consolePage = await openConsole(browser, app.url, viewport);
      opened.push(consolePage);
      return consolePage;
    },
  };
}

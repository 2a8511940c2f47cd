import type { Browser } from 'playwright-core';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { totpCode } from '../../src/auth/two-factor/totp.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { register } from '../helpers/factories.js';
import { chromiumMissing, launchChromium, openConsole, type ConsolePage } from './chromium.js';
import { heading, registerThroughUi, signInThroughUi } from './console-ui.js';

const PASSWORD = 'correct horse battery';

let app: TestApp;
let browser: Browser;
const opened: ConsolePage[] = [];

(chromiumMissing ? describe.skip : describe)('account security in the web console, in Chromium', () => {
  beforeAll(async () => {
    buildIfStale();
    app = await startTestApp();
    browser = await launchChromium();
    await register(app.api, { email: 'root@acme.test', password: PASSWORD }); // the instance admin, not part of the journey
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    for (const { context } of opened.splice(0)) await context.close();
  });

  it('turns two-factor on by reading the secret, then signs in with a code and with a recovery code', async () => {
    const consolePage = await openConsole(browser, app.url);
    opened.push(consolePage);
    const { page, snap, problems } = consolePage;
    const who = { email: 'tess@acme.test', password: PASSWORD };
    await page.goto(`${app.url}/register`);
    await registerThroughUi(page, who);
    await heading(page, 'API keys').waitFor();

    await page.getByRole('link', { name: 'Account' }).click();
    const section = page.getByTestId('two-factor-section');
    await section.getByRole('button', { name: 'Turn on' }).click();
    await page.getByTestId('two-factor-qr').waitFor();
    const secret = (await page.getByTestId('two-factor-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await snap('two-factor-setup');
    await page.getByLabel('Code from the app').fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    const codes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts();
    expect(codes).toHaveLength(10);
    await snap('recovery-codes');
    await page.getByRole('button', { name: 'I have saved them' }).click();

    // Signing in now takes a code; the enabling code's step is spent, so the app's next one is used.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${app.url}/signin`);
    await signInThroughUi(page, who);
    await page.getByLabel('Authentication code').fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, 'API keys').waitFor();

    // And once more with a recovery code instead.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${app.url}/signin`);
    await signInThroughUi(page, who);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(codes[0].trim());
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, 'API keys').waitFor();
    await snap('signed-in-with-recovery-code');
    expect(problems).toEqual([]);
  }, 90_000);
});

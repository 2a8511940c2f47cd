import type { Browser } from 'playwright-core';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { totpCode } from '../../src/auth/two-factor/totp.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { eventually, register } from '../helpers/factories.js';
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
    const listed = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await listed.first().waitFor(); // shown once the server has confirmed the code
    const codes = await listed.allInnerTexts();
    expect(codes).toHaveLength(10);
    await snap('recovery-codes');
    await page.getByRole('button', { name: 'I have saved them' }).click();

    // Signing in now takes a code; the enabling code's step is spent, so the app's next one is used.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor(); // signed out for sure
    await signInThroughUi(page, who);
    await page.getByLabel('Authentication code').fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, 'API keys').waitFor();

    // And once more with a recovery code instead.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor(); // signed out for sure
    await signInThroughUi(page, who);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(codes[0].trim());
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, 'API keys').waitFor();
    await snap('signed-in-with-recovery-code');
    expect(problems).toEqual([]);
  }, 90_000);

  it('ends another browser’s session from the sessions page, then changes the password', async () => {
    const who = { email: 'sam@acme.test', password: PASSWORD };
    const [laptop, phone] = [await openConsole(browser, app.url), await openConsole(browser, app.url)];
    opened.push(laptop, phone);
    await laptop.page.goto(`${app.url}/register`);
    await registerThroughUi(laptop.page, who);
    await heading(laptop.page, 'API keys').waitFor();
    await phone.page.goto(`${app.url}/signin`);
    await signInThroughUi(phone.page, who);
    await heading(phone.page, 'API keys').waitFor();

    // The laptop sees two sessions, its own marked, and ends the other; the phone is signed out.
    await laptop.page.getByRole('link', { name: 'Account' }).click();
    const sessions = laptop.page.getByTestId('sessions-table');
    await sessions.getByText('this session').waitFor();
    // Two sign-ins: this one, and the phone's, the only one with an End button.
    expect(await sessions.locator('tr[data-session-id]').count()).toBe(2);
    await laptop.page.getByRole('button', { name: /^End session on / }).click();
    await eventually(async () => expect(await sessions.locator('tr[data-session-id]').count()).toBe(1));
    await laptop.snap('session-ended');
    await phone.page.reload();
    await phone.page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();

    // A new password: the old one no longer signs in, the new one does.
    await laptop.page.getByLabel('Current password').fill(PASSWORD);
    await laptop.page.getByLabel('New password', { exact: true }).fill('a fresh passphrase');
    await laptop.page.getByLabel('Repeat the new password').fill('a fresh passphrase');
    await laptop.page.getByRole('button', { name: 'Change password' }).click();
    await laptop.page.getByText('Password changed. Your other sessions have ended.').waitFor();
    expect((await app.api.post('/auth/login', who)).body.code).toBe('auth.invalid_credentials');
    await signInThroughUi(phone.page, { email: who.email, password: 'a fresh passphrase' });
    await heading(phone.page, 'API keys').waitFor();
    expect(laptop.problems).toEqual([]);
  }, 90_000);
});

import { totpCode } from '../../src/auth/two-factor/totp.js';
import { eventually, register } from '../helpers/factories.js';
import { chromiumMissing } from './chromium.js';
import { consoleJourneys } from './journey.js';
import { heading, registerThroughUi, signInThroughUi, turnOnTwoFactorThroughUi } from './console-ui.js';

const PASSWORD = 'correct horse battery';

(chromiumMissing ? describe.skip : describe)('account security in the web console, in Chromium', () => {
  // The instance admin, not part of the journeys.
  const journeys = consoleJourneys((app) => register(app.api, { email: 'root@acme.test', password: PASSWORD }));
  const { open } = journeys;

  it('turns two-factor on by reading the secret, then signs in with a code and with a recovery code', async () => {
    const { page, snap, problems } = await open();
    const who = { email: 'tess@acme.test', password: PASSWORD };
    await page.goto(`${journeys.app.url}/register`);
    await registerThroughUi(page, who);
    await heading(page, 'API keys').waitFor();

    await page.getByRole('link', { name: 'Account' }).click();
    const { secret, recoveryCodes: codes } = await turnOnTwoFactorThroughUi(page, snap);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(codes).toHaveLength(10);

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
    await page.getByLabel('Recovery code').fill(codes[0]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, 'API keys').waitFor();
    await snap('signed-in-with-recovery-code');
    expect(problems).toEqual([]);
  }, 90_000);

  it('ends another browser’s session from the sessions page, then changes the password', async () => {
    const who = { email: 'sam@acme.test', password: PASSWORD };
    const [laptop, phone] = [await open(), await open()];
    await laptop.page.goto(`${journeys.app.url}/register`);
    await registerThroughUi(laptop.page, who);
    await heading(laptop.page, 'API keys').waitFor();
    await phone.page.goto(`${journeys.app.url}/signin`);
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
    expect((await journeys.app.api.post('/auth/login', who)).body.code).toBe('auth.invalid_credentials');
    await signInThroughUi(phone.page, { email: who.email, password: 'a fresh passphrase' });
    await heading(phone.page, 'API keys').waitFor();
    expect(laptop.problems).toEqual([]);
  }, 90_000);
});

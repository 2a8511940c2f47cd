import { register } from '../helpers/factories.js';
import { chromiumMissing } from './chromium.js';
import { closeOneTimeKeyDialog, copyKey, heading, KEY_REGEX, registerThroughUi, reloadUntil, waitForText } from './console-ui.js';
import { consoleJourneys } from './journey.js';

const PASSWORD = 'correct horse battery';

(chromiumMissing ? describe.skip : describe)('credits in the web console, in Chromium', () => {
  // The instance admin, not part of the journey.
  const journeys = consoleJourneys((app) => register(app.api, { email: 'root@acme.test', password: PASSWORD }));
  const { open } = journeys;

  it('creates a key with 3 credits, sees them spent after 3 uses, adds 5 and the key works again', async () => {
    const { page, snap, problems } = await open();
    const { app } = journeys;
    await page.goto(`${app.url}/register`);
    await registerThroughUi(page, { name: 'Mia Metered', email: 'mia@acme.test', password: PASSWORD });
    await heading(page, 'API keys').waitFor();

    // Create a key that counts its uses down from 3.
    await page.getByRole('button', { name: 'Create API key' }).click();
    const form = page.getByRole('dialog', { name: 'Create API key' });
    await form.getByLabel('Name', { exact: true }).fill('Metered reader');
    await form.getByRole('checkbox', { name: 'contents:read', exact: true }).check();
    await form.getByRole('checkbox', { name: 'Count this key’s uses with credits' }).check();
    await form.getByLabel('Credits remaining').fill('3');
    await snap('create-key-with-credits');
    const response = page.waitForResponse((r) => r.url().endsWith('/api-keys') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Create key' }).click();
    const created = await (await response).json();
    expect(created.credits).toEqual({ remaining: 3, refill: null });
    const key = await copyKey(page, page.getByTestId('one-time-key-dialog'));
    expect(key).toMatch(KEY_REGEX);
    await closeOneTimeKeyDialog(page);

    // Three uses spend the three credits; the fourth is refused.
    const remainingAfterEachUse: Array<string | null> = [];
    for (let use = 0; use < 3; use++) {
      const used = await app.api.get('/contents', { apiKey: key });
      expect(used.status).toBe(200);
      remainingAfterEachUse.push(used.headers.get('x-credits-remaining'));
    }
    expect(remainingAfterEachUse).toEqual(['2', '1', '0']);
    const refused = await app.api.get('/contents', { apiKey: key });
    expect([refused.status, refused.body.code]).toEqual([429, 'credits.exhausted']);

    // The key page shows 0 left once the spending is written back (within a second or so).
    await page.getByRole('link', { name: 'Metered reader' }).click();
    await heading(page, 'Metered reader').waitFor();
    const remaining = page.getByTestId('credits-remaining');
    await reloadUntil(page, async () => {
      expect(await remaining.textContent()).toBe('0');
      expect(await page.getByTestId('usage-totals').innerText()).toMatch(/Credits used\s+3/);
    });
    expect(await page.getByTestId('key-limits').innerText()).toContain('No named limits');
    await snap('key-credits-spent');

    // Add 5 credits from the key page: the page shows what the server says is left.
    await page.getByRole('group', { name: 'Credit actions' }).getByRole('button', { name: 'Add credits…' }).click();
    const add = page.getByRole('dialog', { name: 'Add credits to Metered reader' });
    await add.getByLabel('Credits to add').fill('5');
    const patched = page.waitForResponse((r) => r.url().endsWith(`/api-keys/${created.id}`) && r.request().method() === 'PATCH');
    await add.getByRole('button', { name: 'Add credits' }).click();
    expect((await patched).request().postDataJSON()).toEqual({ credits: { increment: 5 } });
    await add.waitFor({ state: 'detached' });
    await waitForText(remaining, '5');
    await snap('key-credits-added');

    // The key works again, one credit down.
    const again = await app.api.get('/contents', { apiKey: key });
    expect([again.status, again.headers.get('x-credits-remaining')]).toEqual([200, '4']);
    expect(problems).toEqual([]);
  });
});

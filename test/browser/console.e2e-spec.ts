import type { TestApp } from '../helpers/app.js';
import { awaitAuditEvents } from '../helpers/audit.js';
import { register, type Session } from '../helpers/factories.js';
import { chromiumMissing, PHONE } from './chromium.js';
import {
  closeOneTimeKeyDialog,
  copyKey,
  download,
  expectNoSidewaysScroll,
  expectUsageChartDrawn,
  heading,
  KEY_REGEX,
  keyRow,
  mainNav,
  navLabels,
  pageSecrets,
  refreshCookies,
  registerThroughUi,
  reloadUntil,
  signInThroughUi,
  waitForText,
} from './console-ui.js';
import { consoleJourneys } from './journey.js';
import { keyActivityOfAnotherUser, seedOtherKeys } from './seed.js';

const PASSWORD = 'correct horse battery';
const SIGN_IN = 'Sign in to the Developer Center';
const CSV_HEADER = 'id,occurredAt,type,severity,userId,apiKeyId,keyPrefix,ip,userAgent,method,path,statusCode,details,workspaceId';
/** An NDJSON line: the event, and what recomputing its hash offline needs (API.md §13). */
const EVENT_FIELDS = [
  'apiKeyId', 'canonicalVersion', 'chainId', 'details', 'hash', 'id', 'ip', 'keyPrefix', 'method', 'occurredAt', 'path', 'prevHash', 'seq', 'severity',
  'statusCode', 'type', 'userAgent', 'userId', 'workspaceId',
];

let app: TestApp;
let admin: Session;

(chromiumMissing ? describe.skip : describe)('the web console in Chromium', () => {
  const { open } = consoleJourneys(async (started) => {
    app = started;
    // The first account is the instance admin; the accounts the journeys register after it have no instance role.
    admin = await register(app.api, { email: 'ada.admin@acme.test', name: 'Ada Admin', password: PASSWORD });
  });

  it('takes a key from creation to revocation: shown once and copied, used, rotated, revoked, all in the audit log', async () => {
    const { page, snap, problems } = await open();
    const dana = { name: 'Dana Developer', email: 'dana@acme.test', password: PASSWORD };
    await page.goto(`${app.url}/register`);
    await snap('register');
    await registerThroughUi(page, dana);
    await heading(page, 'API keys').waitFor();
    expect(new URL(page.url()).pathname).toBe('/keys');
    await seedOtherKeys(app, dana);
    await page.reload();
    await page.getByRole('link', { name: 'Billing worker' }).waitFor();

    // Create, through the dialog, a key narrowed to reading contents from two networks (in Dana's personal workspace).
    await page.getByRole('button', { name: 'Create API key' }).click();
    const form = page.getByRole('dialog', { name: 'Create API key' });
    await form.getByLabel('Name', { exact: true }).fill('CI deploy');
    await form.getByLabel('Description (optional)').fill('Publishes release notes from GitHub Actions');
    await form.getByRole('checkbox', { name: 'contents:read', exact: true }).check();
    await form.getByLabel('Expires').selectOption('90');
    await form.getByLabel('Rate limit (requests per hour)').fill('600');
    await form.getByLabel('IP allowlist (optional)').fill('127.0.0.1\n10.0.0.0/8');
    await form.getByLabel('Metadata (optional JSON object)').fill('{"team": "platform"}');
    await snap('create-key-dialog');
    const createResponse = page.waitForResponse((r) => r.url().endsWith('/api-keys') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Create key' }).click();
    const created = await (await createResponse).json();
    expect(created.status).toBe('active');

    // Shown once: in the dialog, and on the clipboard after "Copy key".
    const oneTime = page.getByTestId('one-time-key-dialog');
    await oneTime.getByText('It will not be shown again.').waitFor();
    const shown = await page.getByTestId('one-time-key').inputValue();
    expect(shown).toMatch(KEY_REGEX);
    expect(shown.startsWith(`${created.keyPrefix}_`)).toBe(true);
    const copied = await copyKey(page, oneTime);
    expect(copied).toBe(shown);
    await oneTime.getByRole('button', { name: 'Copy command' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(`curl -H "x-api-key: ${shown}" ${app.url}/api/v1/auth/me`);
    await snap('one-time-key-dialog');
    await closeOneTimeKeyDialog(page);
    const row = keyRow(page, created.id);
    await waitForText(row.locator('td[data-label="Status"]'), 'active');
    expect(await pageSecrets(page)).not.toContain(shown);
    await page.reload();
    await waitForText(row.locator('td[data-label="Key"]'), created.keyPrefix);
    expect(await pageSecrets(page)).not.toContain(shown);

    // The copied key works from outside the browser: two reads, and one write its scopes refuse.
    expect((await app.api.get('/contents', { apiKey: copied })).status).toBe(200);
    expect((await app.api.get('/contents', { apiKey: copied })).status).toBe(200);
    expect((await app.api.post('/contents', { title: 'Release 1.4' }, { apiKey: copied })).body.code).toBe('permission.denied');

    // Usage is written in batches, every second: reload until the list shows the use.
    const lastUsed = row.locator('td[data-label="Last used"]');
    await reloadUntil(page, async () => expect(await lastUsed.textContent()).toBe('just now'));
    expect(await lastUsed.locator('span').getAttribute('title')).toMatch(/ from 127\.0\.0\.1$/);
    await snap('keys-list');

    // The detail page: settings as created, usage totals, and the chart's data.
    await row.getByRole('link', { name: 'CI deploy' }).click();
    await heading(page, 'CI deploy').waitFor();
    const settings = await page.getByTestId('key-settings').innerText();
    for (const expected of ['contents:read', '600 requests per hour', '127.0.0.1, 10.0.0.0/8', '"team": "platform"']) expect(settings).toContain(expected);
    const totals = page.getByTestId('usage-totals');
    await reloadUntil(page, async () => expect(await totals.innerText()).toMatch(/Requests\s+3\s+Denied\s+1\s+Rate-limited\s+0/));
    await snap('key-detail');
    await expectUsageChartDrawn(page, { requests: 3, denied: 1 });

    // Rotate from the list's row menu, keeping the old key for an hour.
    await page.getByRole('link', { name: '← API keys' }).click();
    await row.getByRole('button', { name: 'Actions for CI deploy' }).click();
    await page.getByRole('button', { name: 'Rotate…' }).click();
    const rotate = page.getByRole('dialog', { name: 'Rotate CI deploy' });
    await rotate.getByRole('radio', { name: /^In 1 hour/ }).check();
    await snap('rotate-dialog');
    const rotateResponse = page.waitForResponse((r) => r.url().endsWith(`/api-keys/${created.id}/rotate`));
    await rotate.getByRole('button', { name: 'Rotate key' }).click();
    const rotated = await (await rotateResponse).json();
    const rotatedDialog = page.getByRole('dialog', { name: 'Key rotated: here is the new key' });
    const newKey = await copyKey(page, rotatedDialog);
    expect(newKey).toMatch(KEY_REGEX);
    expect(newKey).not.toBe(shown);
    expect(newKey.startsWith(`${rotated.keyPrefix}_`)).toBe(true);
    await closeOneTimeKeyDialog(page);
    await waitForText(keyRow(page, rotated.id).locator('td[data-label="Status"]'), 'active');
    expect(await pageSecrets(page)).not.toContain(newKey);
    expect((await app.api.get('/contents', { apiKey: newKey })).status).toBe(200);
    expect((await app.api.get('/contents', { apiKey: shown })).status).toBe(200);

    // Revoke the new key from its detail page: it stops working at once.
    await keyRow(page, rotated.id).getByRole('link', { name: 'CI deploy' }).click();
    await heading(page, 'CI deploy').waitFor();
    await page.getByRole('group', { name: 'Key actions' }).getByRole('button', { name: 'Revoke…' }).click();
    const revoke = page.getByRole('dialog', { name: 'Revoke key' });
    expect(await revoke.innerText()).toContain(`Revoke CI deploy (${rotated.keyPrefix})?`);
    await snap('revoke-dialog');
    await revoke.getByRole('button', { name: 'Revoke key' }).click();
    await page.locator('.notices').getByText('CI deploy revoked.').waitFor();
    await waitForText(heading(page, 'CI deploy').locator('.badge'), 'revoked');
    expect((await app.api.get('/contents', { apiKey: newKey })).body.code).toBe('api_key.revoked');

    // The audit log shows the key's whole life, the revoked key's use standing out.
    await mainNav(page).getByRole('link', { name: 'Audit log' }).click();
    await heading(page, 'Audit log').waitFor();
    const table = page.getByTestId('audit-table');
    const eventRow = (type: string, keyPrefix?: string) => {
      const rows = table.locator('tbody tr').filter({ has: page.getByRole('button', { name: `Details of ${type} event` }) });
      return keyPrefix ? rows.filter({ has: page.locator('td[data-label="Key"]', { hasText: keyPrefix }) }) : rows;
    };
    await reloadUntil(page, async () => {
      await table.waitFor();
      const counts = await Promise.all(
        [eventRow('api_key.created', created.keyPrefix), eventRow('api_key.used', created.keyPrefix), eventRow('api_key.rotated'), eventRow('api_key.revoked', rotated.keyPrefix), eventRow('suspicious.revoked_key_used', rotated.keyPrefix)].map((r) => r.count()),
      );
      expect(counts).toEqual([1, 4, 1, 1, 1]);
    });
    expect(await eventRow('suspicious.revoked_key_used').getAttribute('class')).toContain('severity-row--suspicious');
    await snap('audit-log');
    await eventRow('api_key.revoked').getByRole('button').click();
    const drawer = page.getByTestId('audit-event-drawer');
    await waitForText(drawer.getByRole('heading', { level: 2 }), 'api_key.revoked');
    expect(await drawer.innerText()).toContain(rotated.keyPrefix);
    await snap('audit-event-drawer');
    expect(await pageSecrets(page)).not.toMatch(new RegExp(`${shown}|${newKey}`));
    expect(problems).toEqual([]);
  }, 60_000);

  it('lets an instance auditor sign in, switch to every workspace, export the log as NDJSON and CSV, and verify every chain', async () => {
    const activity = await keyActivityOfAnotherUser(app, PASSWORD);
    const alex = { email: 'alex.auditor@acme.test', password: PASSWORD };
    const auditor = await register(app.api, { ...alex, name: 'Alex Auditor' });
    const promoted = await app.api.patch(`/users/${auditor.user.id}`, { roles: ['auditor'] }, { token: admin.accessToken });
    expect(promoted.status).toBe(200);

    const { page, snap, problems } = await open();
    await page.goto(`${app.url}/audit`);
    await heading(page, SIGN_IN).waitFor();
    await snap('sign-in');
    await signInThroughUi(page, alex);
    await heading(page, 'Audit log').waitFor();
    expect(new URL(page.url()).pathname).toBe('/audit');
    // Another user's key, in that user's workspace: an instance auditor reads every workspace's events once switched to them.
    const othersEvents = page.getByTestId('audit-table').locator('tbody tr').filter({ hasText: activity.keyPrefix });
    await page.getByText('Every event in your personal workspace, newest first.').waitFor();
    await page.getByRole('checkbox', { name: 'All workspaces' }).check();
    await othersEvents.getByRole('button', { name: 'Details of suspicious.revoked_key_used event' }).waitFor();
    expect(new URL(page.url()).search).toBe('?all=true');
    expect(await othersEvents.first().locator('td[data-label="Workspace"]').innerText()).toMatch(/^[0-9a-f]{8}$/);
    await snap('audit-log-auditor');

    const ndjson = await download(page, 'Export NDJSON');
    expect(ndjson.filename).toMatch(/^keyward-audit-.+\.ndjson$/);
    const events = ndjson.text.trimEnd().split('\n').map((line) => JSON.parse(line));
    for (const event of events) expect(Object.keys(event).sort()).toEqual(EVENT_FIELDS);
    const typesOfTheKey = events.filter((event) => event.apiKeyId === activity.keyId).map((event) => event.type);
    expect(new Set(typesOfTheKey)).toEqual(new Set(['api_key.created', 'api_key.used', 'api_key.revoked', 'api_key.auth_failed', 'suspicious.revoked_key_used']));

    const csv = await download(page, 'Export CSV');
    expect(csv.filename).toMatch(/^keyward-audit-.+\.csv$/);
    const [header, ...rows] = csv.text.trimEnd().split('\r\n');
    expect(header).toBe(CSV_HEADER);
    expect(rows.filter((line) => line.includes(activity.keyId) && line.includes(',api_key.revoked,'))).toHaveLength(1);

    await page.getByRole('button', { name: 'Verify integrity' }).click();
    const verified = page.getByTestId('verify-result');
    await waitForText(verified, /^All [\d,]+ audit chains intact: [\d,]+ events checked\.$/);
    expect(Number(/([\d,]+) events checked/.exec(await verified.innerText())![1].replace(/,/g, ''))).toBeGreaterThanOrEqual(events.length);
    await snap('audit-verified');
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows someone without instance roles no admin pages, where the instance admin has Users and Roles', async () => {
    const mo = { email: 'mo.member@acme.test', password: PASSWORD };
    await register(app.api, { ...mo, name: 'Mo Member' });
    const { page, snap, problems } = await open();

    await page.goto(`${app.url}/signin`);
    await signInThroughUi(page, { email: admin.user.email, password: PASSWORD });
    await heading(page, 'API keys').waitFor();
    // OAuth apps follows the current workspace (shown once the list is in): its owner holds apps:read there.
    await mainNav(page).getByRole('link', { name: 'OAuth apps' }).waitFor();
    expect(await navLabels(page)).toEqual(['API keys', 'Audit log', 'Members', 'OAuth apps', 'Users', 'Roles']);
    await mainNav(page).getByRole('link', { name: 'Users' }).click();
    await page.getByTestId('users-table').getByText(mo.email).waitFor();
    await snap('admin-users');
    await mainNav(page).getByRole('link', { name: 'Roles' }).click();
    await page.getByTestId('roles-table').getByRole('button', { name: 'Edit role auditor' }).waitFor();
    await snap('admin-roles');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, SIGN_IN).waitFor();

    await signInThroughUi(page, mo);
    await heading(page, 'API keys').waitFor();
    await mainNav(page).getByRole('link', { name: 'OAuth apps' }).waitFor(); // he owns his personal workspace
    expect(await navLabels(page)).toEqual(['API keys', 'Audit log', 'Members', 'OAuth apps']);
    for (const [path, permission] of [['/admin/users', 'users:read'], ['/admin/roles', 'roles:read']]) {
      await page.goto(`${app.url}${path}`);
      await heading(page, 'Not available').waitFor();
      expect(await page.getByRole('main').innerText()).toContain(`This page needs the ${permission} permission`);
      expect(await page.getByTestId('users-table').count()).toBe(0);
      expect(await page.getByTestId('roles-table').count()).toBe(0);
      expect(await page.getByText(admin.user.email).count()).toBe(0);
    }
    await snap('member-admin-not-available');
    expect(problems).toEqual([]);
  }, 60_000);

  it('fits a phone: the keys and audit pages scroll no wider than a 390-pixel screen', async () => {
    const pat = { email: 'pat.phone@acme.test', password: PASSWORD };
    const { user } = await register(app.api, { ...pat, name: 'Pat Phone' });
    await seedOtherKeys(app, pat);
    // The seeded key use is written in a batch; wait for it so the audit page has its full rows.
    await awaitAuditEvents(app, 'api_key.used', { userId: user.id });
    const { page, snap, problems } = await open(PHONE);
    await page.goto(`${app.url}/signin`);
    expect(await page.evaluate('window.innerWidth')).toBe(PHONE.width);
    await expectNoSidewaysScroll(page);
    await signInThroughUi(page, pat);
    await heading(page, 'API keys').waitFor();
    await page.getByRole('link', { name: 'Billing worker' }).waitFor();
    await expectNoSidewaysScroll(page);
    await snap('phone-keys');

    await mainNav(page).getByRole('link', { name: 'Audit log' }).click();
    await heading(page, 'Audit log').waitFor();
    await page.getByTestId('audit-table').getByRole('button', { name: 'Details of api_key.used event' }).waitFor();
    await expectNoSidewaysScroll(page);
    await snap('phone-audit');
    // The filters start folded on a phone; opened, they still fit.
    expect(await page.getByLabel('Event type').isVisible()).toBe(false);
    await page.locator('summary', { hasText: 'Filters' }).click();
    await page.getByLabel('Event type').waitFor();
    await expectNoSidewaysScroll(page);
    await snap('phone-audit-filters');
    expect(problems).toEqual([]);
  }, 60_000);

  it('stays signed out after a reload once signed out, with no kw_refresh cookie left', async () => {
    const sid = { email: 'sid.signout@acme.test', password: PASSWORD };
    await register(app.api, { ...sid, name: 'Sid' });
    const { page, context, snap, problems } = await open();
    await page.goto(`${app.url}/signin`);
    await signInThroughUi(page, sid);
    await heading(page, 'API keys').waitFor();
    expect(await refreshCookies(context)).toEqual(['/api/v1/auth']);
    // While signed in, a reload restores the session from the cookie: the check below means something.
    await page.reload();
    await heading(page, 'API keys').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, SIGN_IN).waitFor();
    expect(await refreshCookies(context)).toEqual([]);

    const restore = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
    await page.reload();
    expect((await restore).status()).toBe(401);
    await heading(page, SIGN_IN).waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.goto(`${app.url}/keys`);
    await heading(page, SIGN_IN).waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(await refreshCookies(context)).toEqual([]);
    await snap('signed-out-after-reload');
    expect(problems).toEqual([]);
  }, 60_000);
});

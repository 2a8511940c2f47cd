import { readFile } from 'node:fs/promises';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { totpCode } from '../../src/auth/two-factor/totp.js';
import { eventually } from '../helpers/factories.js';

/** Page actions in the words of web/README.md's selector table: roles and labels first. */

export const KEY_REGEX = /^kw_[0-9a-f]{8}_[0-9a-f]{32}[0-9A-Za-z]{6}$/;

export interface Credentials {
  email: string;
  password: string;
  name?: string;
}

export async function registerThroughUi(page: Page, who: Credentials): Promise<void> {
  if (who.name) await page.getByLabel('Name (optional)').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function signInThroughUi(page: Page, who: Credentials): Promise<void> {
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

export const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

export async function navLabels(page: Page): Promise<string[]> {
  await mainNav(page).getByRole('link').first().waitFor();
  return mainNav(page).getByRole('link').allTextContents();
}

/**
 * On the account page: turns two-factor sign-in on the way someone with an authenticator app
 * would, by reading the secret beside the QR code and answering with the app's current code, then
 * puts the recovery codes away. `snap` is told when the setup and then the codes are on screen.
 */
export async function turnOnTwoFactorThroughUi(page: Page, snap: (name: string) => Promise<void> = async () => undefined): Promise<{ secret: string; recoveryCodes: string[] }> {
  const section = page.getByTestId('two-factor-section');
  await section.getByRole('button', { name: 'Turn on' }).click();
  await page.getByTestId('two-factor-qr').waitFor();
  const secret = (await page.getByTestId('two-factor-secret').innerText()).replace(/\s/g, '');
  await snap('two-factor-setup');
  await page.getByLabel('Code from the app').fill(totpCode(secret, Date.now()));
  await page.getByRole('button', { name: 'Confirm and turn on' }).click();
  const listed = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await listed.first().waitFor(); // shown once the server has confirmed the code
  const recoveryCodes = (await listed.allInnerTexts()).map((code) => code.trim());
  await snap('recovery-codes');
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await section.getByText(/^Two-factor sign-in is on/).waitFor();
  return { secret, recoveryCodes };
}

const switcherSelect = (page: Page) => page.getByTestId('workspace-switcher').getByLabel('Workspace');

/** Waits until the workspace switcher shows `label` as the current workspace (an option is never "visible"). */
export async function switcherShows(page: Page, label: string): Promise<void> {
  const select = switcherSelect(page);
  await eventually(async () => expect(await select.evaluate((element) => (element as unknown as { selectedOptions: Array<{ textContent: string | null }> }).selectedOptions[0]?.textContent?.trim())).toBe(label));
}

/** The switcher's options as listed, e.g. `['Personal', 'Acme Team (member)']`. */
export async function switcherOptions(page: Page): Promise<string[]> {
  return (await switcherSelect(page).locator('option').allTextContents()).map((label) => label.trim());
}

/** Picks a workspace in the switcher by its label; the page shown reloads for it. */
export async function switchWorkspace(page: Page, label: string): Promise<void> {
  await switcherSelect(page).selectOption({ label });
  await switcherShows(page, label);
}

/** Creates a shared workspace from the switcher; it becomes the current one, with me as its owner. */
export async function createWorkspaceThroughUi(page: Page, name: string): Promise<void> {
  await page.getByTestId('workspace-switcher').getByRole('button', { name: 'Create workspace' }).click();
  const create = page.getByRole('dialog', { name: 'Create workspace' });
  await create.getByLabel('Name').fill(name);
  await create.getByRole('button', { name: 'Create workspace' }).click();
  await switcherShows(page, `${name} (owner)`);
}

/**
 * On the members page of `workspace`: invites `email` as `role` and returns the link, which is
 * shown once; its dialog stays open (close it with Done).
 */
export async function createInvitationThroughUi(page: Page, workspace: string, invitee: { email: string; role: string }): Promise<string> {
  await page.getByRole('button', { name: 'Invite' }).click();
  const invite = page.getByRole('dialog', { name: `Invite to ${workspace}` });
  await invite.getByLabel('Email').fill(invitee.email);
  await invite.getByLabel('Role').selectOption(invitee.role);
  await invite.getByRole('button', { name: 'Create invitation' }).click();
  return page.getByTestId('invitation-link').inputValue();
}

/**
 * A signed-out invitee opens the invitation link, signs in as the page asks, and has joined
 * `workspace`, which is then the current one.
 */
export async function acceptInvitationThroughUi(page: Page, link: string, who: Credentials, workspace: string): Promise<void> {
  await page.goto(link);
  await page.getByTestId('invitation-notice').waitFor();
  await signInThroughUi(page, who);
  await heading(page, `You joined ${workspace}`).waitFor();
}

/** On the members page: gives the member with `email` the workspace role `role`, and waits until the list shows it. */
export async function changeMemberRoleThroughUi(page: Page, email: string, role: string): Promise<void> {
  const members = page.getByTestId('members-table');
  await page.getByRole('button', { name: `Change role of ${email}` }).click();
  const dialog = page.getByRole('dialog', { name: `Role of ${email}` });
  await dialog.getByLabel('Role').selectOption(role);
  await dialog.getByRole('button', { name: 'Save role' }).click();
  await waitForText(members.locator('tr', { hasText: email }).locator('td[data-label="Role"]'), role);
}

/**
 * On the keys page: creates a key named `name` with exactly `scopes` in the current workspace,
 * copies it with the console's button and closes the one-time dialog. Returns the server's answer
 * to the create (its id, prefix, workspaceId) and the copied key. `whileOpen` runs with the
 * one-time dialog on screen.
 */
export async function createKeyThroughUi(
  page: Page,
  { name, scopes }: { name: string; scopes: string[] },
  whileOpen: () => Promise<void> = async () => undefined,
): Promise<{ created: { id: string; keyPrefix: string; workspaceId: string; scopes: string[] }; key: string }> {
  await page.getByRole('button', { name: 'Create API key' }).click();
  const form = page.getByRole('dialog', { name: 'Create API key' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  for (const scope of scopes) await form.getByRole('checkbox', { name: scope, exact: true }).check();
  const response = page.waitForResponse((r) => r.url().endsWith('/api-keys') && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Create key' }).click();
  const created = await (await response).json();
  const oneTime = page.getByTestId('one-time-key-dialog');
  const key = await copyKey(page, oneTime);
  await whileOpen();
  await closeOneTimeKeyDialog(page);
  return { created, key };
}

export const keyRow = (page: Page, keyId: string) => page.getByTestId('keys-table').locator(`tr[data-key-id="${keyId}"]`);

/** Waits until the element's whole text matches (Playwright-core has no `expect(locator)`). */
export async function waitForText(locator: Locator, text: string | RegExp): Promise<void> {
  const pattern = typeof text === 'string' ? new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : text;
  await locator.filter({ hasText: pattern }).waitFor();
}

/** Reloads until `check` passes: key usage and audit events are written in batches (within a second). */
export function reloadUntil(page: Page, check: () => Promise<void>): Promise<void> {
  return eventually(async () => {
    await page.reload();
    await check();
  }, 10_000, 250);
}

/** Copies with the console's button and returns what the browser's clipboard then holds. */
export async function copyKey(page: Page, dialog: Locator): Promise<string> {
  await dialog.getByRole('button', { name: 'Copy key' }).click();
  await dialog.getByText('Copied to the clipboard.').waitFor();
  return page.evaluate<string>('navigator.clipboard.readText()');
}

/** Closes the one-time key dialog the way a user must: Done, then confirm. */
export async function closeOneTimeKeyDialog(page: Page): Promise<void> {
  await page.getByTestId('one-time-key-dialog').getByRole('button', { name: 'Done' }).click();
  await page.getByTestId('one-time-key-confirm').getByRole('button', { name: 'I have saved it, close' }).click();
  await page.getByTestId('one-time-key-confirm').waitFor({ state: 'detached' });
}

/** Everything a page could hold a secret in: its markup, its text, form values and web storage. */
export function pageSecrets(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => [
    document.documentElement.outerHTML,
    document.body.innerText,
    ...[...document.querySelectorAll('input, textarea')].map((field) => field.value),
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
    document.cookie,
  ].join('\\n'))()`);
}

/**
 * How far the page scrolls sideways, with the elements that stick out past the viewport's right
 * edge (inside a scrolling container or not), so a failure says what to fix.
 */
export function sidewaysScroll(page: Page): Promise<{ scrollWidth: number; innerWidth: number; stickingOut: string[] }> {
  return page.evaluate(`(() => {
    const innerWidth = window.innerWidth;
    const stickingOut = [...document.body.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5)
      .slice(0, 10)
      .map((element) => element.tagName.toLowerCase() + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : ''));
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, stickingOut };
  })()`);
}

/** Fails, naming what sticks out, when the page scrolls sideways (a phone must never have to). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth, stickingOut } = await sidewaysScroll(page);
  expect(scrollWidth, `sticking out: ${stickingOut.join(', ')}`).toBeLessThanOrEqual(innerWidth);
}

/** The cookies that hold a browser session's refresh token. */
export async function refreshCookies(context: BrowserContext): Promise<string[]> {
  return (await context.cookies()).filter((cookie) => cookie.name === 'kw_refresh').map((cookie) => cookie.path);
}

export async function download(page: Page, button: string): Promise<{ filename: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { filename: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/**
 * uPlot draws on a canvas, so read what it plotted from its own legend while hovering the newest
 * bucket, and check the console's table of the same series against the expected totals.
 */
export async function expectUsageChartDrawn(page: Page, expected: { requests: number; denied: number }): Promise<void> {
  await page.getByText('Show as a table').click();
  const buckets = await page.locator('.usage-table tbody tr').evaluateAll((rows) => rows.map((row) => ((row as any).innerText as string).split('\t').slice(1).map(Number)));
  const sum = (column: number) => buckets.reduce((total, bucket) => total + bucket[column], 0);
  expect([sum(0), sum(1), sum(2)]).toEqual([expected.requests, expected.denied, 0]);
  const newest = buckets.at(-1)!;
  expect(newest[0]).toBeGreaterThan(0);

  const chart = page.getByRole('img', { name: /^Usage chart/ });
  const plot = (await chart.locator('.u-over').boundingBox())!;
  expect(plot.width).toBeGreaterThan(200);
  await page.mouse.move(plot.x + plot.width - 1, plot.y + plot.height / 2);
  // The legend: the hovered bucket, then one value per series (requests, denied, rate-limited).
  const legend = chart.locator('.u-legend .u-series .u-value');
  await eventually(async () => expect((await legend.allTextContents()).slice(1)).toEqual(newest.map(String)));
}

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * On the OAuth apps page: registers a confidential app redirecting to `redirectUri`, asking for
 * `scopes` beside the default `read`; reads the client ID off the page and copies the secret with
 * the console's button, then closes the one-time dialog. Returns what the page showed. `snap` is
 * told when the filled form and then the credentials are on screen.
 */
export async function registerOAuthAppThroughUi(
  page: Page,
  { name, redirectUri, scopes }: { name: string; redirectUri: string; scopes: string[] },
  snap: (name: string) => Promise<void> = async () => undefined,
): Promise<{ clientId: string; clientSecret: string }> {
  await page.getByRole('button', { name: 'Register OAuth app' }).click();
  const form = page.getByRole('dialog', { name: 'Register OAuth app' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Redirect URIs').fill(redirectUri);
  // A scope's checkbox is named by the scope, then its words: "contents:write Create and edit content".
  for (const scope of scopes) await form.getByRole('checkbox', { name: new RegExp(`^${literally(scope)} `) }).check();
  await snap('oauth-app-register');
  await form.getByRole('button', { name: 'Register app' }).click();
  const credentials = page.getByTestId('client-credentials-dialog');
  const clientId = await credentials.getByTestId('client-id').inputValue();
  await credentials.getByRole('button', { name: 'Copy secret' }).click();
  await credentials.getByText('Copied to the clipboard.').waitFor();
  const clientSecret = await page.evaluate<string>('navigator.clipboard.readText()');
  await snap('oauth-app-credentials');
  await credentials.getByRole('button', { name: 'Done' }).click();
  const confirm = page.getByTestId('client-secret-confirm');
  await confirm.getByRole('button', { name: 'I have saved it, close' }).click();
  await confirm.waitFor({ state: 'detached' });
  return { clientId, clientSecret };
}

/** What the consent page asks: the heading (which names the app), the app's workspace, and the scopes in words. */
export async function consentRequestShown(page: Page): Promise<{ heading: string; workspace: string; scopes: string[] }> {
  // "Authorize an app" stands there while the request loads: the workspace line comes with the request.
  await page.getByTestId('consent-workspace').waitFor();
  const title = page.getByRole('heading', { level: 1, name: /^Authorize / });
  return {
    heading: (await title.innerText()).trim(),
    workspace: (await page.getByTestId('consent-workspace').innerText()).trim(),
    scopes: (await page.getByTestId('consent-scopes').getByRole('listitem').allInnerTexts()).map((scope) => scope.trim()),
  };
}

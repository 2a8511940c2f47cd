import * as client from 'openid-client';
import type { Page } from 'playwright-core';
import { totpCode } from '../../src/auth/two-factor/totp.js';
import type { TestApp } from '../helpers/app.js';
import { register, type Session } from '../helpers/factories.js';
import { discover, registerApp } from '../helpers/oauth.js';
import { as, calling, join, newWorkspace, type TestWorkspace } from '../helpers/workspaces.js';
import { chromiumMissing } from './chromium.js';
import { consoleJourneys } from './journey.js';
import { consentRequestShown, heading, mainNav, pageSecrets, registerOAuthAppThroughUi, signInThroughUi, switchWorkspace, waitForText } from './console-ui.js';
import { authorizationRequest, callbackServer, serviceWithOwnIssuer, type AuthorizationRequest } from './oauth-client.js';

const PASSWORD = 'correct horse battery';

interface Seed {
  olive: Session;
  dan: Session & { twoFactorSecret: string };
  acme: TestWorkspace;
  /** An app registered through the API, for the journeys that are not about registering one. */
  sync: client.Configuration;
}

/** Waits until the browser is at the app's redirect URI and returns where exactly. */
async function redirectedTo(page: Page, redirectUri: string): Promise<URL> {
  await page.waitForURL((url) => url.href.startsWith(`${redirectUri}?`));
  return new URL(page.url());
}

/** The tokens openid-client gets for the code the browser brought back. */
const exchange = (config: client.Configuration, returned: URL, request: AuthorizationRequest) =>
  client.authorizationCodeGrant(config, returned, { pkceCodeVerifier: request.verifier, expectedState: request.state });

(chromiumMissing ? describe.skip : describe)('OAuth in the web console, with openid-client as the third-party app, in Chromium', () => {
  const callback = callbackServer();
  let seed: Seed;
  const journeys = consoleJourneys(async (app: TestApp) => {
    await register(app.api, { email: 'root@acme.test', password: PASSWORD }); // the instance admin, not part of the journeys
    const olive = await register(app.api, { email: 'olive@acme.test', name: 'Olive Owner', password: PASSWORD });
    const acme = await newWorkspace(app, olive, 'Acme');
    const dan = await register(app.api, { email: 'dan@acme.test', name: 'Dan', password: PASSWORD });
    await join(app, olive, acme, dan, 'member');
    const setup = await app.api.post('/auth/2fa/setup', undefined, as(dan));
    expect((await app.api.post('/auth/2fa/enable', { code: totpCode(setup.body.secret, Date.now()) }, as(dan))).status).toBe(200);
    const sync = await registerApp(app, calling(olive, acme), { name: 'Acme Sync', redirectUris: [callback.url], scopes: ['read', 'contents:write'] });
    seed = { olive, dan: { ...dan, twoFactorSecret: setup.body.secret }, acme, sync: await discover(app, sync) };
  }, serviceWithOwnIssuer);
  const { open } = journeys;

  it('an admin registers a confidential app on the OAuth apps page; its client, given the id and secret read off the page, is allowed on the consent page and calls the API with the token', async () => {
    const { app } = journeys;
    const { page, snap, problems } = await open();
    await page.goto(`${app.url}/signin`);
    await signInThroughUi(page, { email: 'olive@acme.test', password: PASSWORD });
    await heading(page, 'API keys').waitFor();
    await switchWorkspace(page, 'Acme (owner)');
    await mainNav(page).getByRole('link', { name: 'OAuth apps' }).click();
    await heading(page, 'OAuth apps').waitFor();

    const { clientId, clientSecret } = await registerOAuthAppThroughUi(page, { name: 'Acme Reports', redirectUri: callback.url, scopes: ['contents:write'] }, snap);
    expect([clientId, clientSecret]).toEqual([expect.stringMatching(/^kwc_[0-9a-f]{32}$/), expect.stringMatching(/^kws_[A-Za-z0-9_-]{43}$/)]);
    await page.getByTestId('oauth-apps-table').getByText(clientId).waitFor();
    await snap('oauth-apps');
    // Shown once: closed, the dialog took the secret with it.
    expect(await pageSecrets(page)).not.toContain(clientSecret);

    const config = await discover(app, { id: '', clientId, clientSecret, redirectUris: [callback.url] });
    const request = await authorizationRequest(config, callback.url, 'read contents:write');
    await page.goto(request.url.href);
    expect(await consentRequestShown(page)).toEqual({
      heading: 'Authorize Acme Reports',
      workspace: 'Acme',
      scopes: ['Read everything you can read in the workspace', 'Create and edit content'],
    });
    expect(new URL(page.url()).pathname).toMatch(/^\/oauth\/consent\/[\w-]+$/);
    await snap('oauth-consent');
    await page.getByRole('button', { name: 'Allow' }).click();

    const returned = await redirectedTo(page, callback.url);
    expect(returned.searchParams.get('state')).toBe(request.state);
    expect(returned.searchParams.get('code')).toEqual(expect.any(String));
    await heading(page, 'Back at the app').waitFor();
    const tokens = await exchange(config, returned, request);
    const me = await app.api.get('/auth/me', { token: tokens.access_token });
    expect([me.status, me.body.authMethod, me.body.user.email, me.body.workspace.slug]).toEqual([200, 'oauth', 'olive@acme.test', seed.acme.slug]);
    expect(problems).toEqual([]);
  }, 90_000);

  it('a signed-out member signs in with two-factor from the consent link, comes back to it, and denies: the app gets error=access_denied, and the answered request is not asked again', async () => {
    const { app } = journeys;
    const { page, snap, problems } = await open();
    const request = await authorizationRequest(seed.sync, callback.url, 'read');
    await page.goto(request.url.href);

    await page.getByTestId('consent-notice').waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    await snap('oauth-consent-sign-in');
    await signInThroughUi(page, { email: 'dan@acme.test', password: PASSWORD });
    // The enabling code's step is spent, so the authenticator's next one is used.
    await page.getByLabel('Authentication code').fill(totpCode(seed.dan.twoFactorSecret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Verify' }).click();
    expect(await consentRequestShown(page)).toEqual({ heading: 'Authorize Acme Sync', workspace: 'Acme', scopes: ['Read everything you can read in the workspace'] });
    const consentPage = page.url();
    await page.getByRole('button', { name: 'Deny' }).click();

    const returned = await redirectedTo(page, callback.url);
    expect([returned.searchParams.get('error'), returned.searchParams.get('state'), returned.searchParams.get('code')]).toEqual(['access_denied', request.state, null]);
    expect((await app.api.get('/auth/authorizations', as(seed.dan))).body).toEqual([]);

    // The request is answered: opened again, its consent page says so instead of asking twice.
    await page.goto(consentPage);
    await waitForText(page.getByTestId('consent-problem'), /^This authorization request has expired\./);
    expect(await page.getByRole('button', { name: 'Allow' }).count()).toBe(0);
    // Chromium logs the refusal the page explained, and nothing else.
    expect(problems).toEqual([expect.stringMatching(/status of 404 \(Not Found\) \(http:\/\/[^)]+\/api\/v1\/oauth\/interactions\/[\w-]+\)$/)]);
  }, 90_000);

  it('revoking the app on the Authorized apps page makes the API refuse its access token and its refresh token', async () => {
    const { app } = journeys;
    const { page, snap, problems } = await open();
    await page.goto(`${app.url}/signin`);
    await signInThroughUi(page, { email: 'olive@acme.test', password: PASSWORD });
    await heading(page, 'API keys').waitFor();
    const request = await authorizationRequest(seed.sync, callback.url, 'read');
    await page.goto(request.url.href);
    await consentRequestShown(page);
    await page.getByRole('button', { name: 'Allow' }).click();
    const tokens = await exchange(seed.sync, await redirectedTo(page, callback.url), request);
    expect((await app.api.get('/auth/me', { token: tokens.access_token })).status).toBe(200);

    await page.goto(`${app.url}/account`);
    await page.getByRole('link', { name: 'See and revoke them' }).click();
    await heading(page, 'Authorized apps').waitFor();
    const grants = page.getByTestId('authorizations-table');
    const row = grants.locator('tr', { hasText: 'Acme Sync' });
    expect(await row.locator('td[data-label="Workspace"]').innerText()).toBe('Acme');
    await snap('authorized-apps');
    await page.getByRole('button', { name: 'Revoke access of Acme Sync in Acme' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke access' });
    await confirm.getByRole('button', { name: 'Revoke access' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByText('Acme Sync can no longer act for you in Acme.').waitFor();

    const refused = await app.api.get('/auth/me', { token: tokens.access_token });
    expect([refused.status, refused.body.code]).toEqual([401, 'auth.token_invalid']);
    const refreshed = await client.refreshTokenGrant(seed.sync, tokens.refresh_token!).then(
      () => 'refreshed',
      (error: { error?: string }) => error.error,
    );
    expect(refreshed).toBe('invalid_grant');
    expect(problems).toEqual([]);
  }, 90_000);
});

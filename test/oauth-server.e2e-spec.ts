import * as client from 'openid-client';
import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { createKey, register, type Session } from './helpers/factories.js';
import { authorize, discover, pkce, REDIRECT_URI, registerApp, type RegisteredApp } from './helpers/oauth.js';
import { freePort } from './helpers/ports.js';
import { as, calling, newWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

let app: TestApp;
let owner: WorkspaceSession;
let confidential: RegisteredApp;
let config: client.Configuration;
let workspaceId: string;

beforeAll(async () => {
  const port = await freePort();
  app = await startTestApp({ port, env: { OAUTH_ISSUER: `http://127.0.0.1:${port}` } });
  await register(app.api, { name: 'Instance Admin' });
  const user: Session = await register(app.api, { name: 'Owner' });
  const workspace = await newWorkspace(app, user, 'OAuth');
  workspaceId = workspace.id;
  owner = calling(user, workspace);
  confidential = await registerApp(app, owner);
  config = await discover(app, confidential);
});
afterAll(() => app?.close());

/** An authorization URL with PKCE S256 and a state, as openid-client builds it. */
async function start(configuration = config, parameters: Record<string, string> = {}) {
  const { verifier, challenge } = await pkce();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(configuration, { redirect_uri: REDIRECT_URI, scope: 'read', code_challenge: challenge, code_challenge_method: 'S256', state, ...parameters });
  return { url, verifier, state };
}

async function tokensFor(configuration = config) {
  const { url, verifier, state } = await start(configuration);
  const callback = await authorize(app, owner, url);
  return { callback, verifier, state, tokens: await client.authorizationCodeGrant(configuration, callback, { pkceCodeVerifier: verifier, expectedState: state }) };
}

/** The RFC 6749 §5.2 error code openid-client raised: from the body, or from the WWW-Authenticate challenge of a 401. */
const grantError = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (error: { error?: string; cause?: Array<{ parameters?: { error?: string } }> }) => error.error ?? error.cause?.[0]?.parameters?.error,
  );

describe('the authorization server, driven by openid-client', () => {
  it('publishes RFC 8414 metadata the client library accepts, with the routes of API.md §11', () => {
    const metadata = config.serverMetadata();
    expect(metadata).toMatchObject({
      issuer: app.url,
      authorization_endpoint: `${app.url}/oauth/authorize`,
      token_endpoint: `${app.url}/oauth/token`,
      revocation_endpoint: `${app.url}/oauth/revoke`,
      introspection_endpoint: `${app.url}/oauth/introspect`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(metadata.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
  });

  it('runs authorization code + PKCE S256 through consent, round-trips state, and issues access and refresh tokens', async () => {
    const { callback, state, tokens } = await tokensFor();
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('state')).toBe(state);
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'read', access_token: expect.any(String), refresh_token: expect.any(String) });
    const introspected = await client.tokenIntrospection(config, tokens.access_token);
    expect(introspected).toMatchObject({ active: true, client_id: confidential.clientId, sub: owner.user.id, scope: 'read' });
  });

  it('rotates the refresh token, and a spent one reused revokes the grant and records oauth.refresh_reused (critical) in the workspace', async () => {
    const { tokens } = await tokensFor();
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).toEqual(expect.any(String));
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect((await client.tokenIntrospection(config, refreshed.access_token)).active).toBe(true);
    expect(await grantError(client.refreshTokenGrant(config, tokens.refresh_token!))).toBe('invalid_grant');
    expect(await grantError(client.refreshTokenGrant(config, refreshed.refresh_token!))).toBe('invalid_grant');
    expect((await client.tokenIntrospection(config, refreshed.access_token)).active).toBe(false);
    const [event] = await awaitAuditEvents(app, 'oauth.refresh_reused', { userId: owner.user.id });
    expect(event).toMatchObject({ severity: 'critical', workspaceId: workspaceId, statusCode: 400, ip: '127.0.0.1', details: { clientId: confidential.clientId } });
  });

  it('revokes an access token (RFC 7009): introspection then says inactive', async () => {
    const { tokens } = await tokensFor();
    await client.tokenRevocation(config, tokens.access_token);
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it('refuses a code used twice and revokes what its first use issued (RFC 6749 §4.1.2)', async () => {
    const { callback, verifier, state, tokens } = await tokensFor();
    expect(await grantError(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }))).toBe('invalid_grant');
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it('refuses a wrong PKCE verifier with invalid_grant', async () => {
    const { url, state } = await start();
    const callback = await authorize(app, owner, url);
    expect(await grantError(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: state }))).toBe('invalid_grant');
  });

  it('matches the redirect URI exactly: a prefix, a path below or another query is refused without redirecting', async () => {
    for (const redirect of [`${REDIRECT_URI}/more`, `${REDIRECT_URI}?x=1`, 'https://client.example.com/callbac', 'https://client.example.com.evil.com/callback']) {
      const { url } = await start(config, { redirect_uri: redirect });
      const response = await fetch(url, { redirect: 'manual' });
      expect([redirect, response.status, response.headers.get('location')]).toEqual([redirect, 400, null]);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_redirect_uri');
    }
  });

  it('ignores forwarded headers from an untrusted peer: the provider sees the plain http request', async () => {
    const { url } = await start();
    const response = await fetch(url, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example.com' } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/oauth\/consent\//);
    const cookies = response.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.filter((cookie) => /;\s*secure/i.test(cookie))).toEqual([]);
  });

  it('requires PKCE from a public client', async () => {
    const publicApp = await registerApp(app, owner, { name: 'SPA', type: 'public' });
    const publicConfig = await discover(app, publicApp);
    const url = client.buildAuthorizationUrl(publicConfig, { redirect_uri: REDIRECT_URI, scope: 'read', state: client.randomState() });
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '', app.url);
    expect([location.origin + location.pathname, location.searchParams.get('error')]).toEqual([REDIRECT_URI, 'invalid_request']);
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('redirects with error=access_denied when the user denies', async () => {
    const { url, state } = await start();
    const callback = await authorize(app, owner, url, false);
    expect([callback.searchParams.get('error'), callback.searchParams.get('state')]).toEqual(['access_denied', state]);
  });

  it('lets authorization codes live 60 seconds', async () => {
    const { callback } = await tokensFor();
    const code = callback.searchParams.get('code')!;
    const { rows } = await app.db.query(`SELECT extract(epoch FROM expires_at - now()) AS ttl FROM oauth_records WHERE model = 'AuthorizationCode' AND id = $1`, [code]);
    expect(Number(rows[0].ttl)).toBeGreaterThan(50);
    expect(Number(rows[0].ttl)).toBeLessThanOrEqual(60);
  });

  it('introspects for confidential clients only, and only their own tokens', async () => {
    const { tokens } = await tokensFor();
    const other = await registerApp(app, owner, { name: 'Other' });
    const inspected = await client.tokenIntrospection(await discover(app, other), tokens.access_token).then(
      (answer) => answer.active,
      (error: { error?: string }) => error.error,
    );
    expect(inspected).toBe(false);
    const publicApp = await registerApp(app, owner, { name: 'Public', type: 'public' });
    const asPublic = await client.tokenIntrospection(await discover(app, publicApp), tokens.access_token).then(
      (answer) => answer.active,
      (error: { error?: string }) => error.error,
    );
    expect(asPublic).toBe(false);
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(true);
  });

  it('lets a client revoke only its own tokens (RFC 7009 §2.1)', async () => {
    const { tokens } = await tokensFor();
    const other = await registerApp(app, owner, { name: 'Revoker' });
    await client.tokenRevocation(await discover(app, other), tokens.access_token).catch(() => undefined);
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(true);
  });

  it('refuses a wrong client secret with invalid_client', async () => {
    const wrong = await discover(app, { ...confidential, clientSecret: 'kws_not-the-secret' });
    const { url, verifier, state } = await start(wrong);
    const callback = await authorize(app, owner, url);
    expect(await grantError(client.authorizationCodeGrant(wrong, callback, { pkceCodeVerifier: verifier, expectedState: state }))).toBe('invalid_client');
  });

  it('deletes every token an app holds when the app is deleted', async () => {
    const doomed = await registerApp(app, owner, { name: 'Doomed' });
    await tokensFor(await discover(app, doomed));
    const count = async () => Number((await app.db.query('SELECT count(*) FROM oauth_records WHERE client_id = $1', [doomed.clientId])).rows[0].count);
    expect(await count()).toBeGreaterThan(0);
    expect((await app.api.delete(`/workspaces/${owner.workspace}/oauth-apps/${doomed.id}`, { token: owner.accessToken })).status).toBe(204);
    expect(await count()).toBe(0);
  });
});

describe('the consent step (API-driven)', () => {
  async function pendingConsent(): Promise<string> {
    const { url } = await start();
    const response = await fetch(url, { redirect: 'manual' });
    return new URL(response.headers.get('location')!, app.url).pathname.split('/').pop()!;
  }

  it('shows the signed-in member the app, its workspace and the scopes asked for', async () => {
    const uid = await pendingConsent();
    const described = await app.api.get(`/oauth/interactions/${uid}`, as(owner));
    expect(described.status).toBe(200);
    expect(described.body).toEqual({ uid, app: { name: 'Client', clientId: confidential.clientId }, workspace: expect.objectContaining({ slug: owner.workspace }), scopes: ['read'] });
  });

  it('answers 404 workspace.not_found to a user outside the app’s workspace, who cannot allow it', async () => {
    const uid = await pendingConsent();
    const stranger = await register(app.api, { name: 'Stranger' });
    const allowed = await app.api.post(`/oauth/interactions/${uid}`, { allow: true }, { token: stranger.accessToken });
    expect([allowed.status, allowed.body.code]).toEqual([404, 'workspace.not_found']);
  });

  it('answers 404 oauth_interaction.not_found for an unknown or already answered request', async () => {
    const unknown = await app.api.get('/oauth/interactions/not-a-request', as(owner));
    expect([unknown.status, unknown.body.code]).toEqual([404, 'oauth_interaction.not_found']);
    const uid = await pendingConsent();
    expect((await app.api.post(`/oauth/interactions/${uid}`, { allow: false }, as(owner))).status).toBe(200);
    const again = await app.api.post(`/oauth/interactions/${uid}`, { allow: true }, as(owner));
    expect([again.status, again.body.code]).toEqual([404, 'oauth_interaction.not_found']);
  });

  it('refuses an API key with 403 auth.jwt_required: no key consents for its owner', async () => {
    const uid = await pendingConsent();
    const key = await createKey(app.api, as(owner), { scopes: ['*'] });
    const allowed = await app.api.post(`/oauth/interactions/${uid}`, { allow: true }, { apiKey: key.key });
    expect([allowed.status, allowed.body.code]).toEqual([403, 'auth.jwt_required']);
  });
});

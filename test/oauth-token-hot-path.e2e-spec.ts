import * as client from 'openid-client';
import { startTestApp, type TestApp } from './helpers/app.js';
import { register } from './helpers/factories.js';
import { authorizedTokens } from './helpers/oauth.js';
import { freePort } from './helpers/ports.js';
import { countQueries } from './helpers/query-counter.js';
import { as, calling, newWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

let app: TestApp;
let owner: WorkspaceSession;

beforeAll(async () => {
  const port = await freePort();
  app = await startTestApp({ port, env: { OAUTH_ISSUER: `http://127.0.0.1:${port}` } });
  const user = await register(app.api, { name: 'Owner' });
  owner = calling(user, await newWorkspace(app, user, 'Hot tokens'));
});
afterAll(() => app?.close());

const bearer = (token: string) => ({ token });

/** A token that has just been used once, so every cache on its path is warm. */
async function warmToken() {
  const authorized = await authorizedTokens(app, owner, owner, 'read');
  expect((await app.api.get('/contents', bearer(authorized.tokens.access_token))).status).toBe(200);
  return authorized;
}

async function expectRefused(token: string) {
  const response = await app.api.get('/auth/me', bearer(token));
  expect([response.status, response.body.code]).toEqual([401, 'auth.token_invalid']);
}

describe('the warm OAuth token check', () => {
  it('runs no query on the request path for a warm access token', async () => {
    const { tokens } = await warmToken();
    const counter = countQueries(app);
    try {
      for (let i = 0; i < 30; i++) expect((await app.api.get('/auth/me', bearer(tokens.access_token))).status).toBe(200);
      expect(counter.queries).toEqual([]);
    } finally {
      counter.stop();
    }
  });

  it('reads a cold token once, and a made-up one once, then neither again while cached', async () => {
    const { tokens } = await authorizedTokens(app, owner, owner, 'read');
    const madeUp = 'Z'.repeat(43);
    const counter = countQueries(app);
    try {
      for (let i = 0; i < 5; i++) expect((await app.api.get('/auth/me', bearer(tokens.access_token))).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await app.api.get('/auth/me', bearer(madeUp))).status).toBe(401);
      // Token lookups are by id; the consent step's own reads (by uid) may trail the authorization.
      expect(counter.queries.filter((sql) => sql.includes('FROM oauth_records') && sql.includes('AND id = $2'))).toHaveLength(2);
    } finally {
      counter.stop();
    }
  });

  it('refuses a warm token on the very next request once the app revokes it (RFC 7009)', async () => {
    const { config, tokens } = await warmToken();
    await client.tokenRevocation(config, tokens.access_token);
    await expectRefused(tokens.access_token);
  });

  it('refuses a warm token on the very next request once the user revokes the grant', async () => {
    const { tokens, registered } = await warmToken();
    const grants = (await app.api.get<Array<{ id: string; app: { clientId: string } }>>('/auth/authorizations', as(owner))).body;
    const grant = grants.find((each) => each.app.clientId === registered.clientId)!;
    expect((await app.api.delete(`/auth/authorizations/${grant.id}`, as(owner))).status).toBe(204);
    await expectRefused(tokens.access_token);
  });

  it('refuses a warm token on the very next request once a spent refresh token is reused', async () => {
    const { config, tokens } = await warmToken();
    await client.refreshTokenGrant(config, tokens.refresh_token!);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expectRefused(tokens.access_token);
  });

  it('refuses a warm token on the very next request once its app is deleted', async () => {
    const { tokens, registered } = await warmToken();
    expect((await app.api.delete(`/workspaces/${owner.workspace}/oauth-apps/${registered.id}`, as(owner))).status).toBe(204);
    await expectRefused(tokens.access_token);
  });
});

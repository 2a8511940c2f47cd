import * as client from 'openid-client';
import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { register, type Session } from './helpers/factories.js';
import { authorizedTokens } from './helpers/oauth.js';
import { freePort } from './helpers/ports.js';
import { as, calling, newMember, newWorkspace, type TestWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

let app: TestApp;
let instanceAdmin: Session;
let owner: WorkspaceSession;
let workspace: TestWorkspace;

beforeAll(async () => {
  const port = await freePort();
  app = await startTestApp({ port, env: { OAUTH_ISSUER: `http://127.0.0.1:${port}` } });
  instanceAdmin = await register(app.api, { name: 'Instance Admin' });
  const user = await register(app.api, { name: 'Owner' });
  workspace = await newWorkspace(app, user, 'Tokens');
  owner = calling(user, workspace);
});
afterAll(() => app?.close());

const tokensOf = (user: WorkspaceSession, scope = 'read') => authorizedTokens(app, owner, user, scope);

const bearer = (token: string) => ({ token });

describe('OAuth access tokens on the API (authMethod oauth)', () => {
  it('acts as the consenting user in the app’s workspace, with the role’s permissions ∩ the granted scopes', async () => {
    const member = await newMember(app, owner, workspace, 'member', 'Member');
    const { tokens } = await tokensOf(member, 'read');
    const me = await app.api.get('/auth/me', bearer(tokens.access_token));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ authMethod: 'oauth', user: { id: member.user.id }, workspace: { id: workspace.id, role: 'member' }, instancePermissions: [] });
    expect(me.body.permissions).toEqual(['contents:read', 'keys:read']);
    const contents = await app.api.get('/contents', bearer(tokens.access_token));
    expect(contents.status).toBe(200);
  });

  it('records each use as oauth.token_used, batched, in the grant’s workspace chain, naming the app and the grant', async () => {
    const { tokens, registered } = await tokensOf(owner, 'read');
    expect((await app.api.get('/contents', bearer(tokens.access_token))).status).toBe(200);
    expect((await app.api.post('/contents', { title: 'refused' }, bearer(tokens.access_token))).status).toBe(403);
    const uses = await awaitAuditEvents(app, 'oauth.token_used', { userId: owner.user.id }, 2, (event) => event.details.clientId === registered.clientId);
    expect(uses.map((event) => [event.path, event.statusCode, event.workspaceId])).toEqual([
      ['/api/v1/contents', 200, workspace.id],
      ['/api/v1/contents', 403, workspace.id],
    ]);
    expect(uses[0].details).toMatchObject({ clientId: registered.clientId, grantId: expect.any(String), latencyMs: expect.any(Number) });
    expect(JSON.stringify(uses)).not.toContain(tokens.access_token);
  });

  it('refuses what the scopes leave out, though the user could: 403 permission.denied', async () => {
    const { tokens } = await tokensOf(owner, 'read');
    const written = await app.api.post('/contents', { title: 'by an app' }, bearer(tokens.access_token));
    expect([written.status, written.body.code]).toEqual([403, 'permission.denied']);
    const { tokens: writer } = await tokensOf(owner, 'read write');
    expect((await app.api.post('/contents', { title: 'by an app' }, bearer(writer.access_token))).status).toBe(201);
  });

  it('never manages keys, apps or members, even with the admin scope: 403 auth.jwt_required', async () => {
    const { tokens } = await tokensOf(owner, 'read write admin');
    for (const path of ['/api-keys', `/workspaces/${workspace.slug}/oauth-apps`, `/workspaces/${workspace.slug}/members`, '/auth/sessions']) {
      const response = await app.api.get(path, bearer(tokens.access_token));
      expect([path, response.status, response.body.code]).toEqual([path, 403, 'auth.jwt_required']);
    }
    const created = await app.api.post('/api-keys', { name: 'from an app' }, bearer(tokens.access_token));
    expect([created.status, created.body.code]).toEqual([403, 'auth.jwt_required']);
  });

  it('is 404 workspace.not_found on another workspace’s paths, even one its user belongs to', async () => {
    const { tokens } = await tokensOf(owner, 'read');
    const other = await newWorkspace(app, owner, 'Elsewhere');
    const response = await app.api.get(`/workspaces/${other.slug}/contents`, bearer(tokens.access_token));
    expect([response.status, response.body.code]).toEqual([404, 'workspace.not_found']);
    const viaHeader = await app.api.get('/auth/me', { token: tokens.access_token, headers: { 'x-workspace': other.slug } });
    expect(viaHeader.body.workspace.id).toBe(workspace.id);
  });

  it('works after a refresh, and stops once revoked', async () => {
    const { config, tokens } = await tokensOf(owner, 'read');
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect((await app.api.get('/auth/me', bearer(refreshed.access_token))).status).toBe(200);
    await client.tokenRevocation(config, refreshed.access_token);
    const after = await app.api.get('/auth/me', bearer(refreshed.access_token));
    expect([after.status, after.body.code]).toEqual([401, 'auth.token_invalid']);
  });

  it('stops at once when its user leaves the workspace', async () => {
    const member = await newMember(app, owner, workspace, 'member', 'Leaver');
    const { tokens } = await tokensOf(member, 'read');
    expect((await app.api.get('/contents', bearer(tokens.access_token))).status).toBe(200);
    expect((await app.api.delete(`/workspaces/${workspace.slug}/members/${member.user.id}`, as(owner))).status).toBe(204);
    const after = await app.api.get('/contents', bearer(tokens.access_token));
    expect([after.status, after.body.code]).toEqual([401, 'auth.token_invalid']);
  });

  it('stops at once when its user is disabled', async () => {
    const member = await newMember(app, owner, workspace, 'member', 'Disabled');
    const { tokens } = await tokensOf(member, 'read');
    expect((await app.api.patch(`/users/${member.user.id}`, { active: false }, bearer(instanceAdmin.accessToken))).status).toBe(200);
    const after = await app.api.get('/auth/me', bearer(tokens.access_token));
    expect([after.status, after.body.code]).toEqual([401, 'user.disabled']);
  });

  it('stops once its app is deleted, though it was just used', async () => {
    const { tokens, registered } = await tokensOf(owner, 'read');
    expect((await app.api.get('/auth/me', bearer(tokens.access_token))).status).toBe(200);
    expect((await app.api.delete(`/workspaces/${workspace.slug}/oauth-apps/${registered.id}`, as(owner))).status).toBe(204);
    const after = await app.api.get('/auth/me', bearer(tokens.access_token));
    expect([after.status, after.body.code]).toEqual([401, 'auth.token_invalid']);
  });

  it('spends a budget of its own grant: another grant’s tokens and the user’s sign-in count apart', async () => {
    const remaining = async (token: string) => Number((await app.api.get('/auth/me', bearer(token))).headers.get('x-ratelimit-remaining'));
    const { tokens: first } = await tokensOf(owner, 'read');
    const { tokens: second } = await tokensOf(owner, 'read');
    const firstBefore = await remaining(first.access_token);
    expect(await remaining(first.access_token)).toBe(firstBefore - 1);
    expect(await remaining(first.access_token)).toBe(firstBefore - 2);
    // A fresh grant starts full, and the user's own budget has not moved with the app's uses.
    expect(await remaining(second.access_token)).toBe(firstBefore);
    const signedIn = await remaining(owner.accessToken);
    expect(await remaining(owner.accessToken)).toBe(signedIn - 1);
    expect((await app.api.get('/auth/me', bearer(first.access_token))).headers.get('ratelimit-policy')).toMatch(/^"default";q=\d+;w=3600$/);
  });

  it('refuses a made-up token of the same shape with 401 auth.token_invalid', async () => {
    const response = await app.api.get('/auth/me', bearer('A'.repeat(43)));
    expect([response.status, response.body.code]).toEqual([401, 'auth.token_invalid']);
  });
});

describe('/auth/authorizations: the apps I have authorized', () => {
  it('lists the grant with its app, workspace and scopes, and revoking it stops its tokens, recorded in the workspace', async () => {
    const member = await newMember(app, owner, workspace, 'member', 'Grantor');
    const { tokens, registered } = await tokensOf(member, 'read');
    const listed = await app.api.get('/auth/authorizations', as(member));
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      { id: expect.any(String), app: { clientId: registered.clientId, name: 'Client' }, workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name }, scopes: ['read'], createdAt: expect.any(String), expiresAt: expect.any(String) },
    ]);
    const grantId = listed.body[0].id as string;
    expect((await app.api.delete(`/auth/authorizations/${grantId}`, as(member))).status).toBe(204);
    const after = await app.api.get('/auth/me', bearer(tokens.access_token));
    expect([after.status, after.body.code]).toEqual([401, 'auth.token_invalid']);
    expect((await app.api.get('/auth/authorizations', as(member))).body).toEqual([]);
    const { rows } = await app.db.query(`SELECT workspace_id AS "workspaceId" FROM audit_events WHERE type = 'oauth.grant_revoked' AND details->>'grantId' = $1`, [grantId]);
    expect(rows).toEqual([{ workspaceId: workspace.id }]);
  });

  it('answers 404 oauth_grant.not_found for someone else’s grant, and leaves it standing', async () => {
    const member = await newMember(app, owner, workspace, 'member', 'Victim');
    const { tokens } = await tokensOf(member, 'read');
    const [grant] = (await app.api.get('/auth/authorizations', as(member))).body;
    const stolen = await app.api.delete(`/auth/authorizations/${grant.id}`, as(owner));
    expect([stolen.status, stolen.body.code]).toEqual([404, 'oauth_grant.not_found']);
    expect((await app.api.get('/auth/me', bearer(tokens.access_token))).status).toBe(200);
  });

  it('is not for apps: an access token gets 403 auth.jwt_required', async () => {
    const { tokens } = await tokensOf(owner, 'read');
    const response = await app.api.get('/auth/authorizations', bearer(tokens.access_token));
    expect([response.status, response.body.code]).toEqual([403, 'auth.jwt_required']);
  });
});

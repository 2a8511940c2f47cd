import { startTestApp, type TestApp } from './helpers/app.js';
import { auditEvents } from './helpers/audit.js';
import { createKey, register, type Session } from './helpers/factories.js';
import { as, newMember, newWorkspace, type TestWorkspace } from './helpers/workspaces.js';

let app: TestApp;
let owner: Session;
let workspace: TestWorkspace;

beforeAll(async () => {
  app = await startTestApp();
  await register(app.api, { name: 'Instance Admin' });
  owner = await register(app.api, { name: 'Owner' });
  workspace = await newWorkspace(app, owner, 'Apps');
});
afterAll(() => app?.close());

const appsOf = (ws: { slug: string }) => `/workspaces/${ws.slug}/oauth-apps`;
const confidential = { name: 'Reporting', type: 'confidential', redirectUris: ['https://reports.example.com/callback'], scopes: ['read'] };

describe('POST /workspaces/:ws/oauth-apps', () => {
  it('creates a confidential app, shows its secret once and stores only its hash', async () => {
    const created = await app.api.post(appsOf(workspace), confidential, as(owner));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Reporting',
      type: 'confidential',
      workspaceId: workspace.id,
      redirectUris: ['https://reports.example.com/callback'],
      scopes: ['read'],
      clientId: expect.stringMatching(/^kwc_[0-9a-f]{32}$/),
      clientSecret: expect.stringMatching(/^kws_[A-Za-z0-9_-]{43}$/),
      createdBy: owner.user.id,
    });
    const { rows } = await app.db.query('SELECT client_secret_hash FROM oauth_apps WHERE id = $1', [created.body.id]);
    expect(rows[0].client_secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(created.body.clientSecret);
    const fetched = await app.api.get(`${appsOf(workspace)}/${created.body.id}`, as(owner));
    expect(fetched.status).toBe(200);
    expect(fetched.body).not.toHaveProperty('clientSecret');
    const listed = await app.api.get(appsOf(workspace), as(owner));
    expect(listed.body.map((each: { id: string }) => each.id)).toContain(created.body.id);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.clientSecret);
    const [event] = (await auditEvents(app, 'oauth_app.created', { userId: owner.user.id })).slice(-1);
    expect(event).toMatchObject({ workspaceId: workspace.id, statusCode: 201, details: { appId: created.body.id, clientId: created.body.clientId } });
    expect(JSON.stringify(event)).not.toContain(created.body.clientSecret);
  });

  it('creates a public app without a secret, with the read scope by default', async () => {
    const created = await app.api.post(appsOf(workspace), { name: 'CLI', type: 'public', redirectUris: ['http://localhost:8765/cb'] }, as(owner));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'public', scopes: ['read'] });
    expect(created.body).not.toHaveProperty('clientSecret');
  });

  it.each([
    ['plain http off loopback', { redirectUris: ['http://reports.example.com/cb'] }],
    ['a wildcard redirect URI', { redirectUris: ['https://*.example.com/cb'] }],
    ['a fragment', { redirectUris: ['https://reports.example.com/cb#x'] }],
    ['no redirect URI', { redirectUris: [] }],
    ['an unknown type', { type: 'native' }],
    ['an unknown scope', { scopes: ['openid'] }],
  ])('refuses %s with 400 validation.failed', async (_label, change) => {
    const response = await app.api.post(appsOf(workspace), { ...confidential, ...change }, as(owner));
    expect([response.status, response.body.code]).toEqual([400, 'validation.failed']);
  });
});

describe('PATCH, rotate-secret and DELETE', () => {
  it('updates name, redirect URIs and scopes, and records before and after', async () => {
    const created = (await app.api.post(appsOf(workspace), confidential, as(owner))).body;
    const updated = await app.api.patch(`${appsOf(workspace)}/${created.id}`, { name: 'Reports v2', redirectUris: ['https://v2.example.com/cb'], scopes: ['contents:read', 'write'] }, as(owner));
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Reports v2', redirectUris: ['https://v2.example.com/cb'], scopes: ['contents:read', 'write'], clientId: created.clientId });
    const [event] = (await auditEvents(app, 'oauth_app.updated', { userId: owner.user.id })).slice(-1);
    expect(event.details).toMatchObject({ appId: created.id, before: { name: 'Reporting' }, after: { name: 'Reports v2' } });
  });

  it('rotates a confidential app’s secret: a new one, shown once, a new hash stored', async () => {
    const created = (await app.api.post(appsOf(workspace), confidential, as(owner))).body;
    const before = (await app.db.query('SELECT client_secret_hash FROM oauth_apps WHERE id = $1', [created.id])).rows[0].client_secret_hash;
    const rotated = await app.api.post(`${appsOf(workspace)}/${created.id}/rotate-secret`, undefined, as(owner));
    expect(rotated.status).toBe(200);
    expect(rotated.body.clientSecret).toMatch(/^kws_/);
    expect(rotated.body.clientSecret).not.toBe(created.clientSecret);
    const after = (await app.db.query('SELECT client_secret_hash FROM oauth_apps WHERE id = $1', [created.id])).rows[0].client_secret_hash;
    expect(after).not.toBe(before);
    expect((await auditEvents(app, 'oauth_app.secret_rotated', { userId: owner.user.id })).at(-1)?.details.appId).toBe(created.id);
  });

  it('refuses to rotate a public app’s secret with 400', async () => {
    const created = (await app.api.post(appsOf(workspace), { name: 'SPA', type: 'public', redirectUris: ['https://spa.example.com/cb'] }, as(owner))).body;
    const rotated = await app.api.post(`${appsOf(workspace)}/${created.id}/rotate-secret`, undefined, as(owner));
    expect([rotated.status, rotated.body.code]).toEqual([400, 'validation.failed']);
  });

  it('deletes an app, records it, and then answers 404 oauth_app.not_found', async () => {
    const created = (await app.api.post(appsOf(workspace), confidential, as(owner))).body;
    expect((await app.api.delete(`${appsOf(workspace)}/${created.id}`, as(owner))).status).toBe(204);
    const again = await app.api.get(`${appsOf(workspace)}/${created.id}`, as(owner));
    expect([again.status, again.body.code]).toEqual([404, 'oauth_app.not_found']);
    expect((await auditEvents(app, 'oauth_app.deleted', { userId: owner.user.id })).at(-1)?.details.appId).toBe(created.id);
  });
});

describe('who may manage apps', () => {
  it('answers 404 oauth_app.not_found for another workspace’s app and a malformed id', async () => {
    const other = await newWorkspace(app, owner, 'Other');
    const created = (await app.api.post(appsOf(workspace), confidential, as(owner))).body;
    for (const path of [`${appsOf(other)}/${created.id}`, `${appsOf(workspace)}/not-a-uuid`]) {
      const response = await app.api.get(path, as(owner));
      expect([path, response.status, response.body.code]).toEqual([path, 404, 'oauth_app.not_found']);
    }
    const patched = await app.api.patch(`${appsOf(other)}/${created.id}`, { name: 'stolen' }, as(owner));
    expect([patched.status, patched.body.code]).toEqual([404, 'oauth_app.not_found']);
  });

  it('lets a workspace admin manage apps and refuses a member with 403 permission.denied', async () => {
    const admin = await newMember(app, owner, workspace, 'admin', 'WS Admin');
    expect((await app.api.post(appsOf(workspace), confidential, as(admin))).status).toBe(201);
    const member = await newMember(app, owner, workspace, 'member', 'WS Member');
    const listed = await app.api.get(appsOf(workspace), as(member));
    expect([listed.status, listed.body.code]).toEqual([403, 'permission.denied']);
    const created = await app.api.post(appsOf(workspace), confidential, as(member));
    expect([created.status, created.body.code]).toEqual([403, 'permission.denied']);
  });

  it('refuses an API key, even the owner’s * key, with 403 auth.jwt_required', async () => {
    const key = await createKey(app.api, { ...as(owner), headers: { 'x-workspace': workspace.slug } }, { scopes: ['*'] });
    const listed = await app.api.get(appsOf(workspace), { apiKey: key.key });
    expect([listed.status, listed.body.code]).toEqual([403, 'auth.jwt_required']);
  });

  it('answers 404 workspace.not_found to someone outside the workspace', async () => {
    const stranger = await register(app.api, { name: 'Stranger' });
    const response = await app.api.get(appsOf(workspace), as(stranger));
    expect([response.status, response.body.code]).toEqual([404, 'workspace.not_found']);
  });
});

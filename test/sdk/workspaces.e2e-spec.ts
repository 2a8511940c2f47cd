import type { Keyward } from '@keyward/sdk';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createKey, register, type Session } from '../helpers/factories.js';
import { as, newWorkspace, uniqueSlug } from '../helpers/workspaces.js';
import { collect, rejectionOf, sdk, signedIn } from './clients.js';

/** The SDK's workspace clients against the real service: workspaces, and one workspace's members, invitations, roles, OAuth apps and resources. */
let app: TestApp;
let admin: Session; // instance admin
let owner: Session;
let client: Keyward;

beforeAll(async () => {
  app = await startTestApp();
  admin = await register(app.api, { name: 'Admin' });
  owner = await register(app.api, { name: 'Owner' });
  client = signedIn(app, owner);
});
afterAll(() => app?.close());

describe('client.workspaces', () => {
  it('creates, lists, gets, updates and deletes a workspace', async () => {
    const slug = uniqueSlug('sdk');
    const created = await client.workspaces.create({ name: 'Sdk Corp', slug });
    expect(created).toMatchObject({ slug, name: 'Sdk Corp', personal: false, role: 'owner' });
    expect((await client.workspaces.list()).map((workspace) => workspace.slug)).toContain(slug);
    expect((await client.workspaces.get(created.id)).slug).toBe(slug);
    expect((await client.workspaces.update(slug, { name: 'Sdk Corporation' })).name).toBe('Sdk Corporation');
    await client.workspaces.delete(slug);
    const gone = await rejectionOf(client.workspaces.get(slug));
    expect([gone.status, gone.code]).toEqual([404, 'workspace.not_found']);
  });

  it('lets an instance admin set a plan', async () => {
    const team = await newWorkspace(app, owner, 'Planned');
    expect((await signedIn(app, admin).workspaces.setPlan(team.slug, { maxRateLimit: 500 })).plan.maxRateLimit).toBe(500);
    expect((await signedIn(app, admin).workspace(team.slug).setPlan({ maxRateLimit: null })).plan.maxRateLimit).toBe(10_000);
  });
});

describe('client.workspace(ws)', () => {
  it('reads and changes the workspace it names', async () => {
    const team = await newWorkspace(app, owner, 'Scoped');
    const scope = client.workspace(team.slug);
    expect((await scope.get()).id).toBe(team.id);
    expect((await scope.update({ requireTwoFactor: false })).requireTwoFactor).toBe(false);
    await scope.delete();
    expect((await rejectionOf(scope.get())).code).toBe('workspace.not_found');
  });

  it('invites someone who accepts, lists and changes members, and removes them', async () => {
    const team = await newWorkspace(app, owner, 'Invites');
    const scope = client.workspace(team.slug);
    const invitee = await register(app.api, { name: 'Invitee' });
    const invitation = await scope.invitations.create({ email: invitee.user.email, role: 'viewer' });
    expect(invitation).toMatchObject({ email: invitee.user.email, role: 'viewer', token: expect.any(String) });
    expect((await collect(scope.invitations.list())).map((pending) => pending.id)).toEqual([invitation.id]);
    expect((await signedIn(app, invitee).invitations.accept(invitation.token)).id).toBe(team.id);
    const members = await collect(scope.members.list());
    expect(members.map((member) => [member.user.id, member.role]).sort()).toEqual([[owner.user.id, 'owner'], [invitee.user.id, 'viewer']].sort());
    expect((await scope.members.changeRole(invitee.user.id, 'member')).role).toBe('member');
    await scope.members.remove(invitee.user.id);
    expect((await scope.members.list().page()).items).toHaveLength(1);
  });

  it('sets and reads the limits a workspace’s keys share, and a member’s keys share', async () => {
    const team = await newWorkspace(app, owner, 'Limits');
    const scope = client.workspace(team.slug);
    const limit = { name: 'hourly', limit: 100, window: 3600, cost: 1, auto: true };
    expect(await scope.setLimits([limit])).toEqual({ limits: [limit] });
    expect(await scope.limits()).toEqual({ limits: [limit] });
    expect(await scope.members.setLimits(owner.user.id, [{ name: 'writes', limit: 5, window: 60 }])).toEqual({ limits: [{ name: 'writes', limit: 5, window: 60, cost: 1, auto: false }] });
    expect((await scope.members.limits(owner.user.id)).limits).toHaveLength(1);
  });

  it('revokes a pending invitation', async () => {
    const scope = client.workspace((await newWorkspace(app, owner, 'Revoked invites')).slug);
    const invitation = await scope.invitations.create({ email: 'nobody@example.com', role: 'member' });
    await scope.invitations.revoke(invitation.id);
    expect((await scope.invitations.list().page()).items).toEqual([]);
  });

  it('creates, changes and deletes a custom workspace role', async () => {
    const scope = client.workspace((await newWorkspace(app, owner, 'Roles')).slug);
    expect(await scope.roles.create({ name: 'clerk', permissions: ['orders:read'] })).toMatchObject({ name: 'clerk', permissions: ['orders:read'], builtIn: false });
    expect((await scope.roles.update('clerk', { permissions: ['orders:read', 'orders:write'] })).permissions).toEqual(['orders:read', 'orders:write']);
    expect((await scope.roles.list()).map((role) => role.name)).toEqual(expect.arrayContaining(['owner', 'admin', 'member', 'clerk']));
    await scope.roles.delete('clerk');
    expect((await scope.roles.list()).map((role) => role.name)).not.toContain('clerk');
  });

  it('manages OAuth apps: the secret shown on creation and on rotation only', async () => {
    const scope = client.workspace((await newWorkspace(app, owner, 'Apps')).slug);
    const created = await scope.oauthApps.create({ name: 'Reporting', type: 'confidential', redirectUris: ['https://reports.example.com/callback'], scopes: ['read'] });
    expect(created).toMatchObject({ name: 'Reporting', clientSecret: expect.any(String) });
    expect(await scope.oauthApps.get(created.id)).not.toHaveProperty('clientSecret');
    expect((await scope.oauthApps.update(created.id, { name: 'Reports' })).name).toBe('Reports');
    const rotated = await scope.oauthApps.rotateSecret(created.id);
    expect(rotated.clientSecret).not.toBe(created.clientSecret);
    expect((await scope.oauthApps.list()).map((oauthApp) => oauthApp.id)).toEqual([created.id]);
    await scope.oauthApps.delete(created.id);
    expect((await rejectionOf(scope.oauthApps.get(created.id))).code).toBe('oauth_app.not_found');
  });

  it('reaches the workspace’s keys and contents under its path', async () => {
    const team = await newWorkspace(app, owner, 'Resources');
    const scope = client.workspace(team.slug);
    const key = await scope.apiKeys.create({ name: 'team key' });
    expect(key.workspaceId).toBe(team.id);
    const content = await sdk(app, { apiKey: key.key }).workspace(team.id).contents.create({ title: 'Hello' });
    expect(content.workspaceId).toBe(team.id);
    expect((await collect(scope.contents.list())).map((item) => item.id)).toEqual([content.id]);
  });

  it('answers a key on another workspace’s path with 404 workspace.not_found, where X-Workspace would be ignored', async () => {
    const mine = await newWorkspace(app, owner, 'Mine');
    const other = await newWorkspace(app, owner, 'Other');
    const key = await createKey(app.api, as({ ...owner, workspace: mine.slug }));
    const refused = await rejectionOf(sdk(app, { apiKey: key.key }).workspace(other.slug).contents.list().page());
    expect([refused.status, refused.code]).toEqual([404, 'workspace.not_found']);
  });
});

import { startTestApp, type TestApp } from './helpers/app.js';
import { auditEvents } from './helpers/audit.js';
import { register, type Session, uniqueEmail } from './helpers/factories.js';
import { as, join as joinWorkspace, newWorkspace as createWorkspace, uniqueSlug } from './helpers/workspaces.js';

let app: TestApp;
let admin: Session; // the first account: instance admin

beforeAll(async () => {
  app = await startTestApp();
  admin = await register(app.api, { name: 'Instance Admin' });
});
afterAll(() => app?.close());

const newWorkspace = (owner: Session, name?: string, slug?: string) => createWorkspace(app, owner, name, slug);
const join = (owner: Session, workspace: { slug: string }, invitee: Session, role: string) => joinWorkspace(app, owner, workspace, invitee, role);

describe('personal workspaces', () => {
  it('gives every registration a personal workspace it owns, listed first', async () => {
    const user = await register(app.api);
    const response = await app.api.get('/workspaces', as(user));
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      expect.objectContaining({ personal: true, role: 'owner', name: 'Personal', slug: expect.stringMatching(/^[a-z0-9][a-z0-9-]{1,38}$/) }),
    ]);
  });

  it('refuses to delete, invite into or leave a personal workspace with 400 workspace.personal', async () => {
    const user = await register(app.api);
    const [personal] = (await app.api.get('/workspaces', as(user))).body;
    const deleted = await app.api.delete(`/workspaces/${personal.id}`, as(user));
    expect([deleted.status, deleted.body.code]).toEqual([400, 'workspace.personal']);
    const invited = await app.api.post(`/workspaces/${personal.id}/invitations`, { email: uniqueEmail(), role: 'member' }, as(user));
    expect([invited.status, invited.body.code]).toEqual([400, 'workspace.personal']);
    const left = await app.api.delete(`/workspaces/${personal.id}/members/${user.user.id}`, as(user));
    expect([left.status, left.body.code]).toEqual([400, 'workspace.personal']);
  });
});

describe('POST /workspaces', () => {
  it('creates a shared workspace whose creator is owner, and records it', async () => {
    const owner = await register(app.api);
    const created = await newWorkspace(owner, 'Acme Corp');
    expect(created).toMatchObject({ name: 'Acme Corp', personal: false, role: 'owner', requireTwoFactor: false, plan: { maxRateLimit: 10_000, maxKeysPerUser: 100 } });
    const listed = (await app.api.get('/workspaces', as(owner))).body;
    expect(listed.map((workspace: { id: string }) => workspace.id)).toEqual([expect.any(String), created.id]);
    const [event] = (await auditEvents(app, 'workspace.created', { userId: owner.user.id })).slice(-1);
    expect(event.details).toMatchObject({ workspaceId: created.id, slug: created.slug });
  });

  it('generates a slug from the name, with a tail when it is taken', async () => {
    const owner = await register(app.api);
    const name = `Blue Team ${Date.now().toString(36)}`;
    const first = await app.api.post('/workspaces', { name }, as(owner));
    const second = await app.api.post('/workspaces', { name }, as(owner));
    expect(first.body.slug).toBe(name.toLowerCase().replaceAll(' ', '-'));
    expect(second.status).toBe(201);
    expect(second.body.slug).toMatch(new RegExp(`^${first.body.slug}-[0-9a-f]{6}$`));
  });

  it('answers 409 workspace.slug_taken for a slug in use', async () => {
    const owner = await register(app.api);
    const taken = await newWorkspace(owner);
    const response = await app.api.post('/workspaces', { name: 'Other', slug: taken.slug }, as(owner));
    expect([response.status, response.body.code]).toEqual([409, 'workspace.slug_taken']);
  });

  it.each([
    ['an upper-case slug', { name: 'X', slug: 'Acme' }],
    ['a one-character slug', { name: 'X', slug: 'a' }],
    ['a slug shaped like an id', { name: 'X', slug: '0b0d0b0e-1111-4222-8333-444455556666' }],
    ['an empty name', { name: '' }],
    ['a name with a bidi override', { name: 'Acme\u202Egnp.exe' }],
    ['an unknown field', { name: 'X', owner: 'me' }],
  ])('refuses %s with 400 validation.failed', async (_label, body) => {
    const response = await app.api.post('/workspaces', body, as(admin));
    expect([response.status, response.body.code]).toEqual([400, 'validation.failed']);
  });

  it('refuses an API key with 403 auth.jwt_required', async () => {
    const owner = await register(app.api);
    const key = (await app.api.post('/api-keys', { name: 'k' }, as(owner))).body.key;
    const response = await app.api.post('/workspaces', { name: 'Via key' }, { apiKey: key });
    expect([response.status, response.body.code]).toEqual([403, 'auth.jwt_required']);
  });
});

describe('GET, PATCH and DELETE /workspaces/:ws', () => {
  it('finds a workspace by id and by slug for its members', async () => {
    const owner = await register(app.api);
    const workspace = await newWorkspace(owner);
    for (const reference of [workspace.id, workspace.slug, workspace.id.toUpperCase()]) {
      const response = await app.api.get(`/workspaces/${reference}`, as(owner));
      expect([response.status, response.body.id]).toEqual([200, workspace.id]);
    }
  });

  it('answers 404 workspace.not_found to a non-member, as for a workspace that does not exist', async () => {
    const owner = await register(app.api);
    const outsider = await register(app.api);
    const workspace = await newWorkspace(owner);
    for (const reference of [workspace.id, workspace.slug, 'no-such-workspace', '00000000-0000-4000-8000-000000000000', "x' OR '1'='1"]) {
      const response = await app.api.get(`/workspaces/${encodeURIComponent(reference)}`, as(outsider));
      expect([reference, response.status, response.body.code]).toEqual([reference, 404, 'workspace.not_found']);
    }
  });

  it('lets an instance admin act as owner in a workspace they do not belong to', async () => {
    const owner = await register(app.api);
    const workspace = await newWorkspace(owner);
    const response = await app.api.get(`/workspaces/${workspace.slug}`, as(admin));
    expect([response.status, response.body.role]).toEqual([200, 'owner']);
  });

  it('renames and re-slugs with members:write, and records before and after', async () => {
    const owner = await register(app.api);
    const workspace = await newWorkspace(owner);
    const slug = uniqueSlug('renamed');
    const response = await app.api.patch(`/workspaces/${workspace.id}`, { name: 'Renamed', slug }, as(owner));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'Renamed', slug });
    expect((await app.api.get(`/workspaces/${slug}`, as(owner))).status).toBe(200);
    expect((await app.api.get(`/workspaces/${workspace.slug}`, as(owner))).status).toBe(404);
    const [event] = (await auditEvents(app, 'workspace.updated', { userId: owner.user.id })).slice(-1);
    expect(event.details).toMatchObject({ before: { name: 'Acme', slug: workspace.slug }, after: { name: 'Renamed', slug } });
  });

  it('refuses a rename by a member without members:write with 403 permission.denied', async () => {
    const owner = await register(app.api);
    const member = await register(app.api);
    const workspace = await newWorkspace(owner);
    await join(owner, workspace, member, 'member');
    const response = await app.api.patch(`/workspaces/${workspace.id}`, { name: 'Mine now' }, as(member));
    expect([response.status, response.body.code, response.body.details]).toEqual([403, 'permission.denied', [{ required: 'members:write' }]]);
  });

  it('lets only an owner delete: an admin gets 403, the owner 204, then everyone 404 and the slug is free', async () => {
    const owner = await register(app.api);
    const workspaceAdmin = await register(app.api);
    const workspace = await newWorkspace(owner);
    await join(owner, workspace, workspaceAdmin, 'admin');
    const refused = await app.api.delete(`/workspaces/${workspace.id}`, as(workspaceAdmin));
    expect([refused.status, refused.body.code]).toEqual([403, 'permission.denied']);
    expect((await app.api.delete(`/workspaces/${workspace.id}`, as(owner))).status).toBe(204);
    expect((await app.api.get(`/workspaces/${workspace.id}`, as(owner))).body.code).toBe('workspace.not_found');
    expect((await app.api.get('/workspaces', as(workspaceAdmin))).body.map((listed: { id: string }) => listed.id)).not.toContain(workspace.id);
    const [event] = await auditEvents(app, 'workspace.deleted', { userId: owner.user.id });
    expect([event.severity, event.details.workspaceId]).toEqual(['warning', workspace.id]);
    expect((await app.api.post('/workspaces', { name: 'Again', slug: workspace.slug }, as(owner))).status).toBe(201);
  });
});

describe('PATCH /workspaces/:ws/plan', () => {
  it('lets an instance admin set the plan of any workspace, and null restores the default', async () => {
    const owner = await register(app.api);
    const workspace = await newWorkspace(owner);
    const set = await app.api.patch(`/workspaces/${workspace.slug}/plan`, { maxRateLimit: 500, maxKeysPerUser: 5 }, as(admin));
    expect([set.status, set.body.plan]).toEqual([200, { maxRateLimit: 500, maxKeysPerUser: 5 }]);
    expect((await app.api.get(`/workspaces/${workspace.id}`, as(owner))).body.plan).toEqual({ maxRateLimit: 500, maxKeysPerUser: 5 });
    const reset = await app.api.patch(`/workspaces/${workspace.id}/plan`, { maxRateLimit: null }, as(admin));
    expect(reset.body.plan).toEqual({ maxRateLimit: 10_000, maxKeysPerUser: 5 });
    const [event] = (await auditEvents(app, 'workspace.plan_changed', { userId: admin.user.id })).slice(-1);
    expect(event.details).toMatchObject({ before: { maxRateLimit: 500 }, after: { maxRateLimit: null, maxKeysPerUser: 5 } });
  });

  it('refuses the workspace’s own owner with 403 permission.denied: plans are an instance decision', async () => {
    const owner = await register(app.api);
    const workspace = await newWorkspace(owner);
    const response = await app.api.patch(`/workspaces/${workspace.id}/plan`, { maxRateLimit: 100_000 }, as(owner));
    expect([response.status, response.body.code, response.body.details]).toEqual([403, 'permission.denied', [{ required: 'workspaces:write' }]]);
  });

  it('answers 404 workspace.not_found for an unknown workspace and 400 for a limit below 1', async () => {
    expect((await app.api.patch('/workspaces/no-such-thing/plan', { maxRateLimit: 5 }, as(admin))).body.code).toBe('workspace.not_found');
    const owner = await register(app.api);
    const workspace = await newWorkspace(owner);
    expect((await app.api.patch(`/workspaces/${workspace.id}/plan`, { maxRateLimit: 0 }, as(admin))).body.code).toBe('validation.failed');
  });
});

describe('invitations', () => {
  it('invites by e-mail with a token shown once; the invitee accepts and gets the role', async () => {
    const owner = await register(app.api);
    const invitee = await register(app.api);
    const workspace = await newWorkspace(owner);
    const invited = await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: invitee.user.email.toUpperCase(), role: 'viewer' }, as(owner));
    expect(invited.status).toBe(201);
    expect(invited.body).toEqual({ id: expect.any(String), email: invitee.user.email, role: 'viewer', token: expect.stringMatching(/^kwinv_[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(String), createdAt: expect.any(String) });
    const week = Date.parse(invited.body.expiresAt) - Date.now();
    expect(week).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect(week).toBeLessThanOrEqual(7 * 24 * 3600_000);

    const pending = await app.api.get(`/workspaces/${workspace.id}/invitations`, as(owner));
    expect(pending.body.items).toEqual([expect.not.objectContaining({ token: expect.anything() })]);
    expect(JSON.stringify(pending.body)).not.toContain(invited.body.token);
    const [stored] = (await app.db.query('SELECT token_hash FROM invitations WHERE id = $1', [invited.body.id])).rows;
    expect(stored.token_hash).not.toContain(invited.body.token);

    const accepted = await app.api.post('/invitations/accept', { token: invited.body.token }, as(invitee));
    expect([accepted.status, accepted.body.id, accepted.body.role]).toEqual([200, workspace.id, 'viewer']);
    expect((await app.api.get(`/workspaces/${workspace.slug}`, as(invitee))).body.role).toBe('viewer');
    expect((await app.api.get(`/workspaces/${workspace.id}/invitations`, as(owner))).body.items).toEqual([]);
    const [event] = await auditEvents(app, 'invitation.accepted', { userId: invitee.user.id });
    expect(event.details).toMatchObject({ workspaceId: workspace.id, role: 'viewer' });
    expect(JSON.stringify(await auditEvents(app, 'invitation.created', { userId: owner.user.id }))).not.toContain(invited.body.token);
  });

  it('works once: a second acceptance is 404 invitation.not_found', async () => {
    const owner = await register(app.api);
    const invitee = await register(app.api);
    const workspace = await newWorkspace(owner);
    const { token } = (await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: invitee.user.email, role: 'member' }, as(owner))).body;
    expect((await app.api.post('/invitations/accept', { token }, as(invitee))).status).toBe(200);
    const again = await app.api.post('/invitations/accept', { token }, as(invitee));
    expect([again.status, again.body.code]).toEqual([404, 'invitation.not_found']);
  });

  it('refuses another signed-in e-mail with 403 invitation.email_mismatch, and the invitation stays usable', async () => {
    const owner = await register(app.api);
    const invitee = await register(app.api);
    const someoneElse = await register(app.api);
    const workspace = await newWorkspace(owner);
    const { token } = (await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: invitee.user.email, role: 'member' }, as(owner))).body;
    const refused = await app.api.post('/invitations/accept', { token }, as(someoneElse));
    expect([refused.status, refused.body.code]).toEqual([403, 'invitation.email_mismatch']);
    expect((await app.api.post('/invitations/accept', { token }, as(invitee))).status).toBe(200);
  });

  it('answers 410 invitation.expired after seven days', async () => {
    const owner = await register(app.api);
    const invitee = await register(app.api);
    const workspace = await newWorkspace(owner);
    const invited = (await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: invitee.user.email, role: 'member' }, as(owner))).body;
    await app.db.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [invited.id]);
    const response = await app.api.post('/invitations/accept', { token: invited.token }, as(invitee));
    expect([response.status, response.body.code]).toEqual([410, 'invitation.expired']);
  });

  it('answers 404 invitation.not_found for a made-up token and 400 for an empty one', async () => {
    const user = await register(app.api);
    expect((await app.api.post('/invitations/accept', { token: 'kwinv_made-up' }, as(user))).body.code).toBe('invitation.not_found');
    expect((await app.api.post('/invitations/accept', { token: '' }, as(user))).body.code).toBe('validation.failed');
  });

  it('answers 409 member.exists when inviting a member, and replaces an earlier pending invitation', async () => {
    const owner = await register(app.api);
    const invitee = await register(app.api);
    const workspace = await newWorkspace(owner);
    const member = await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: owner.user.email, role: 'member' }, as(owner));
    expect([member.status, member.body.code]).toEqual([409, 'member.exists']);
    const first = (await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: invitee.user.email, role: 'member' }, as(owner))).body;
    const second = (await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: invitee.user.email, role: 'viewer' }, as(owner))).body;
    expect((await app.api.post('/invitations/accept', { token: first.token }, as(invitee))).body.code).toBe('invitation.not_found');
    expect((await app.api.post('/invitations/accept', { token: second.token }, as(invitee))).body.role).toBe('viewer');
  });

  it('revokes a pending invitation: 204, then its token is 404, and a second revoke is 404 invitation.not_found', async () => {
    const owner = await register(app.api);
    const invitee = await register(app.api);
    const workspace = await newWorkspace(owner);
    const invited = (await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: invitee.user.email, role: 'member' }, as(owner))).body;
    expect((await app.api.delete(`/workspaces/${workspace.id}/invitations/${invited.id}`, as(owner))).status).toBe(204);
    expect((await app.api.post('/invitations/accept', { token: invited.token }, as(invitee))).body.code).toBe('invitation.not_found');
    const again = await app.api.delete(`/workspaces/${workspace.id}/invitations/${invited.id}`, as(owner));
    expect([again.status, again.body.code]).toEqual([404, 'invitation.not_found']);
    expect((await app.api.delete(`/workspaces/${workspace.id}/invitations/not-a-uuid`, as(owner))).body.code).toBe('invitation.not_found');
  });

  it('refuses an unknown role with 404 role.not_found and a role above the inviter with 403 permission.denied', async () => {
    const owner = await register(app.api);
    const workspaceAdmin = await register(app.api);
    const workspace = await newWorkspace(owner);
    await join(owner, workspace, workspaceAdmin, 'admin');
    const unknown = await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: uniqueEmail(), role: 'wizard' }, as(owner));
    expect([unknown.status, unknown.body.code]).toEqual([404, 'role.not_found']);
    const above = await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: uniqueEmail(), role: 'owner' }, as(workspaceAdmin));
    expect([above.status, above.body.code]).toEqual([403, 'permission.denied']);
    expect((await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: uniqueEmail(), role: 'admin' }, as(workspaceAdmin))).status).toBe(201);
  });

  it('does not let an invitation into a deleted workspace be accepted', async () => {
    const owner = await register(app.api);
    const invitee = await register(app.api);
    const workspace = await newWorkspace(owner);
    const { token } = (await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: invitee.user.email, role: 'member' }, as(owner))).body;
    expect((await app.api.delete(`/workspaces/${workspace.id}`, as(owner))).status).toBe(204);
    expect((await app.api.post('/invitations/accept', { token }, as(invitee))).body.code).toBe('invitation.not_found');
  });
});

describe('members', () => {
  async function team() {
    const owner = await register(app.api, { name: 'Owner' });
    const workspaceAdmin = await register(app.api, { name: 'Admin' });
    const member = await register(app.api, { name: 'Member' });
    const workspace = await newWorkspace(owner);
    await join(owner, workspace, workspaceAdmin, 'admin');
    await join(owner, workspace, member, 'member');
    return { owner, workspaceAdmin, member, workspace };
  }

  it('lists members newest first with their user and role, page by page', async () => {
    const { owner, workspaceAdmin, member, workspace } = await team();
    const first = await app.api.get(`/workspaces/${workspace.id}/members?limit=2`, as(owner));
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      { user: { id: member.user.id, email: member.user.email, name: 'Member' }, role: 'member', joinedAt: expect.any(String) },
      { user: { id: workspaceAdmin.user.id, email: workspaceAdmin.user.email, name: 'Admin' }, role: 'admin', joinedAt: expect.any(String) },
    ]);
    const second = await app.api.get(`/workspaces/${workspace.id}/members?limit=2&cursor=${first.body.nextCursor}`, as(owner));
    expect([second.body.items.map((item: { user: { id: string } }) => item.user.id), second.body.nextCursor]).toEqual([[owner.user.id], null]);
  });

  it('needs members:read to list: a member gets 403 permission.denied', async () => {
    const { member, workspace } = await team();
    const response = await app.api.get(`/workspaces/${workspace.id}/members`, as(member));
    expect([response.status, response.body.details]).toEqual([403, [{ required: 'members:read' }]]);
  });

  it('lets an admin change a member’s role, and records it', async () => {
    const { workspaceAdmin, member, workspace } = await team();
    const response = await app.api.patch(`/workspaces/${workspace.id}/members/${member.user.id}`, { role: 'viewer' }, as(workspaceAdmin));
    expect([response.status, response.body.role]).toEqual([200, 'viewer']);
    expect((await app.api.get(`/workspaces/${workspace.id}`, as(member))).body.role).toBe('viewer');
    const [event] = await auditEvents(app, 'member.updated', { userId: workspaceAdmin.user.id });
    expect(event.details).toMatchObject({ workspaceId: workspace.id, memberId: member.user.id, before: { role: 'member' }, after: { role: 'viewer' } });
  });

  it('refuses a change of one’s own role with 403 user.self_change', async () => {
    const { workspaceAdmin, workspace } = await team();
    const response = await app.api.patch(`/workspaces/${workspace.id}/members/${workspaceAdmin.user.id}`, { role: 'owner' }, as(workspaceAdmin));
    expect([response.status, response.body.code]).toEqual([403, 'user.self_change']);
  });

  it('does not let an admin name an owner or touch one: 403 permission.denied', async () => {
    const { owner, workspaceAdmin, member, workspace } = await team();
    const promote = await app.api.patch(`/workspaces/${workspace.id}/members/${member.user.id}`, { role: 'owner' }, as(workspaceAdmin));
    expect([promote.status, promote.body.code]).toEqual([403, 'permission.denied']);
    const demote = await app.api.patch(`/workspaces/${workspace.id}/members/${owner.user.id}`, { role: 'member' }, as(workspaceAdmin));
    expect([demote.status, demote.body.code]).toEqual([403, 'permission.denied']);
    const remove = await app.api.delete(`/workspaces/${workspace.id}/members/${owner.user.id}`, as(workspaceAdmin));
    expect([remove.status, remove.body.code]).toEqual([403, 'permission.denied']);
  });

  it('keeps the last owner: demoting or removing them is 409 member.last_owner, leaving too', async () => {
    const { owner, workspace } = await team();
    const demote = await app.api.patch(`/workspaces/${workspace.id}/members/${owner.user.id}`, { role: 'admin' }, as(admin));
    expect([demote.status, demote.body.code]).toEqual([409, 'member.last_owner']);
    const leave = await app.api.delete(`/workspaces/${workspace.id}/members/${owner.user.id}`, as(owner));
    expect([leave.status, leave.body.code]).toEqual([409, 'member.last_owner']);
  });

  it('lets an owner leave once another owner exists', async () => {
    const { owner, member, workspace } = await team();
    expect((await app.api.patch(`/workspaces/${workspace.id}/members/${member.user.id}`, { role: 'owner' }, as(owner))).status).toBe(200);
    expect((await app.api.delete(`/workspaces/${workspace.id}/members/${owner.user.id}`, as(owner))).status).toBe(204);
    expect((await app.api.get(`/workspaces/${workspace.id}`, as(owner))).body.code).toBe('workspace.not_found');
  });

  it('lets a member leave without members:write, but not remove someone else', async () => {
    const { workspaceAdmin, member, workspace } = await team();
    const removeOther = await app.api.delete(`/workspaces/${workspace.id}/members/${workspaceAdmin.user.id}`, as(member));
    expect([removeOther.status, removeOther.body.details]).toEqual([403, [{ required: 'members:write' }]]);
    expect((await app.api.delete(`/workspaces/${workspace.id}/members/${member.user.id}`, as(member))).status).toBe(204);
    const [event] = await auditEvents(app, 'member.removed', { userId: member.user.id });
    expect(event.details).toMatchObject({ memberId: member.user.id, left: true });
  });

  it('lets an admin remove a member, who then gets 404 for the workspace', async () => {
    const { workspaceAdmin, member, workspace } = await team();
    expect((await app.api.delete(`/workspaces/${workspace.id}/members/${member.user.id}`, as(workspaceAdmin))).status).toBe(204);
    expect((await app.api.get(`/workspaces/${workspace.id}`, as(member))).body.code).toBe('workspace.not_found');
    const again = await app.api.delete(`/workspaces/${workspace.id}/members/${member.user.id}`, as(workspaceAdmin));
    expect([again.status, again.body.code]).toEqual([404, 'member.not_found']);
  });

  it('answers 404 member.not_found for someone who is not a member, and 404 role.not_found for an unknown role', async () => {
    const { owner, member, workspace } = await team();
    const stranger = await register(app.api);
    expect((await app.api.patch(`/workspaces/${workspace.id}/members/${stranger.user.id}`, { role: 'viewer' }, as(owner))).body.code).toBe('member.not_found');
    expect((await app.api.patch(`/workspaces/${workspace.id}/members/not-a-uuid`, { role: 'viewer' }, as(owner))).body.code).toBe('member.not_found');
    expect((await app.api.patch(`/workspaces/${workspace.id}/members/${member.user.id}`, { role: 'wizard' }, as(owner))).body.code).toBe('role.not_found');
  });
});

describe('other tenants', () => {
  it('answers every workspace route of another workspace with 404 workspace.not_found, whatever the method', async () => {
    const owner = await register(app.api);
    const outsider = await register(app.api);
    const workspace = await newWorkspace(owner);
    const invitation = (await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: uniqueEmail(), role: 'member' }, as(owner))).body;
    await app.api.post(`/workspaces/${workspace.id}/roles`, { name: 'editor', permissions: ['contents:read'] }, as(owner));
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/workspaces/${workspace.id}`],
      ['PATCH', `/workspaces/${workspace.id}`, { name: 'Taken over' }],
      ['DELETE', `/workspaces/${workspace.id}`],
      ['GET', `/workspaces/${workspace.id}/members`],
      ['PATCH', `/workspaces/${workspace.id}/members/${owner.user.id}`, { role: 'viewer' }],
      ['DELETE', `/workspaces/${workspace.id}/members/${owner.user.id}`],
      ['POST', `/workspaces/${workspace.id}/invitations`, { email: outsider.user.email, role: 'owner' }],
      ['GET', `/workspaces/${workspace.id}/invitations`],
      ['DELETE', `/workspaces/${workspace.id}/invitations/${invitation.id}`],
      ['GET', `/workspaces/${workspace.id}/roles`],
      ['POST', `/workspaces/${workspace.id}/roles`, { name: 'intruder', permissions: [] }],
      ['PATCH', `/workspaces/${workspace.id}/roles/editor`, { permissions: [] }],
      ['DELETE', `/workspaces/${workspace.id}/roles/editor`],
    ];
    for (const [method, path, body] of routes) {
      const response = await app.api.request(method, path, body, as(outsider));
      expect([method, path, response.status, response.body.code]).toEqual([method, path, 404, 'workspace.not_found']);
    }
    expect((await app.api.get(`/workspaces/${workspace.id}`, as(owner))).body.name).toBe('Acme');
    expect((await app.api.get(`/workspaces/${workspace.id}/roles`, as(owner))).body.map((role: { name: string }) => role.name)).toContain('editor');
  });
});

describe('workspace roles', () => {
  it('lists the five shared built-ins, then the workspace’s own custom roles', async () => {
    const owner = await register(app.api);
    const workspace = await newWorkspace(owner);
    expect((await app.api.post(`/workspaces/${workspace.id}/roles`, { name: 'editor', permissions: ['contents:read', 'contents:write'] }, as(owner))).status).toBe(201);
    const response = await app.api.get(`/workspaces/${workspace.id}/roles`, as(owner));
    expect(response.status).toBe(200);
    expect(response.body.map((role: { name: string; builtIn: boolean }) => [role.name, role.builtIn])).toEqual([
      ['owner', true], ['admin', true], ['member', true], ['viewer', true], ['auditor', true], ['editor', false],
    ]);
    expect(response.body[1].permissions).toEqual(['contents:*', 'keys:*', 'members:*', 'roles:*', 'audit:read', 'apps:*', 'keys:verify']);
  });

  it('keeps custom roles to their workspace: another workspace neither lists nor grants them', async () => {
    const owner = await register(app.api);
    const invitee = await register(app.api);
    const mine = await newWorkspace(owner);
    const other = await newWorkspace(owner);
    await app.api.post(`/workspaces/${mine.id}/roles`, { name: 'editor', permissions: ['contents:read'] }, as(owner));
    expect((await app.api.get(`/workspaces/${other.id}/roles`, as(owner))).body.map((role: { name: string }) => role.name)).not.toContain('editor');
    const invited = await app.api.post(`/workspaces/${other.id}/invitations`, { email: invitee.user.email, role: 'editor' }, as(owner));
    expect([invited.status, invited.body.code]).toEqual([404, 'role.not_found']);
  });

  it('grants a custom role to a member, and a change to the role changes what they may do', async () => {
    const owner = await register(app.api);
    const member = await register(app.api);
    const workspace = await newWorkspace(owner);
    await app.api.post(`/workspaces/${workspace.id}/roles`, { name: 'people', permissions: ['members:read'] }, as(owner));
    await join(owner, workspace, member, 'people');
    expect((await app.api.get(`/workspaces/${workspace.id}/members`, as(member))).status).toBe(200);
    const updated = await app.api.patch(`/workspaces/${workspace.id}/roles/people`, { permissions: ['contents:read'] }, as(owner));
    expect([updated.status, updated.body.permissions]).toEqual([200, ['contents:read']]);
    expect((await app.api.get(`/workspaces/${workspace.id}/members`, as(member))).status).toBe(403);
  });

  it('refuses a built-in name with 409 role.exists, a duplicate likewise, and changes to built-ins with 403 role.builtin', async () => {
    const owner = await register(app.api);
    const workspace = await newWorkspace(owner);
    expect((await app.api.post(`/workspaces/${workspace.id}/roles`, { name: 'admin', permissions: [] }, as(owner))).body.code).toBe('role.exists');
    await app.api.post(`/workspaces/${workspace.id}/roles`, { name: 'editor', permissions: [] }, as(owner));
    expect((await app.api.post(`/workspaces/${workspace.id}/roles`, { name: 'editor', permissions: [] }, as(owner))).body.code).toBe('role.exists');
    const change = await app.api.patch(`/workspaces/${workspace.id}/roles/member`, { permissions: ['*'] }, as(owner));
    expect([change.status, change.body.code]).toEqual([403, 'role.builtin']);
    const remove = await app.api.delete(`/workspaces/${workspace.id}/roles/viewer`, as(owner));
    expect([remove.status, remove.body.code]).toEqual([403, 'role.builtin']);
  });

  it('refuses instance permissions in a workspace role, even to an owner, with 403 permission.denied naming them', async () => {
    const owner = await register(app.api);
    const workspace = await newWorkspace(owner);
    const response = await app.api.post(`/workspaces/${workspace.id}/roles`, { name: 'sneaky', permissions: ['users:write', 'workspaces:*', 'contents:read'] }, as(owner));
    expect([response.status, response.body.code, response.body.details]).toEqual([403, 'permission.denied', [{ required: 'users:write' }, { required: 'workspaces:*' }]]);
  });

  it('does not let an admin create or edit a role above themselves', async () => {
    const owner = await register(app.api);
    const workspaceAdmin = await register(app.api);
    const workspace = await newWorkspace(owner);
    await join(owner, workspace, workspaceAdmin, 'admin');
    const create = await app.api.post(`/workspaces/${workspace.id}/roles`, { name: 'almost-owner', permissions: ['*'] }, as(workspaceAdmin));
    expect([create.status, create.body.code]).toEqual([403, 'permission.denied']);
    await app.api.post(`/workspaces/${workspace.id}/roles`, { name: 'billing', permissions: ['*'] }, as(owner));
    const edit = await app.api.patch(`/workspaces/${workspace.id}/roles/billing`, { permissions: ['contents:read'] }, as(workspaceAdmin));
    expect([edit.status, edit.body.code]).toEqual([403, 'permission.denied']);
  });

  it('refuses to delete a role someone holds with 409 role.in_use, then deletes it once nobody does', async () => {
    const owner = await register(app.api);
    const member = await register(app.api);
    const workspace = await newWorkspace(owner);
    await app.api.post(`/workspaces/${workspace.id}/roles`, { name: 'editor', permissions: ['contents:read'] }, as(owner));
    await join(owner, workspace, member, 'editor');
    const refused = await app.api.delete(`/workspaces/${workspace.id}/roles/editor`, as(owner));
    expect([refused.status, refused.body.code]).toEqual([409, 'role.in_use']);
    await app.api.patch(`/workspaces/${workspace.id}/members/${member.user.id}`, { role: 'viewer' }, as(owner));
    expect((await app.api.delete(`/workspaces/${workspace.id}/roles/editor`, as(owner))).status).toBe(204);
    expect((await app.api.delete(`/workspaces/${workspace.id}/roles/editor`, as(owner))).body.code).toBe('role.not_found');
    const [event] = (await auditEvents(app, 'role.deleted', { userId: owner.user.id })).slice(-1);
    expect(event.details).toMatchObject({ workspaceId: workspace.id, role: 'editor' });
  });

  it('needs roles:read to list and roles:write to change: a member gets 403 permission.denied', async () => {
    const owner = await register(app.api);
    const member = await register(app.api);
    const workspace = await newWorkspace(owner);
    await join(owner, workspace, member, 'member');
    expect((await app.api.get(`/workspaces/${workspace.id}/roles`, as(member))).body.details).toEqual([{ required: 'roles:read' }]);
    expect((await app.api.post(`/workspaces/${workspace.id}/roles`, { name: 'x1', permissions: [] }, as(member))).body.details).toEqual([{ required: 'roles:write' }]);
  });
});

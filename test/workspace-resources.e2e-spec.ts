import { startTestApp, type TestApp } from './helpers/app.js';
import { anyRange, awaitAuditEvents } from './helpers/audit.js';
import { createKey, register, type Session } from './helpers/factories.js';
import { as, calling, newMember, newWorkspace, personalOf, type TestWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

/**
 * API.md §9: keys, contents and audit events belong to a workspace; a key acts as its owner in
 * its workspace (the owner's role there ∩ its scopes, on every request); a signed-in user names
 * the workspace of an un-prefixed call with X-Workspace, else acts in their personal one.
 */
let app: TestApp;
let admin: Session; // the first account: instance admin
let owner: Session;
let team: TestWorkspace;

beforeAll(async () => {
  app = await startTestApp();
  admin = await register(app.api, { name: 'Instance Admin' });
  owner = await register(app.api, { name: 'Owner' });
  team = await newWorkspace(app, owner, 'Acme');
});
afterAll(() => app?.close());

const inTeam = () => calling(owner, team);

describe('a solo user never thinks about workspaces', () => {
  it('creates keys and contents in their personal workspace, and the key acts there as its owner', async () => {
    const solo = await register(app.api);
    const personal = await personalOf(app, solo);
    const key = await createKey(app.api, solo.accessToken, { scopes: ['contents:read', 'contents:write'] });
    expect(key.workspaceId).toBe(personal.id);
    const written = await app.api.post('/contents', { title: 'mine' }, { apiKey: key.key });
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ workspaceId: personal.id, authorId: solo.user.id });
    const me = await app.api.get('/auth/me', { apiKey: key.key });
    expect(me.body).toMatchObject({ permissions: ['contents:read', 'contents:write'], workspace: { id: personal.id, role: 'owner', name: 'Personal' } });
    expect((await app.api.get('/contents', { token: solo.accessToken })).body.items.map((item: { id: string }) => item.id)).toEqual([written.body.id]);
  });
});

describe('X-Workspace and /workspaces/:ws/… for a signed-in user', () => {
  it('reaches the same contents by the prefixed path and by X-Workspace (id or slug), and nothing of them without it', async () => {
    const created = await app.api.post(`/workspaces/${team.slug}/contents`, { title: 'shared' }, { token: owner.accessToken });
    expect([created.status, created.body.workspaceId]).toEqual([201, team.id]);
    for (const options of [{ headers: { 'x-workspace': team.slug } }, { headers: { 'x-workspace': team.id } }]) {
      const listed = await app.api.get('/contents', { token: owner.accessToken, ...options });
      expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);
    }
    const prefixed = await app.api.get(`/workspaces/${team.id}/contents/${created.body.id}`, { token: owner.accessToken });
    expect(prefixed.body).toMatchObject({ id: created.body.id, title: 'shared' });
    const personal = await app.api.get(`/contents/${created.body.id}`, { token: owner.accessToken });
    expect([personal.status, personal.body.code]).toEqual([404, 'content.not_found']);
  });

  it('answers a workspace the caller is not in, an unknown one and a repeated header with 404 workspace.not_found', async () => {
    const outsider = await register(app.api);
    for (const headers of [{ 'x-workspace': team.slug }, { 'x-workspace': 'no-such-workspace' }, { 'x-workspace': 'Not A Slug!' }]) {
      const res = await app.api.get('/contents', { token: outsider.accessToken, headers });
      expect([headers['x-workspace'], res.status, res.body.code]).toEqual([headers['x-workspace'], 404, 'workspace.not_found']);
    }
    const prefixed = await app.api.get(`/workspaces/${team.slug}/api-keys`, { token: outsider.accessToken });
    expect([prefixed.status, prefixed.body.code]).toEqual([404, 'workspace.not_found']);
    const repeated = await fetch(`${app.url}/api/v1/contents`, {
      headers: [
        ['authorization', `Bearer ${owner.accessToken}`],
        ['x-workspace', team.slug],
        ['x-workspace', team.slug],
      ],
    });
    expect(repeated.status).toBe(404);
  });

  it('shows the workspace of the call and the permissions there on /auth/me', async () => {
    const viewer = await newMember(app, owner, team, 'viewer');
    const me = await app.api.get('/auth/me', as(viewer));
    expect(me.body).toMatchObject({
      permissions: ['contents:read', 'keys:read', 'keys:write'],
      instancePermissions: [],
      workspace: { id: team.id, slug: team.slug, name: 'Acme', role: 'viewer' },
    });
  });

  it('lets an instance admin act as owner in a workspace they are not a member of', async () => {
    const res = await app.api.get('/auth/me', { token: admin.accessToken, headers: { 'x-workspace': team.slug } });
    expect(res.body.workspace).toMatchObject({ id: team.id, role: 'owner' });
  });
});

describe('a key of a shared workspace acts as its owner there', () => {
  it('works with the creator’s workspace role ∩ its scopes, and loses contents:write the moment the creator is demoted', async () => {
    const bob = await newMember(app, owner, team, 'member', 'Bob');
    const key = await createKey(app.api, as(bob), { scopes: ['contents:read', 'contents:write'] });
    expect(key.workspaceId).toBe(team.id);
    expect((await app.api.post('/contents', { title: 'by bob’s key' }, { apiKey: key.key })).body.workspaceId).toBe(team.id);

    expect((await app.api.patch(`/workspaces/${team.slug}/members/${bob.user.id}`, { role: 'viewer' }, as(inTeam()))).status).toBe(200);
    const refused = await app.api.post('/contents', { title: 'after the demotion' }, { apiKey: key.key });
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([403, 'permission.denied', [{ required: 'contents:write' }]]);
    expect((await app.api.get('/contents', { apiKey: key.key })).status).toBe(200);
  });

  it('is refused with 401 api_key.owner_not_member once its owner is removed, and audited as a failed check', async () => {
    const carol = await newMember(app, owner, team, 'member', 'Carol');
    const key = await createKey(app.api, as(carol), { scopes: ['contents:read'] });
    expect((await app.api.get('/contents', { apiKey: key.key })).status).toBe(200);
    expect((await app.api.delete(`/workspaces/${team.slug}/members/${carol.user.id}`, as(inTeam()))).status).toBe(204);
    const refused = await app.api.get('/contents', { apiKey: key.key });
    expect([refused.status, refused.body.code]).toEqual([401, 'api_key.owner_not_member']);
    const [failed] = await awaitAuditEvents(app, 'api_key.auth_failed', { apiKeyId: key.id }, 1, (event) => event.details.reason === 'owner_not_member');
    expect(failed).toMatchObject({ statusCode: 401, userId: carol.user.id, workspaceId: team.id });
  });

  it('works again once an admin transfers it, as the new owner, with the scopes the new owner lacks dropped and reported', async () => {
    const dave = await newMember(app, owner, team, 'member', 'Dave');
    const erin = await newMember(app, owner, team, 'viewer', 'Erin');
    const key = await createKey(app.api, as(dave), { scopes: ['contents:read', 'contents:write', 'contents:delete'] });
    await app.api.delete(`/workspaces/${team.slug}/members/${dave.user.id}`, as(inTeam()));
    expect((await app.api.get('/contents', { apiKey: key.key })).body.code).toBe('api_key.owner_not_member');

    const moved = await app.api.post(`/workspaces/${team.slug}/api-keys/${key.id}/transfer`, { userId: erin.user.id }, as(inTeam()));
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: key.id, userId: erin.user.id, workspaceId: team.id, scopes: ['contents:read'], droppedScopes: ['contents:delete', 'contents:write'] });
    const me = await app.api.get('/auth/me', { apiKey: key.key });
    expect(me.body).toMatchObject({ user: { id: erin.user.id }, permissions: ['contents:read'], workspace: { role: 'viewer' } });
    const [event] = await awaitAuditEvents(app, 'api_key.transferred', { apiKeyId: key.id });
    expect(event).toMatchObject({ userId: owner.user.id, workspaceId: team.id, details: { fromUserId: dave.user.id, toUserId: erin.user.id, droppedScopes: ['contents:delete', 'contents:write'] } });
  });

  it('refuses a transfer to someone who is not a member (404 member.not_found), without keys:admin (403), and of another workspace’s key (404)', async () => {
    const frank = await newMember(app, owner, team, 'member', 'Frank');
    const key = await createKey(app.api, as(frank));
    const outsider = await register(app.api);
    const notMember = await app.api.post(`/workspaces/${team.slug}/api-keys/${key.id}/transfer`, { userId: outsider.user.id }, as(inTeam()));
    expect([notMember.status, notMember.body.code]).toEqual([404, 'member.not_found']);
    const byMember = await app.api.post(`/api-keys/${key.id}/transfer`, { userId: frank.user.id }, as(frank));
    expect([byMember.status, byMember.body.code, byMember.body.details]).toEqual([403, 'permission.denied', [{ required: 'keys:admin' }]]);
    const personalKey = await createKey(app.api, outsider.accessToken);
    const elsewhere = await app.api.post(`/workspaces/${team.slug}/api-keys/${personalKey.id}/transfer`, { userId: frank.user.id }, as(inTeam()));
    expect([elsewhere.status, elsewhere.body.code]).toEqual([404, 'api_key.not_found']);
    expect((await app.api.get(`/api-keys/${key.id}`, as(frank))).body.userId).toBe(frank.user.id);
  });

  it('reaches its own workspace’s path, and gets 404 workspace.not_found on any other workspace’s', async () => {
    const grace = await newMember(app, owner, team, 'member', 'Grace');
    const key = await createKey(app.api, as(grace), { scopes: ['contents:read'] });
    expect((await app.api.get(`/workspaces/${team.slug}/contents`, { apiKey: key.key })).status).toBe(200);
    expect((await app.api.get(`/workspaces/${team.id}/contents`, { apiKey: key.key })).status).toBe(200);
    const personal = await personalOf(app, grace);
    for (const path of [`/workspaces/${personal.id}/contents`, `/workspaces/${personal.slug}/audit-logs`, '/workspaces/no-such-one/contents']) {
      const res = await app.api.get(path, { apiKey: key.key });
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'workspace.not_found']);
    }
    // X-Workspace names nothing for a key: it acts in its own workspace whatever the header says.
    const headed = await app.api.get('/auth/me', { apiKey: key.key, headers: { 'x-workspace': personal.slug } });
    expect(headed.body.workspace.id).toBe(team.id);
  });

  it('stops at once when its workspace is deleted', async () => {
    const doomed = await newWorkspace(app, owner, 'Doomed');
    const key = await createKey(app.api, as(calling(owner, doomed)), { scopes: ['contents:read'] });
    expect((await app.api.get('/contents', { apiKey: key.key })).status).toBe(200);
    expect((await app.api.delete(`/workspaces/${doomed.slug}`, { token: owner.accessToken })).status).toBe(204);
    const refused = await app.api.get('/contents', { apiKey: key.key });
    expect([refused.status, refused.body.code]).toEqual([401, 'api_key.revoked']);
  });
});

describe('key scopes are workspace permissions', () => {
  it('refuses a scope only an instance role holds, even to the workspace’s owner (403 permission.denied)', async () => {
    for (const scope of ['users:read', 'workspaces:write', 'users:*']) {
      const res = await app.api.post('/api-keys', { name: 'too much', scopes: ['contents:read', scope] }, as(inTeam()));
      expect([scope, res.status, res.body.code, res.body.details]).toEqual([scope, 403, 'permission.denied', [{ required: scope }]]);
    }
  });

  it('refuses a scope beyond the creator’s role in that workspace though they hold it elsewhere', async () => {
    const hank = await newMember(app, owner, team, 'viewer', 'Hank');
    const res = await app.api.post('/api-keys', { name: 'writer', scopes: ['contents:write'] }, as(hank));
    expect([res.status, res.body.details]).toEqual([403, [{ required: 'contents:write' }]]);
    // In their personal workspace, which they own, the same key is theirs to make.
    expect((await app.api.post('/api-keys', { name: 'writer', scopes: ['contents:write'] }, { token: hank.accessToken })).status).toBe(201);
  });
});

describe('plan limits per workspace (PATCH /workspaces/:ws/plan)', () => {
  let planned: TestWorkspace;
  let worker: WorkspaceSession;

  beforeAll(async () => {
    planned = await newWorkspace(app, owner, 'Small plan');
    worker = await newMember(app, owner, planned, 'member', 'Worker');
    const set = await app.api.patch(`/workspaces/${planned.slug}/plan`, { maxRateLimit: 50, maxKeysPerUser: 2 }, { token: admin.accessToken });
    expect(set.body.plan).toEqual({ maxRateLimit: 50, maxKeysPerUser: 2 });
  });

  it('refuses a rateLimit above the workspace’s maxRateLimit with 400 validation.failed, on create and on update', async () => {
    const over = await app.api.post('/api-keys', { name: 'fast', rateLimit: 51 }, as(worker));
    expect([over.status, over.body.code, over.body.details]).toEqual([400, 'validation.failed', [{ field: 'rateLimit', message: 'rateLimit must not be greater than 50' }]]);
    const key = await createKey(app.api, as(worker), { rateLimit: 50 });
    expect((await app.api.patch(`/api-keys/${key.id}`, { rateLimit: 60 }, as(worker))).body.code).toBe('validation.failed');
    await app.api.delete(`/api-keys/${key.id}`, as(worker));
  });

  it('gives a key with no rateLimit the lower of DEFAULT_RATE_LIMIT and the plan’s maximum', async () => {
    const key = await createKey(app.api, as(worker));
    expect(key.rateLimit).toBe(50);
    await app.api.delete(`/api-keys/${key.id}`, as(worker));
  });

  it('counts maxKeysPerUser per workspace (409 api_key.limit_reached), not the keys the user holds elsewhere', async () => {
    await createKey(app.api, as(worker));
    await createKey(app.api, as(worker));
    const third = await app.api.post('/api-keys', { name: 'third' }, as(worker));
    expect([third.status, third.body.code]).toEqual([409, 'api_key.limit_reached']);
    expect((await app.api.post('/api-keys', { name: 'personal' }, { token: worker.accessToken })).status).toBe(201);
  });

  it('is an instance decision: a workspace owner gets 403 permission.denied naming workspaces:write', async () => {
    const res = await app.api.patch(`/workspaces/${planned.slug}/plan`, { maxRateLimit: 100_000 }, { token: owner.accessToken });
    expect([res.status, res.body.code, res.body.details]).toEqual([403, 'permission.denied', [{ required: 'workspaces:write' }]]);
  });
});

describe('listing keys in a workspace', () => {
  it('shows a member their own keys there, and keys:admin every member’s keys of that workspace only', async () => {
    const ivy = await newMember(app, owner, team, 'member', 'Ivy');
    const ivysTeamKey = await createKey(app.api, as(ivy));
    const ivysPersonalKey = await createKey(app.api, ivy.accessToken);
    const own = await app.api.get('/api-keys?limit=100', as(ivy));
    expect(own.body.items.map((key: { id: string }) => key.id)).toEqual([ivysTeamKey.id]);
    const everyone = await app.api.get('/api-keys?all=true&limit=100', as(inTeam()));
    const ids = everyone.body.items.map((key: { id: string }) => key.id);
    expect(ids).toContain(ivysTeamKey.id);
    expect(ids).not.toContain(ivysPersonalKey.id);
    expect(everyone.body.items.every((key: { workspaceId: string }) => key.workspaceId === team.id)).toBe(true);
  });

  it('revokes all of the caller’s keys in the workspace of the call, and none elsewhere', async () => {
    const jack = await newMember(app, owner, team, 'member', 'Jack');
    const teamKey = await createKey(app.api, as(jack));
    const personalKey = await createKey(app.api, jack.accessToken);
    expect((await app.api.post('/api-keys/revoke-all', undefined, as(jack))).body).toEqual({ revoked: 1 });
    expect((await app.api.get(`/api-keys/${teamKey.id}`, as(jack))).body.status).toBe('revoked');
    expect((await app.api.get(`/api-keys/${personalKey.id}`, { token: jack.accessToken })).body.status).toBe('active');
  });
});

describe('the audit log of a workspace', () => {
  let kate: WorkspaceSession;
  let auditorOfTeam: WorkspaceSession;

  beforeAll(async () => {
    kate = await newMember(app, owner, team, 'member', 'Kate');
    auditorOfTeam = await newMember(app, owner, team, 'auditor', 'Team Auditor');
    const key = await createKey(app.api, as(kate), { scopes: ['contents:read'] });
    await app.api.get('/contents', { apiKey: key.key });
    await awaitAuditEvents(app, 'api_key.used', { apiKeyId: key.id });
  });

  it('shows its auditors that workspace’s events only, each naming it, on both paths', async () => {
    for (const [path, options] of [
      ['/audit-logs?limit=500', as(auditorOfTeam)],
      [`/workspaces/${team.slug}/audit-logs?limit=500`, { token: auditorOfTeam.accessToken }],
    ] as const) {
      const res = await app.api.get(path, options);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(3);
      expect(res.body.items.every((event: { workspaceId: string }) => event.workspaceId === team.id)).toBe(true);
      expect(res.body.items.map((event: { type: string }) => event.type)).toEqual(expect.arrayContaining(['api_key.created', 'api_key.used', 'invitation.accepted']));
    }
  });

  it('exports that workspace’s events only', async () => {
    const res = await fetch(`${app.url}/api/v1/workspaces/${team.slug}/audit-logs/export`, { headers: { authorization: `Bearer ${auditorOfTeam.accessToken}` } });
    expect(res.status).toBe(200);
    const events = (await res.text()).trim().split('\n').map((line) => JSON.parse(line) as { workspaceId: string });
    expect(events.length).toBeGreaterThan(3);
    expect(events.every((event) => event.workspaceId === team.id)).toBe(true);
  });

  it('shows a member without audit:read only events about themselves there', async () => {
    const res = await app.api.get('/audit-logs?limit=500', as(kate));
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((event: { userId: string | null; workspaceId: string | null }) => event.userId === kate.user.id && [team.id, null].includes(event.workspaceId))).toBe(true);
  });

  it('lets its auditors verify its own chain', async () => {
    const res = await app.api.get(`/workspaces/${team.slug}/audit-logs/verify`, { token: auditorOfTeam.accessToken });
    expect(res.body).toEqual({ valid: true, checked: expect.any(Number), ...anyRange });
    expect(res.body.checked).toBeGreaterThan(3);
  });

  it('gives instance auditors every workspace’s events with ?all=true, and refuses ?all=true to anyone else (403)', async () => {
    const all = await app.api.get('/audit-logs?all=true&limit=500', { token: admin.accessToken, headers: { 'x-workspace': team.slug } });
    const workspaces = new Set(all.body.items.map((event: { workspaceId: string | null }) => event.workspaceId));
    expect(workspaces.has(team.id)).toBe(true);
    expect(workspaces.has(null)).toBe(true);
    const refused = await app.api.get('/audit-logs?all=true', as(auditorOfTeam));
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([403, 'permission.denied', [{ required: 'audit:read' }]]);
  });
});

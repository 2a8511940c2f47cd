import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { register, setRoles, type Session } from './helpers/factories.js';

let app: TestApp;
let admin: Session;
const others: Session[] = [];

beforeAll(async () => {
  app = await startTestApp();
  admin = await register(app.api);
  for (let i = 0; i < 4; i++) others.push(await register(app.api, { name: `User ${i}` }));
});
afterAll(() => app?.close());

const auth = () => ({ token: admin.accessToken });

describe('GET /users', () => {
  it('pages newest first with a cursor', async () => {
    const first = await app.api.get('/users?limit=2', auth());
    expect(first.status).toBe(200);
    expect(first.body.items.map((u: { id: string }) => u.id)).toEqual([others[3].user.id, others[2].user.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await app.api.get(`/users?limit=2&cursor=${first.body.nextCursor}`, auth());
    expect(second.body.items.map((u: { id: string }) => u.id)).toEqual([others[1].user.id, others[0].user.id]);
    const last = await app.api.get(`/users?limit=2&cursor=${second.body.nextCursor}`, auth());
    expect(last.body.items.map((u: { id: string }) => u.id)).toEqual([admin.user.id]);
    expect(last.body.nextCursor).toBeNull();
  });

  it('shows users in the contract shape (with twoFactorEnabled, API.md §10), never a password hash or secret', async () => {
    const res = await app.api.get('/users?limit=1', auth());
    expect(Object.keys(res.body.items[0]).sort()).toEqual(['active', 'createdAt', 'email', 'id', 'name', 'roles', 'twoFactorEnabled']);
  });

  it('refuses a bad limit or cursor with validation.failed', async () => {
    expect((await app.api.get('/users?limit=1000', auth())).body.code).toBe('validation.failed');
    expect((await app.api.get('/users?cursor=garbage', auth())).body.code).toBe('validation.failed');
  });

  it.each([
    ['an id that is not a UUID', ['2026-11-23T10:00:00.000Z', 'not-a-uuid']],
    ['a time PostgreSQL cannot hold', ['-271821-04-20T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']],
  ])('refuses a forged cursor holding %s with 400 validation.failed, not a 500', async (_label, forged) => {
    const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
    const res = await app.api.get(`/users?cursor=${cursor}`, auth());
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details).toEqual([{ field: 'cursor', message: 'cursor is not valid' }]);
  });

  it('needs users:read', async () => {
    const res = await app.api.get('/users', { token: others[0].accessToken });
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual([{ required: 'users:read' }]);
  });

  it('is open to an auditor', async () => {
    const auditor = await register(app.api);
    await app.api.patch(`/users/${auditor.user.id}`, { roles: ['auditor'] }, auth());
    expect((await app.api.get('/users', { token: auditor.accessToken })).status).toBe(200);
  });
});

describe('GET /users/:id', () => {
  it('returns one user', async () => {
    const res = await app.api.get(`/users/${others[0].user.id}`, auth());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: others[0].user.id, name: 'User 0', roles: [] });
  });

  it('needs users:read: 403 permission.denied naming it', async () => {
    const res = await app.api.get(`/users/${others[1].user.id}`, { token: others[0].accessToken });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('permission.denied');
    expect(res.body.details).toEqual([{ required: 'users:read' }]);
  });

  it('answers an unknown or malformed id with 404 user.not_found', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      const res = await app.api.get(`/users/${id}`, auth());
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('user.not_found');
    }
  });
});

describe('PATCH /users/:id', () => {
  it('changes name, roles and active, and records user.updated', async () => {
    const target = await register(app.api);
    const res = await app.api.patch(`/users/${target.user.id}`, { name: 'Renamed', roles: ['viewer', 'auditor'] }, auth());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed', roles: ['auditor', 'viewer'], active: true });
    const events = await awaitAuditEvents(app, 'user.updated', { userId: admin.user.id });
    const event = events.find((e) => e.details.targetUserId === target.user.id);
    expect(event?.details.after).toEqual({ name: 'Renamed', roles: ['auditor', 'viewer'], active: true });
  });

  it('demotes a user with effect on their very next request', async () => {
    const target = await register(app.api);
    await setRoles(app, target.user.id, ['auditor']);
    expect((await app.api.get('/users', { token: target.accessToken })).status).toBe(200);
    await app.api.patch(`/users/${target.user.id}`, { roles: [] }, auth());
    const res = await app.api.get('/users', { token: target.accessToken });
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual([{ required: 'users:read' }]);
  });

  it('disables a user with effect on their very next request, and enables again', async () => {
    const target = await register(app.api);
    await app.api.patch(`/users/${target.user.id}`, { active: false }, auth());
    expect((await app.api.get('/auth/me', { token: target.accessToken })).body.code).toBe('user.disabled');
    await app.api.patch(`/users/${target.user.id}`, { active: true }, auth());
    expect((await app.api.get('/auth/me', { token: target.accessToken })).status).toBe(200);
  });

  it('lets nobody change their own roles or disable themselves', async () => {
    const roles = await app.api.patch(`/users/${admin.user.id}`, { roles: ['member'] }, auth());
    expect(roles.status).toBe(403);
    expect(roles.body.code).toBe('user.self_change');
    const disable = await app.api.patch(`/users/${admin.user.id}`, { active: false }, auth());
    expect(disable.status).toBe(403);
    expect(disable.body.code).toBe('user.self_change');
    const rename = await app.api.patch(`/users/${admin.user.id}`, { name: 'Still me', roles: ['admin'] }, auth());
    expect(rename.status).toBe(200);
  });

  it('refuses a role that does not exist', async () => {
    const res = await app.api.patch(`/users/${others[1].user.id}`, { roles: ['wizard'] }, auth());
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details).toEqual([{ field: 'roles', message: 'role "wizard" does not exist' }]);
  });

  describe('a user manager (users:write and everything a member holds, but not *)', () => {
    let manager: Session;
    beforeAll(async () => {
      manager = await register(app.api);
      const permissions = ['users:write', 'contents:read', 'contents:write', 'contents:delete', 'keys:read', 'keys:write'];
      expect((await app.api.post('/roles', { name: 'user-manager', permissions }, auth())).status).toBe(201);
      await setRoles(app, manager.user.id, ['user-manager']);
    });

    it('cannot grant a role with permissions they lack', async () => {
      const target = await register(app.api);
      const res = await app.api.patch(`/users/${target.user.id}`, { roles: ['admin'] }, { token: manager.accessToken });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('permission.denied');
      expect(res.body.details).toEqual([{ required: '*' }]);
      expect((await app.api.get(`/users/${target.user.id}`, auth())).body.roles).toEqual([]);
    });

    it('cannot disable, demote or rename a user holding permissions they lack (an admin)', async () => {
      const otherAdmin = await register(app.api);
      await setRoles(app, otherAdmin.user.id, ['admin']);
      for (const change of [{ active: false }, { roles: ['member'] }, { name: 'renamed' }]) {
        const res = await app.api.patch(`/users/${otherAdmin.user.id}`, change, { token: manager.accessToken });
        expect([res.status, res.body.code, res.body.details]).toEqual([403, 'permission.denied', [{ required: '*' }]]);
      }
      expect((await app.api.get(`/users/${otherAdmin.user.id}`, auth())).body).toMatchObject({ roles: ['admin'], active: true, name: otherAdmin.user.name });
    });

    it('can disable a member, who holds nothing beyond them', async () => {
      const member = await register(app.api);
      const res = await app.api.patch(`/users/${member.user.id}`, { active: false }, { token: manager.accessToken });
      expect(res.status).toBe(200);
      expect(res.body.active).toBe(false);
    });
  });

  it('answers an unknown user with 404 user.not_found', async () => {
    const res = await app.api.patch('/users/00000000-0000-4000-8000-000000000000', { name: 'x' }, auth());
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('user.not_found');
  });

  it('needs users:write', async () => {
    const res = await app.api.patch(`/users/${others[2].user.id}`, { name: 'x' }, { token: others[1].accessToken });
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual([{ required: 'users:write' }]);
  });
});

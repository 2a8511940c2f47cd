import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { register, setRoles, type Session } from './helpers/factories.js';

let app: TestApp;
let admin: Session;
let member: Session;

beforeAll(async () => {
  app = await startTestApp();
  admin = await register(app.api);
  member = await register(app.api);
});
afterAll(() => app?.close());

const auth = () => ({ token: admin.accessToken });

describe('GET /roles', () => {
  it('lists the four built-ins with their permissions', async () => {
    const res = await app.api.get('/roles', auth());
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.arrayContaining([
        { name: 'admin', description: expect.any(String), permissions: ['*'], builtIn: true },
        { name: 'member', description: expect.any(String), permissions: ['contents:read', 'contents:write', 'contents:delete', 'keys:read', 'keys:write'], builtIn: true },
        { name: 'viewer', description: expect.any(String), permissions: ['contents:read', 'keys:read', 'keys:write'], builtIn: true },
        { name: 'auditor', description: expect.any(String), permissions: ['audit:read', 'users:read', 'keys:read'], builtIn: true },
      ]),
    );
  });

  it('needs roles:read: 403 permission.denied naming it', async () => {
    const res = await app.api.get('/roles', { token: member.accessToken });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('permission.denied');
    expect(res.body.details).toEqual([{ required: 'roles:read' }]);
    await awaitAuditEvents(app, 'permission.denied', { userId: member.user.id });
  });
});

describe('POST /roles', () => {
  it('creates a role and records role.created', async () => {
    const res = await app.api.post('/roles', { name: 'support', description: 'Helps people', permissions: ['contents:read', 'users:read'] }, auth());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'support', description: 'Helps people', permissions: ['contents:read', 'users:read'], builtIn: false });
    await awaitAuditEvents(app, 'role.created', { userId: admin.user.id });
  });

  it('refuses a duplicate with 409 role.exists', async () => {
    await app.api.post('/roles', { name: 'dupe', permissions: [] }, auth());
    const res = await app.api.post('/roles', { name: 'dupe', permissions: [] }, auth());
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('role.exists');
  });

  it('refuses malformed names and permissions with validation.failed', async () => {
    const res = await app.api.post('/roles', { name: 'Bad Name', permissions: ['contents', '*:read'] }, auth());
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['name', 'permissions']));
  });

  it('does not let anyone grant, through a role, permissions they lack', async () => {
    const roleAdmin = await register(app.api);
    await app.api.post('/roles', { name: 'role-manager', permissions: ['roles:read', 'roles:write'] }, auth());
    await setRoles(app, roleAdmin.user.id, ['role-manager']);
    const res = await app.api.post('/roles', { name: 'sneaky', permissions: ['*'] }, { token: roleAdmin.accessToken });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('permission.denied');
    expect(res.body.details).toEqual([{ required: '*' }]);
  });

  it('needs roles:write', async () => {
    const res = await app.api.post('/roles', { name: 'nope', permissions: [] }, { token: member.accessToken });
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual([{ required: 'roles:write' }]);
  });
});

describe('PATCH /roles/:name', () => {
  it('changes a custom role and records role.updated', async () => {
    await app.api.post('/roles', { name: 'editor', permissions: ['contents:read'] }, auth());
    const res = await app.api.patch('/roles/editor', { permissions: ['contents:*'], description: 'Edits' }, auth());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'editor', permissions: ['contents:*'], description: 'Edits' });
    await awaitAuditEvents(app, 'role.updated', { userId: admin.user.id });
  });

  it('may change a built-in other than admin', async () => {
    const res = await app.api.patch('/roles/viewer', { description: 'Reads things' }, auth());
    expect(res.status).toBe(200);
    expect(res.body.builtIn).toBe(true);
  });

  it('refuses to change admin with 403 role.builtin', async () => {
    const res = await app.api.patch('/roles/admin', { permissions: ['contents:read'] }, auth());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('role.builtin');
  });

  it('answers an unknown role with 404 role.not_found', async () => {
    const res = await app.api.patch('/roles/ghost', { description: 'x' }, auth());
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('role.not_found');
  });

  it('needs roles:write: 403 permission.denied naming it, and the role is unchanged', async () => {
    await app.api.post('/roles', { name: 'guarded', description: 'Before', permissions: ['contents:read'] }, auth());
    const res = await app.api.patch('/roles/guarded', { description: 'After' }, { token: member.accessToken });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('permission.denied');
    expect(res.body.details).toEqual([{ required: 'roles:write' }]);
    const roles = (await app.api.get('/roles', auth())).body as { name: string; description: string }[];
    expect(roles.find((role) => role.name === 'guarded')?.description).toBe('Before');
  });

  it('does not let a roles:write holder widen a role to permissions they lack', async () => {
    const roleAdmin = await register(app.api);
    await app.api.post('/roles', { name: 'role-keeper', permissions: ['roles:read', 'roles:write'] }, auth());
    await app.api.post('/roles', { name: 'narrow', permissions: ['contents:read'] }, auth());
    await setRoles(app, roleAdmin.user.id, ['role-keeper']);
    const res = await app.api.patch('/roles/narrow', { permissions: ['*'] }, { token: roleAdmin.accessToken });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('permission.denied');
    expect(res.body.details).toEqual([{ required: '*' }]);
    const roles = (await app.api.get('/roles', auth())).body as { name: string; permissions: string[] }[];
    expect(roles.find((role) => role.name === 'narrow')?.permissions).toEqual(['contents:read']);
  });

  it('takes effect on the next request of a user holding the role', async () => {
    // Instance roles carry instance permissions (API.md §9): reading the users, here.
    const support = await register(app.api);
    await app.api.post('/roles', { name: 'user-reader', permissions: ['users:read'] }, auth());
    await setRoles(app, support.user.id, ['user-reader']);
    expect((await app.api.get('/users', { token: support.accessToken })).status).toBe(200);
    await app.api.patch('/roles/user-reader', { permissions: ['roles:read'] }, auth());
    const res = await app.api.get('/users', { token: support.accessToken });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('permission.denied');
  });
});

describe('DELETE /roles/:name', () => {
  it('deletes a custom role (204) and records role.deleted', async () => {
    await app.api.post('/roles', { name: 'temporary', permissions: [] }, auth());
    const res = await app.api.delete('/roles/temporary', auth());
    expect(res.status).toBe(204);
    expect((await app.api.get('/roles', auth())).body.map((r: { name: string }) => r.name)).not.toContain('temporary');
    await awaitAuditEvents(app, 'role.deleted', { userId: admin.user.id });
  });

  it('needs roles:write: 403 permission.denied naming it, and the role stays', async () => {
    await app.api.post('/roles', { name: 'kept', permissions: [] }, auth());
    const res = await app.api.delete('/roles/kept', { token: member.accessToken });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('permission.denied');
    expect(res.body.details).toEqual([{ required: 'roles:write' }]);
    expect((await app.api.get('/roles', auth())).body.map((r: { name: string }) => r.name)).toContain('kept');
  });

  it.each(['admin', 'member', 'viewer', 'auditor'])('refuses to delete built-in %s with 403 role.builtin', async (name) => {
    const res = await app.api.delete(`/roles/${name}`, auth());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('role.builtin');
  });

  it('answers an unknown role with 404 role.not_found', async () => {
    const res = await app.api.delete('/roles/ghost', auth());
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('role.not_found');
  });
});

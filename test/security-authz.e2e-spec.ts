import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { createKey, register, setRoles, type Session } from './helpers/factories.js';
import { as, calling, newMember, newWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

// Audit issue 11, items 1, 4 and 8, and the bidi/control characters in names.
let app: TestApp;
/** The instance admin owns a shared workspace where a key admin (a custom workspace role) and a member work. */
let admin: WorkspaceSession;
let keyAdmin: WorkspaceSession;
let member: WorkspaceSession;

beforeAll(async () => {
  app = await startTestApp();
  const first = await register(app.api, { name: 'Admin' });
  const team = await newWorkspace(app, first, 'Team');
  admin = calling(first, team);
  await app.api.post(`/workspaces/${team.slug}/roles`, { name: 'key-admin', permissions: ['contents:read', 'keys:read', 'keys:write', 'keys:admin'] }, as(admin));
  keyAdmin = await newMember(app, first, team, 'key-admin', 'Key admin');
  member = await newMember(app, first, team, 'member', 'Member');
});
afterAll(() => app?.close());

const keyRow = async (id: string) => (await app.db.query('SELECT * FROM api_keys WHERE id = $1', [id])).rows[0];

describe('keys:admin and another user’s key (item 1)', () => {
  it('stops the escalation chain at step one: rotating the admin’s key is 403 permission.denied and issues no secret', async () => {
    const adminKey = await createKey(app.api, as(admin), { scopes: ['*'] });
    const listed = await app.api.get(`/api-keys?userId=${admin.user.id}`, as(keyAdmin));
    expect(listed.body.items.map((key: { id: string }) => key.id)).toContain(adminKey.id);

    const rotated = await app.api.post(`/api-keys/${adminKey.id}/rotate`, { gracePeriodSeconds: 3600 }, as(keyAdmin));
    expect(rotated.status).toBe(403);
    expect(rotated.body).toMatchObject({
      code: 'permission.denied',
      message: 'Only the owner of a key can rotate it',
      details: [{ field: 'id', message: 'only the key’s owner can rotate it; revoke or disable it and ask the owner to rotate' }],
    });
    expect(JSON.stringify(rotated.body)).not.toMatch(/kw_[0-9a-f]{8}_[0-9a-f]{32}/);
    const { rows } = await app.db.query('SELECT count(*)::int AS n FROM api_keys WHERE rotated_from_id = $1', [adminKey.id]);
    expect(rows[0].n).toBe(0);
    expect((await keyRow(adminKey.id)).revoked_at).toBeNull();
    await awaitAuditEvents(app, 'permission.denied', { userId: keyAdmin.user.id, apiKeyId: adminKey.id });

    // Steps two and three would be: act with the admin's key as the admin, and promote oneself.
    expect((await app.api.get('/users', { apiKey: adminKey.key })).body.code).toBe('auth.jwt_required');
    expect((await app.api.patch(`/users/${keyAdmin.user.id}`, { roles: ['admin'] }, as(keyAdmin))).status).toBe(403);
  });

  it('still lets the owner rotate their own key, a keys:admin holder included', async () => {
    const own = await createKey(app.api, as(keyAdmin));
    const rotated = await app.api.post(`/api-keys/${own.id}/rotate`, {}, as(keyAdmin));
    expect(rotated.status).toBe(201);
    expect(rotated.body.key).toEqual(expect.any(String));
  });

  it('lets keys:admin rename, re-describe, disable and narrow another user’s key', async () => {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    const key = await createKey(app.api, as(member), { scopes: ['contents:read', 'contents:write'], rateLimit: 500, allowedIps: ['10.0.0.0/8'], expiresAt: expiresAt.toISOString() });
    const sooner = new Date(expiresAt.getTime() - 86_400_000).toISOString();
    const res = await app.api.patch(
      `/api-keys/${key.id}`,
      { name: 'renamed by admin', description: 'suspicious', active: false, scopes: ['contents:read'], rateLimit: 10, allowedIps: ['10.1.0.0/16'], expiresAt: sooner },
      as(keyAdmin),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'renamed by admin', active: false, status: 'disabled', scopes: ['contents:read'], rateLimit: 10, allowedIps: ['10.1.0.0/16'], expiresAt: sooner });
  });

  it('refuses keys:admin loosening another user’s key with 403 permission.denied naming the field, and changes nothing', async () => {
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const key = await createKey(app.api, as(member), {
      scopes: ['contents:read'],
      rateLimit: 100,
      allowedIps: ['10.0.0.0/8'],
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      validFrom: new Date(Date.now() - 1000).toISOString(),
      metadata: { tier: 'free' },
    });
    expect((await app.api.patch(`/api-keys/${key.id}`, { active: false }, as(member))).status).toBe(200);
    const before = await keyRow(key.id);
    const loosenings: Array<[string, Record<string, unknown>]> = [
      ['scopes', { scopes: ['contents:read', 'contents:write'] }],
      ['scopes', { scopes: ['*'] }],
      ['allowedIps', { allowedIps: [] }],
      ['allowedIps', { allowedIps: ['0.0.0.0/0'] }],
      ['active', { active: true }],
      ['expiresAt', { expiresAt: null }],
      ['expiresAt', { expiresAt: later }],
      ['rateLimit', { rateLimit: 101 }],
      ['validFrom', { validFrom: null }],
      ['metadata', { metadata: { tier: 'enterprise' } }],
    ];
    for (const [field, body] of loosenings) {
      const res = await app.api.patch(`/api-keys/${key.id}`, body, as(keyAdmin));
      expect({ body, status: res.status, code: res.body.code, fields: res.body.details?.map((detail: { field: string }) => detail.field) }).toEqual({
        body,
        status: 403,
        code: 'permission.denied',
        fields: [field],
      });
    }
    expect(await keyRow(key.id)).toEqual(before);
  });

  it('lets the owner loosen and re-enable their own key', async () => {
    const key = await createKey(app.api, as(member), { scopes: ['contents:read'], rateLimit: 10, allowedIps: ['10.0.0.0/8'] });
    await app.api.patch(`/api-keys/${key.id}`, { active: false }, as(member));
    const res = await app.api.patch(`/api-keys/${key.id}`, { active: true, scopes: ['contents:read', 'contents:write'], rateLimit: 20, allowedIps: [] }, as(member));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: true, scopes: ['contents:read', 'contents:write'], rateLimit: 20, allowedIps: [] });
  });
});

describe('user and role administration with an API key (item 4)', () => {
  it('refuses /users and /roles with any key, an admin’s * key included, with 403 auth.jwt_required', async () => {
    const target = await register(app.api);
    const adminKey = await createKey(app.api, as(admin), { scopes: ['*'] });
    const attempts = [
      ['GET', '/users', undefined],
      ['GET', `/users/${target.user.id}`, undefined],
      ['PATCH', `/users/${target.user.id}`, { roles: ['admin'] }],
      ['GET', '/roles', undefined],
      ['POST', '/roles', { name: 'by-a-key', permissions: ['*'] }],
      ['PATCH', '/roles/member', { permissions: ['*'] }],
      ['DELETE', '/roles/key-admin', undefined],
    ] as const;
    for (const [method, path, body] of attempts) {
      const res = await app.api.request(method, path, body, { apiKey: adminKey.key });
      expect([method, path, res.status, res.body.code]).toEqual([method, path, 403, 'auth.jwt_required']);
    }
    expect((await app.api.get(`/users/${target.user.id}`, as(admin))).body.roles).toEqual([]);
    const roles = (await app.api.get('/roles', as(admin))).body as Array<{ name: string; permissions: string[] }>;
    expect(roles.map((role) => role.name)).not.toContain('by-a-key');
    expect(roles.find((role) => role.name === 'member')?.permissions).not.toContain('*');
  });

  it('gives an admin’s key created without scopes everything except administration', async () => {
    const key = await createKey(app.api, as(admin));
    expect(key.scopes).toEqual(['audit:read', 'contents:delete', 'contents:read', 'contents:write', 'keys:read', 'keys:write']);
    const me = await app.api.get('/auth/me', { apiKey: key.key });
    expect(me.body.permissions).toEqual(key.scopes);
    expect(me.body.permissions).not.toEqual(expect.arrayContaining(['keys:admin']));
  });

  it('gives a member’s key created without scopes the member’s own permissions', async () => {
    const key = await createKey(app.api, as(member));
    expect(key.scopes).toEqual(['contents:delete', 'contents:read', 'contents:write', 'keys:read', 'keys:write']);
  });

  it('drops keys:admin from a keys:admin holder’s default key, and gives it when named', async () => {
    expect((await createKey(app.api, as(keyAdmin))).scopes).toEqual(['contents:read', 'keys:read', 'keys:write']);
    expect((await createKey(app.api, as(keyAdmin), { scopes: ['keys:admin'] })).scopes).toEqual(['keys:admin']);
  });

  it('still means everything when * is asked for by name', async () => {
    const key = await createKey(app.api, as(admin), { scopes: ['*'] });
    expect(key.scopes).toEqual(['*']);
    expect((await app.api.get('/auth/me', { apiKey: key.key })).body.permissions).toEqual(['*']);
  });
});

describe('role edits and "not above the actor" (item 8)', () => {
  let roleManager: Session;

  beforeAll(async () => {
    roleManager = await register(app.api);
    await app.api.post('/roles', { name: 'role-manager', permissions: ['roles:read', 'roles:write', 'contents:read', 'contents:write'] }, as(admin));
    await setRoles(app, roleManager.user.id, ['role-manager']);
  });

  it('refuses editing or deleting a role held by someone with permissions the actor lacks, with 403 permission.denied', async () => {
    await app.api.post('/roles', { name: 'readers', description: 'Before', permissions: ['contents:read'] }, as(admin));
    const superior = await register(app.api);
    await setRoles(app, superior.user.id, ['readers', 'admin']);
    const edit = await app.api.patch('/roles/readers', { description: 'After', permissions: [] }, as(roleManager));
    expect(edit.status).toBe(403);
    expect(edit.body).toMatchObject({ code: 'permission.denied', details: [{ required: '*' }] });
    const remove = await app.api.delete('/roles/readers', as(roleManager));
    expect(remove.status).toBe(403);
    expect(remove.body.code).toBe('permission.denied');
    const roles = (await app.api.get('/roles', as(admin))).body as Array<{ name: string; description: string; permissions: string[] }>;
    expect(roles.find((role) => role.name === 'readers')).toMatchObject({ description: 'Before', permissions: ['contents:read'] });
  });

  it('refuses removing, by edit or delete, a permission the actor does not hold', async () => {
    await app.api.post('/roles', { name: 'reporting', permissions: ['audit:read', 'contents:read'] }, as(admin));
    const edit = await app.api.patch('/roles/reporting', { permissions: ['contents:read'] }, as(roleManager));
    expect(edit.status).toBe(403);
    expect(edit.body).toMatchObject({ code: 'permission.denied', details: [{ required: 'audit:read' }] });
    expect((await app.api.delete('/roles/reporting', as(roleManager))).status).toBe(403);
  });

  it('lets the actor edit and delete a role within their permissions, held by people below them', async () => {
    await app.api.post('/roles', { name: 'scribes', permissions: ['contents:read'] }, as(admin));
    const scribe = await register(app.api);
    await setRoles(app, scribe.user.id, ['scribes']);
    const edit = await app.api.patch('/roles/scribes', { permissions: ['contents:read', 'contents:write'] }, as(roleManager));
    expect(edit.status).toBe(200);
    expect(edit.body.permissions).toEqual(['contents:read', 'contents:write']);
    expect((await app.api.delete('/roles/scribes', as(roleManager))).status).toBe(204);
  });

  it.each(['member', 'viewer', 'auditor'])('refuses a roles:write holder who is not an instance admin changing built-in %s with 403 role.builtin', async (name) => {
    const res = await app.api.patch(`/roles/${name}`, { description: 'changed' }, as(roleManager));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('role.builtin');
  });

  it('lets an instance admin change a non-admin built-in', async () => {
    const res = await app.api.patch('/roles/auditor', { description: 'Reads the audit log' }, as(admin));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'auditor', description: 'Reads the audit log', builtIn: true });
  });
});

describe('control and bidi characters in names', () => {
  const fieldsOf = (body: { details?: Array<{ field: string }> }) => body.details?.map((detail) => detail.field);

  it('refuses a key name with a right-to-left override or ESC with 400 validation.failed naming the field', async () => {
    for (const name of ['invoice\u202Efdp.exe', 'red\u001b[31m', 'isolated\u2066x\u2069']) {
      const res = await app.api.post('/api-keys', { name }, as(member));
      expect({ name, status: res.status, code: res.body.code, fields: fieldsOf(res.body) }).toEqual({ name, status: 400, code: 'validation.failed', fields: ['name'] });
    }
    const key = await createKey(app.api, as(member));
    const renamed = await app.api.patch(`/api-keys/${key.id}`, { name: 'evil\u202E' }, as(member));
    expect(renamed.status).toBe(400);
    expect(fieldsOf(renamed.body)).toEqual(['name']);
    expect(renamed.body.details[0].message).toContain('U+202E');
  });

  it('refuses ESC in a key description but keeps line breaks there', async () => {
    expect(fieldsOf((await app.api.post('/api-keys', { name: 'ok', description: 'x\u001b]0;pwned\u0007' }, as(member))).body)).toEqual(['description']);
    expect((await app.api.post('/api-keys', { name: 'ok', description: 'line one\nline two' }, as(member))).status).toBe(201);
  });

  it('refuses such a user name at registration and on PATCH /users/:id', async () => {
    const registered = await app.api.post('/auth/register', { email: `bidi-${Date.now()}@example.com`, password: 'correct horse battery', name: 'Admin\u202E' });
    expect(registered.status).toBe(400);
    expect(fieldsOf(registered.body)).toEqual(['name']);
    const patched = await app.api.patch(`/users/${member.user.id}`, { name: 'x\u001b[2J' }, as(admin));
    expect(patched.status).toBe(400);
    expect(fieldsOf(patched.body)).toEqual(['name']);
  });

  it('refuses such a role description', async () => {
    const res = await app.api.post('/roles', { name: 'bidi-role', description: 'safe\u202Eefas', permissions: [] }, as(admin));
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['description']);
  });

  it('keeps accented, CJK and emoji names', async () => {
    const key = await createKey(app.api, as(member), { name: 'Zoë’s 配置 👩‍💻' });
    expect(key.name).toBe('Zoë’s 配置 👩‍💻');
  });
});

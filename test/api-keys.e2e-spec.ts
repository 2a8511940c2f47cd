import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { createKey, eventually, register } from './helpers/factories.js';
import { as, calling, newMember, newWorkspace, type TestWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

let app: TestApp;
let admin: WorkspaceSession;
let member: WorkspaceSession;
let other: WorkspaceSession;
let team: TestWorkspace;

/** One shared workspace: its owner (the instance admin, keys:admin there) and two members. */
beforeAll(async () => {
  app = await startTestApp();
  const first = await register(app.api, { name: 'Admin' });
  team = await newWorkspace(app, first, 'Platform');
  admin = calling(first, team);
  member = await newMember(app, first, team, 'member', 'Member');
  other = await newMember(app, first, team, 'member', 'Other');
});
afterAll(() => app?.close());
const KEY_REGEX = /^kw_[0-9a-f]{8}_[0-9a-f]{32}[0-9A-Za-z]{6}$/;

describe('POST /api-keys', () => {
  it('creates a key shown once, with every field of the key object and the message', async () => {
    const res = await app.api.post('/api-keys', { name: 'deploy bot' }, as(member));
    expect(res.status).toBe(201);
    expect(res.body.key).toMatch(KEY_REGEX);
    expect(res.body.keyPrefix).toBe(res.body.key.slice(0, 11));
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'deploy bot',
      description: '',
      keyPrefix: expect.any(String),
      // No scopes asked for: the owner's permissions except administration, written out (API.md §5).
      scopes: ['contents:delete', 'contents:read', 'contents:write', 'keys:read', 'keys:write'],
      rateLimit: 1000,
      allowedIps: [],
      metadata: {},
      active: true,
      status: 'active',
      validFrom: null,
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
      lastUsedIp: null,
      usageCount: 0,
      rotatedFromId: null,
      credits: null,
      limits: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      userId: member.user.id,
      // The workspace of the call (API.md §9): X-Workspace names the shared one.
      workspaceId: team.id,
      key: expect.any(String),
      message: 'Save this key securely. It will not be shown again.',
    });
    const [event] = await awaitAuditEvents(app, 'api_key.created', { apiKeyId: res.body.id });
    expect(event.userId).toBe(member.user.id);
  });

  it('stores only an HMAC of the key, never the key or its secret', async () => {
    const created = await createKey(app.api, as(member));
    const { rows } = await app.db.query('SELECT * FROM api_keys WHERE id = $1', [created.id]);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(created.key);
    expect(stored).not.toContain(created.key.slice(12, 44));
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    const fetched = await app.api.get(`/api-keys/${created.id}`, as(member));
    expect(fetched.body.key).toBeUndefined();
  });

  it('accepts every setting, and scopes as one comma-separated string', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const validFrom = new Date(Date.now() - 1000).toISOString();
    const res = await app.api.post(
      '/api-keys',
      {
        name: 'full',
        description: 'All the things',
        scopes: 'contents:read, contents:write',
        expiresAt,
        validFrom,
        rateLimit: 50,
        allowedIps: ['10.0.0.0/8', '2001:db8::/32'],
        metadata: { team: 'platform', tier: 2 },
      },
      as(member),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      description: 'All the things',
      scopes: ['contents:read', 'contents:write'],
      expiresAt,
      validFrom,
      rateLimit: 50,
      allowedIps: ['10.0.0.0/8', '2001:db8::/32'],
      metadata: { team: 'platform', tier: 2 },
    });
  });

  it.each([
    ['missing', {}],
    ['empty', { name: '' }],
    ['blank', { name: '   ' }],
    ['numeric', { name: 5 }],
    ['null', { name: null }],
  ])('refuses a %s name with 400 api_key.name_required, saying only that the name is required', async (_label, body) => {
    const res = await app.api.post('/api-keys', body, as(member));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('api_key.name_required');
    expect(res.body.details).toEqual([{ field: 'name', message: 'name is required' }]);
  });

  it('refuses a scope the owner does not hold with 403 permission.denied', async () => {
    const res = await app.api.post('/api-keys', { name: 'greedy', scopes: ['contents:read', 'audit:read'] }, as(member));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('permission.denied');
    expect(res.body.details).toEqual([{ required: 'audit:read' }]);
  });

  it.each([
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ name: 'k', rateLimit: 10_001 }, 'rateLimit'],
    [{ name: 'k', rateLimit: 0 }, 'rateLimit'],
    [{ name: 'k', expiresAt: '2020-01-01T00:00:00.000Z' }, 'expiresAt'],
    [{ name: 'k', expiresAt: 'tomorrow' }, 'expiresAt'],
    [{ name: 'k', allowedIps: ['10.0.0.0/33'] }, 'allowedIps'],
    [{ name: 'k', allowedIps: ['example.com'] }, 'allowedIps'],
    [{ name: 'k', metadata: ['not', 'an', 'object'] }, 'metadata'],
    [{ name: 'k', metadata: { blob: 'x'.repeat(5000) } }, 'metadata'],
    [{ name: 'k', scopes: ['not a permission'] }, 'scopes'],
    [{ name: 'k', description: 'x'.repeat(501) }, 'description'],
    [{ name: 'k', owner: 'someone' }, 'owner'],
    [{ name: 'k', validFrom: new Date(Date.now() + 62 * 86_400_000).toISOString(), expiresAt: new Date(Date.now() + 31 * 86_400_000).toISOString() }, 'validFrom'],
  ])('refuses %o with 400 validation.failed naming %s', async (body, field) => {
    const res = await app.api.post('/api-keys', body, as(member));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('needs keys:write', async () => {
    const auditor = await newMember(app, admin, { slug: admin.workspace }, 'auditor', 'Auditor');
    const res = await app.api.post('/api-keys', { name: 'nope' }, as(auditor));
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual([{ required: 'keys:write' }]);
  });
});

describe('MAX_KEYS_PER_USER', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ env: { MAX_KEYS_PER_USER: '2' } });
  });
  afterAll(() => limited?.close());

  /** A user of the limited app holding exactly the two keys the limit allows. */
  async function userAtTheLimit() {
    const user = await register(limited.api);
    const keys = [await createKey(limited.api, user.accessToken), await createKey(limited.api, user.accessToken)];
    return { token: user.accessToken, keys };
  }
  const keysNotRevoked = async (token: string) => (await limited.api.get('/api-keys?status=active&limit=100', { token })).body.items.length;

  it('refuses keys past the limit with 409 api_key.limit_reached, counting only keys not revoked', async () => {
    const { token, keys } = await userAtTheLimit();
    const third = await limited.api.post('/api-keys', { name: 'third' }, { token });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('api_key.limit_reached');
    await limited.api.post(`/api-keys/${keys[0].id}/revoke`, undefined, { token });
    expect((await limited.api.post('/api-keys', { name: 'after revoke' }, { token })).status).toBe(201);
  });

  it('refuses a rotation whose grace period would hold a key past the limit, leaving the old key as it was', async () => {
    const { token, keys } = await userAtTheLimit();
    const res = await limited.api.post(`/api-keys/${keys[0].id}/rotate`, { gracePeriodSeconds: 3600 }, { token });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('api_key.limit_reached');
    expect((await limited.api.get(`/api-keys/${keys[0].id}`, { token })).body).toMatchObject({ status: 'active', revokedAt: null });
    expect((await limited.api.get('/auth/me', { apiKey: keys[0].key })).status).toBe(200);
    const { rows } = await limited.db.query('SELECT count(*)::int AS n FROM api_keys WHERE rotated_from_id = $1', [keys[0].id]);
    expect(rows[0].n).toBe(0);
  });

  it('rotates at the limit with gracePeriodSeconds 0: the old key is revoked in the same transaction', async () => {
    const { token, keys } = await userAtTheLimit();
    const res = await limited.api.post(`/api-keys/${keys[0].id}/rotate`, { gracePeriodSeconds: 0 }, { token });
    expect(res.status).toBe(201);
    expect((await limited.api.get(`/api-keys/${keys[0].id}`, { token })).body.status).toBe('revoked');
    expect(await keysNotRevoked(token)).toBe(2);
  });
});

describe('GET /api-keys', () => {
  let owner: WorkspaceSession;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    owner = await newMember(app, admin, { slug: admin.workspace }, 'member', 'Owner');
    const t = as(owner);
    ids.active = (await createKey(app.api, t, { name: 'active' })).id;
    ids.disabled = (await createKey(app.api, t, { name: 'disabled', active: undefined })).id;
    await app.api.patch(`/api-keys/${ids.disabled}`, { active: false }, t);
    // Created with a safe expiry, then moved into the past in the table: the list reads the database.
    ids.expired = (await createKey(app.api, t, { name: 'expired', expiresAt: new Date(Date.now() + 3_600_000).toISOString() })).id;
    await app.db.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [ids.expired]);
    ids.pending = (await createKey(app.api, t, { name: 'pending', validFrom: new Date(Date.now() + 3_600_000).toISOString() })).id;
    ids.revoked = (await createKey(app.api, t, { name: 'revoked' })).id;
    await app.api.post(`/api-keys/${ids.revoked}/revoke`, undefined, t);
  });

  it('lists only the caller’s keys, newest first', async () => {
    const res = await app.api.get('/api-keys', as(owner));
    expect(res.status).toBe(200);
    expect(res.body.items.map((k: { name: string }) => k.name)).toEqual(['revoked', 'pending', 'expired', 'disabled', 'active']);
    expect(res.body.items.every((k: { userId: string }) => k.userId === owner.user.id)).toBe(true);
    expect(res.body.nextCursor).toBeNull();
  });

  it.each(['active', 'disabled', 'expired', 'pending', 'revoked'])('filters by status=%s', async (status) => {
    const res = await app.api.get(`/api-keys?status=${status}`, as(owner));
    expect(res.body.items.map((k: { id: string; status: string }) => [k.id, k.status])).toEqual([[ids[status], status]]);
  });

  it('pages with a cursor', async () => {
    const first = await app.api.get('/api-keys?limit=2', as(owner));
    expect(first.body.items).toHaveLength(2);
    const rest = await app.api.get(`/api-keys?limit=10&cursor=${first.body.nextCursor}`, as(owner));
    expect(rest.body.items.map((k: { name: string }) => k.name)).toEqual(['expired', 'disabled', 'active']);
  });

  it('lets keys:admin list one user’s keys or everyone’s', async () => {
    const mine = await app.api.get(`/api-keys?userId=${owner.user.id}&limit=100`, as(admin));
    expect(mine.body.items).toHaveLength(5);
    const everyone = await app.api.get('/api-keys?all=true&limit=100', as(admin));
    const owners = new Set(everyone.body.items.map((k: { userId: string }) => k.userId));
    expect(owners.has(owner.user.id)).toBe(true);
    expect(owners.has(member.user.id)).toBe(true);
  });

  it('refuses all= and userId= without keys:admin', async () => {
    for (const query of ['all=true', `userId=${admin.user.id}`]) {
      const res = await app.api.get(`/api-keys?${query}`, as(owner));
      expect(res.status).toBe(403);
      expect(res.body.details).toEqual([{ required: 'keys:admin' }]);
    }
  });

  it('refuses an unknown status', async () => {
    expect((await app.api.get('/api-keys?status=sleeping', as(owner))).body.code).toBe('validation.failed');
  });

  it('refuses a forged cursor whose id is not a UUID with 400 validation.failed naming cursor', async () => {
    const forged = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'not-a-uuid'])).toString('base64url');
    const res = await app.api.get(`/api-keys?cursor=${forged}`, as(owner));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['cursor']);
  });
});

describe('GET /api-keys/:id', () => {
  it('returns the caller’s key', async () => {
    const created = await createKey(app.api, as(member), { name: 'mine' });
    const res = await app.api.get(`/api-keys/${created.id}`, as(member));
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('mine');
  });

  it('answers another user’s key with 404 api_key.not_found, never 403', async () => {
    const created = await createKey(app.api, as(member));
    const res = await app.api.get(`/api-keys/${created.id}`, as(other));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('api_key.not_found');
    for (const [method, path, body] of [
      ['PATCH', `/api-keys/${created.id}`, { name: 'stolen' }],
      ['POST', `/api-keys/${created.id}/revoke`, undefined],
      ['POST', `/api-keys/${created.id}/rotate`, {}],
      ['DELETE', `/api-keys/${created.id}`, undefined],
      ['GET', `/api-keys/${created.id}/usage`, undefined],
    ] as const) {
      const attempt = await app.api.request(method, path, body, as(other));
      expect([method, path, attempt.status, attempt.body.code]).toEqual([method, path, 404, 'api_key.not_found']);
    }
    expect((await app.api.get(`/api-keys/${created.id}`, as(member))).body.name).toBe('test key');
  });

  it('answers unknown and malformed ids with 404 api_key.not_found', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'kw_12345678', '1']) {
      const res = await app.api.get(`/api-keys/${id}`, as(member));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('api_key.not_found');
    }
  });

  it('lets keys:admin read anyone’s key', async () => {
    const created = await createKey(app.api, as(member));
    expect((await app.api.get(`/api-keys/${created.id}`, as(admin))).status).toBe(200);
  });
});

describe('PATCH /api-keys/:id', () => {
  it('changes settings and records api_key.updated', async () => {
    const created = await createKey(app.api, as(member), { name: 'before' });
    const res = await app.api.patch(
      `/api-keys/${created.id}`,
      { name: 'after', description: 'd', scopes: ['contents:read'], rateLimit: 10, allowedIps: ['127.0.0.1'], metadata: { a: 1 }, expiresAt: null },
      as(member),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'after', description: 'd', scopes: ['contents:read'], rateLimit: 10, allowedIps: ['127.0.0.1'], metadata: { a: 1 } });
    const [event] = await awaitAuditEvents(app, 'api_key.updated', { apiKeyId: created.id });
    expect(event.details.changed).toEqual(expect.arrayContaining(['name', 'scopes', 'rateLimit']));
  });

  it('disables and enables a key', async () => {
    const created = await createKey(app.api, as(member));
    expect((await app.api.patch(`/api-keys/${created.id}`, { active: false }, as(member))).body.status).toBe('disabled');
    expect((await app.api.patch(`/api-keys/${created.id}`, { active: true }, as(member))).body.status).toBe('active');
  });

  it('refuses an empty name with api_key.name_required and scopes beyond the owner with permission.denied', async () => {
    const created = await createKey(app.api, as(member));
    expect((await app.api.patch(`/api-keys/${created.id}`, { name: '' }, as(member))).body.code).toBe('api_key.name_required');
    const scopes = await app.api.patch(`/api-keys/${created.id}`, { scopes: ['roles:write'] }, as(member));
    expect(scopes.status).toBe(403);
    expect(scopes.body.code).toBe('permission.denied');
  });

  it('makes a key pending with a future validFrom, refused at once with api_key.not_yet_valid', async () => {
    const created = await createKey(app.api, as(member));
    expect((await app.api.get('/auth/me', { apiKey: created.key })).status).toBe(200);
    const res = await app.api.patch(`/api-keys/${created.id}`, { validFrom: new Date(Date.now() + 3_600_000).toISOString() }, as(member));
    expect(res.body.status).toBe('pending');
    const use = await app.api.get('/auth/me', { apiKey: created.key });
    expect({ status: use.status, code: use.body.code }).toEqual({ status: 401, code: 'api_key.not_yet_valid' });
  });

  it('checks an admin’s edit of another user’s key against that user’s permissions', async () => {
    const created = await createKey(app.api, as(member));
    const res = await app.api.patch(`/api-keys/${created.id}`, { scopes: ['audit:read'] }, as(admin));
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual([{ required: 'audit:read' }]);
  });
});

describe('POST /api-keys/:id/revoke', () => {
  it('revokes for good and records api_key.revoked', async () => {
    const created = await createKey(app.api, as(member));
    const res = await app.api.post(`/api-keys/${created.id}/revoke`, undefined, as(member));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('revoked');
    expect(res.body.revokedAt).toEqual(expect.any(String));
    const reenable = await app.api.patch(`/api-keys/${created.id}`, { active: true }, as(member));
    expect(reenable.body.status).toBe('revoked');
    await awaitAuditEvents(app, 'api_key.revoked', { apiKeyId: created.id });
  });
});

describe('DELETE /api-keys/:id', () => {
  it('answers 204, stops the key at once and keeps its audit history', async () => {
    const created = await createKey(app.api, as(member));
    expect((await app.api.get('/auth/me', { apiKey: created.key })).status).toBe(200);
    const res = await app.api.delete(`/api-keys/${created.id}`, as(member));
    expect(res.status).toBe(204);
    const use = await app.api.get('/auth/me', { apiKey: created.key });
    expect(use.status).toBe(401);
    expect(use.body.code).toBe('api_key.invalid');
    expect((await app.api.get(`/api-keys/${created.id}`, as(member))).status).toBe(404);
    await awaitAuditEvents(app, 'api_key.deleted', { apiKeyId: created.id });
    expect((await awaitAuditEvents(app, 'api_key.created', { apiKeyId: created.id })).length).toBe(1);
  });
});

describe('POST /api-keys/revoke-all', () => {
  it('revokes every key of the caller, and only theirs', async () => {
    const user = await register(app.api);
    const keys = [await createKey(app.api, user.accessToken), await createKey(app.api, user.accessToken)];
    const bystander = await createKey(app.api, as(other));
    const res = await app.api.post('/api-keys/revoke-all', undefined, { token: user.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: 2 });
    for (const key of keys) expect((await app.api.get('/auth/me', { apiKey: key.key })).body.code).toBe('api_key.revoked');
    expect((await app.api.get('/auth/me', { apiKey: bystander.key })).status).toBe(200);
    const [event] = await awaitAuditEvents(app, 'api_key.revoked_all', { userId: user.user.id });
    expect(event.details.revoked).toBe(2);
    expect((await app.api.post('/api-keys/revoke-all', undefined, { token: user.accessToken })).body).toEqual({ revoked: 0 });
  });
});

describe('POST /api-keys/:id/rotate', () => {
  it('issues a new key with the same settings and keeps the old one through the grace period', async () => {
    const old = await createKey(app.api, as(member), { name: 'rotating', scopes: ['contents:read'], rateLimit: 77, metadata: { env: 'prod' } });
    const res = await app.api.post(`/api-keys/${old.id}/rotate`, { gracePeriodSeconds: 3 }, as(member));
    expect(res.status).toBe(201);
    expect(res.body.key).toMatch(KEY_REGEX);
    expect(res.body.key).not.toBe(old.key);
    expect(res.body).toMatchObject({ name: 'rotating', rotatedFromId: old.id, status: 'active' });
    expect(res.body.message).toBe('Save this key securely. It will not be shown again.');

    expect((await app.api.get('/auth/me', { apiKey: old.key })).status).toBe(200);
    expect((await app.api.get('/auth/me', { apiKey: res.body.key })).status).toBe(200);
    const during = await app.api.get(`/api-keys/${old.id}`, as(member));
    expect(during.body.status).toBe('active');
    expect(new Date(during.body.revokedAt).getTime()).toBeGreaterThan(Date.now());

    // The old key is cached now: the grace period ends on the clock, not on a cache reload.
    await eventually(async () => {
      const after = await app.api.get('/auth/me', { apiKey: old.key });
      expect({ status: after.status, code: after.body.code }).toEqual({ status: 401, code: 'api_key.revoked' });
    });
    expect((await app.api.get('/auth/me', { apiKey: res.body.key })).status).toBe(200);
    const [event] = await awaitAuditEvents(app, 'api_key.rotated', { apiKeyId: old.id });
    expect(event.details.newApiKeyId).toBe(res.body.id);
  });

  it('copies every setting of the old key to the new one', async () => {
    const settings = {
      name: 'all settings',
      description: 'used by the billing job',
      scopes: ['contents:read', 'contents:write'],
      rateLimit: 321,
      allowedIps: ['10.0.0.0/8', '2001:db8::/32'],
      metadata: { team: 'billing', tier: 2 },
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const old = await createKey(app.api, as(member), settings);
    await app.api.patch(`/api-keys/${old.id}`, { active: false }, as(member));
    const res = await app.api.post(`/api-keys/${old.id}/rotate`, { gracePeriodSeconds: 60 }, as(member));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...settings, active: false, status: 'disabled', userId: member.user.id, rotatedFromId: old.id });
  });

  it.each([
    ['with no body', {}],
    ['with gracePeriodSeconds 0', { gracePeriodSeconds: 0 }],
  ])('revokes a warm old key at once %s', async (_label, body) => {
    const old = await createKey(app.api, as(member));
    expect((await app.api.get('/auth/me', { apiKey: old.key })).status).toBe(200);
    const res = await app.api.post(`/api-keys/${old.id}/rotate`, body, as(member));
    expect(res.status).toBe(201);
    const use = await app.api.get('/auth/me', { apiKey: old.key });
    expect({ status: use.status, code: use.body.code }).toEqual({ status: 401, code: 'api_key.revoked' });
    expect((await app.api.get('/auth/me', { apiKey: res.body.key })).status).toBe(200);
  });

  it('refuses to rotate a revoked key with 400 validation.failed: revocation stays irreversible', async () => {
    const revoked = await createKey(app.api, as(member));
    await app.api.post(`/api-keys/${revoked.id}/revoke`, undefined, as(member));
    // And a key whose rotation grace period has run out is just as revoked.
    const graceOver = await createKey(app.api, as(member));
    await app.db.query("UPDATE api_keys SET revoked_at = now() - interval '1 second' WHERE id = $1", [graceOver.id]);
    for (const old of [revoked, graceOver]) {
      const res = await app.api.post(`/api-keys/${old.id}/rotate`, { gracePeriodSeconds: 60 }, as(member));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation.failed', details: [{ field: 'id', message: 'a revoked key cannot be rotated' }] });
      const { rows } = await app.db.query('SELECT count(*)::int AS n FROM api_keys WHERE rotated_from_id = $1', [old.id]);
      expect(rows[0].n).toBe(0);
    }
  });

  it('refuses to rotate an expired key with 400 validation.failed: its successor would be born expired', async () => {
    const expired = await createKey(app.api, as(member), { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await app.db.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [expired.id]);
    const res = await app.api.post(`/api-keys/${expired.id}/rotate`, {}, as(member));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation.failed', details: [{ field: 'id', message: 'an expired key cannot be rotated; extend its expiresAt or create a new key' }] });
    const { rows } = await app.db.query('SELECT count(*)::int AS n FROM api_keys WHERE rotated_from_id = $1', [expired.id]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a grace period beyond 7 days', async () => {
    const old = await createKey(app.api, as(member));
    const res = await app.api.post(`/api-keys/${old.id}/rotate`, { gracePeriodSeconds: 604_801 }, as(member));
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('gracePeriodSeconds');
  });
});

describe('keys:admin and another user’s key', () => {
  it('lets keys:admin revoke and delete another user’s key, but only the owner rotate it (403 permission.denied)', async () => {
    const [toRevoke, toRotate, toDelete] = [await createKey(app.api, as(member)), await createKey(app.api, as(member)), await createKey(app.api, as(member))];
    for (const [method, path, body] of [
      ['POST', `/api-keys/${toRevoke.id}/revoke`, undefined],
      ['POST', `/api-keys/${toRotate.id}/rotate`, {}],
      ['DELETE', `/api-keys/${toDelete.id}`, undefined],
    ] as const) {
      const attempt = await app.api.request(method, path, body, as(other));
      expect({ path, status: attempt.status, code: attempt.body.code }).toEqual({ path, status: 404, code: 'api_key.not_found' });
    }

    const revoked = await app.api.post(`/api-keys/${toRevoke.id}/revoke`, undefined, as(admin));
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    // The successor's secret would go to the admin, who could then act as the owner.
    const rotated = await app.api.post(`/api-keys/${toRotate.id}/rotate`, {}, as(admin));
    expect(rotated.status).toBe(403);
    expect(rotated.body.code).toBe('permission.denied');
    expect(rotated.body.key).toBeUndefined();
    expect((await app.api.delete(`/api-keys/${toDelete.id}`, as(admin))).status).toBe(204);

    expect((await app.api.get(`/api-keys/${toRevoke.id}`, as(member))).body.status).toBe('revoked');
    expect((await app.api.get(`/api-keys/${toRotate.id}`, as(member))).body.status).toBe('active');
    expect((await app.api.get(`/api-keys/${toDelete.id}`, as(member))).status).toBe(404);
  });
});

describe('GET /api-keys/:id/usage and the usage counters', () => {
  it('counts requests, denials and uses once the batch is flushed', async () => {
    const created = await createKey(app.api, as(member), { scopes: ['contents:read'] });
    for (let i = 0; i < 3; i++) expect((await app.api.get('/contents', { apiKey: created.key })).status).toBe(200);
    expect((await app.api.post('/contents', { title: 'no' }, { apiKey: created.key })).status).toBe(403);

    const hourly = await eventually(async () => {
      const res = await app.api.get(`/api-keys/${created.id}/usage`, as(member));
      expect(res.body.totals).toEqual({ requests: 4, denied: 1, rateLimited: 0, creditsUsed: 0, rateLimitedBy: {} });
      return res;
    });
    expect(hourly.status).toBe(200);
    expect(hourly.body.series.length).toBeGreaterThanOrEqual(24);
    const current = hourly.body.series.at(-1);
    expect(current).toEqual({ bucket: expect.any(String), requests: 4, denied: 1, rateLimited: 0, creditsUsed: 0, rateLimitedBy: {} });
    expect(new Date(current.bucket).getUTCMinutes()).toBe(0);

    // The key's row and the buckets are written in the same flush.
    const key = await app.api.get(`/api-keys/${created.id}`, as(member));
    expect(key.body.usageCount).toBe(3);
    expect(key.body.lastUsedIp).toBe('127.0.0.1');
    expect(new Date(key.body.lastUsedAt).getTime()).toBeGreaterThan(Date.now() - 10_000);

    const daily = await app.api.get(`/api-keys/${created.id}/usage?granularity=day`, as(member));
    expect(daily.body.series.at(-1)).toMatchObject({ requests: 4, denied: 1 });
    expect(new Date(daily.body.series.at(-1).bucket).getUTCHours()).toBe(0);
  });

  it('answers a from/to range with one bucket per hour from the first to the last, counting only uses inside it', async () => {
    const created = await createKey(app.api, as(member));
    for (let i = 0; i < 2; i++) expect((await app.api.get('/auth/me', { apiKey: created.key })).status).toBe(200);
    await eventually(async () => {
      expect((await app.api.get(`/api-keys/${created.id}/usage`, as(member))).body.totals.requests).toBe(2);
    });
    const hour = 3_600_000;
    const to = new Date();
    const from = new Date(Math.floor(to.getTime() / hour) * hour - 2 * hour);
    const res = await app.api.get(`/api-keys/${created.id}/usage?from=${from.toISOString()}&to=${to.toISOString()}`, as(member));
    expect(res.status).toBe(200);
    expect(res.body.series).toHaveLength(3);
    expect(res.body.series[0]).toEqual({ bucket: from.toISOString(), requests: 0, denied: 0, rateLimited: 0, creditsUsed: 0, rateLimitedBy: {} });
    expect(res.body.series.at(-1).bucket).toBe(new Date(Math.floor(to.getTime() / hour) * hour).toISOString());
    expect(res.body.totals.requests).toBe(2);

    const before = await app.api.get(`/api-keys/${created.id}/usage?from=${new Date(from.getTime() - 5 * hour).toISOString()}&to=${from.toISOString()}`, as(member));
    expect(before.body.series).toHaveLength(6);
    expect(before.body.totals).toEqual({ requests: 0, denied: 0, rateLimited: 0, creditsUsed: 0, rateLimitedBy: {} });
  });

  it('refuses a range that is inverted or too long', async () => {
    const created = await createKey(app.api, as(member));
    const inverted = await app.api.get(`/api-keys/${created.id}/usage?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`, as(member));
    expect(inverted.status).toBe(400);
    const tooLong = await app.api.get(`/api-keys/${created.id}/usage?from=2020-01-01T00:00:00Z&granularity=hour`, as(member));
    expect(tooLong.status).toBe(400);
  });
});

describe('key management with an API key', () => {
  it('answers every endpoint with 403 auth.jwt_required', async () => {
    const created = await createKey(app.api, as(admin));
    const attempts = [
      ['POST', '/api-keys', { name: 'minted by a key' }],
      ['GET', '/api-keys', undefined],
      ['GET', `/api-keys/${created.id}`, undefined],
      ['PATCH', `/api-keys/${created.id}`, { scopes: ['*'] }],
      ['POST', `/api-keys/${created.id}/revoke`, undefined],
      ['DELETE', `/api-keys/${created.id}`, undefined],
      ['POST', '/api-keys/revoke-all', undefined],
      ['POST', `/api-keys/${created.id}/rotate`, {}],
      ['GET', `/api-keys/${created.id}/usage`, undefined],
    ] as const;
    for (const [method, path, body] of attempts) {
      const res = await app.api.request(method, path, body, { apiKey: created.key });
      expect([method, path, res.status, res.body.code]).toEqual([method, path, 403, 'auth.jwt_required']);
    }
    expect((await app.api.get(`/api-keys/${created.id}`, as(admin))).body.status).toBe('active');
  });
});

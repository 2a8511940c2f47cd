import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { createKey, eventually, madeUpKey, register, wrongSecretFor } from './helpers/factories.js';
import { Api } from './helpers/http.js';
import { as, calling, newMember, newWorkspace, type TestWorkspace, type WorkspaceSession } from './helpers/workspaces.js';

let app: TestApp;
let admin: WorkspaceSession;
/** A member of the admin's shared workspace, where their keys live. */
let member: WorkspaceSession;
let team: TestWorkspace;
/** The same service reached over IPv4; `app.api` goes over IPv6 (::1). */
let v4: Api;

beforeAll(async () => {
  // Dual-stack: IPv4 clients arrive as ::ffff:127.0.0.1, IPv6 clients as ::1.
  app = await startTestApp({ host: '::' });
  v4 = new Api(app.url.replace('[::1]', '127.0.0.1'));
  const first = await register(app.api);
  team = await newWorkspace(app, first, 'Platform');
  admin = calling(first, team);
  member = await newMember(app, first, team, 'member');
});
afterAll(() => app?.close());

const refused = async (res: Promise<{ status: number; body: any }>, status: number, code: string) => {
  const { status: actual, body } = await res;
  expect({ status: actual, code: body.code }).toEqual({ status, code });
};

describe('transports (API.md §3)', () => {
  let key: string;
  beforeAll(async () => {
    key = (await createKey(app.api, as(member), { name: 'transports' })).key;
  });

  it('accepts x-api-key, whatever the case of the header name', async () => {
    for (const header of ['x-api-key', 'X-API-KEY', 'X-Api-Key']) {
      const res = await app.api.get('/auth/me', { headers: { [header]: key } });
      expect(res.status).toBe(200);
      expect(res.body.authMethod).toBe('api_key');
    }
  });

  it('accepts Authorization: Bearer <key>, telling a key from a JWT by its format', async () => {
    const res = await app.api.get('/auth/me', { token: key });
    expect(res.status).toBe(200);
    expect(res.body.authMethod).toBe('api_key');
    const jwt = await app.api.get('/auth/me', as(member));
    expect(jwt.body.authMethod).toBe('jwt');
  });

  it('accepts ?apikey= and keeps the key out of the audit log', async () => {
    const res = await app.api.get(`/auth/me?apikey=${key}&x=1`);
    expect(res.status).toBe(200);
    const [fromQuery] = await awaitAuditEvents(app, 'api_key.used', { userId: member.user.id }, 1, (event) => event.details.transport === 'query');
    expect(fromQuery.path).toBe('/api/v1/auth/me?apikey=[REDACTED]&x=1');
    const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE path LIKE '%' || $1 || '%' OR details::text LIKE '%' || $1 || '%'`, [key.slice(12)]);
    expect(rows[0].n).toBe(0);
  });

  it('takes the first match: x-api-key before a bearer value', async () => {
    const res = await app.api.get('/auth/me', { apiKey: key, token: 'not-a-valid-jwt' });
    expect(res.status).toBe(200);
  });

  it('takes the first match: a bearer JWT before ?apikey=', async () => {
    const res = await app.api.get(`/auth/me?apikey=${key}`, as(member));
    expect(res.status).toBe(200);
    expect(res.body.authMethod).toBe('jwt');
  });

  it('takes the first match: a bearer key before ?apikey=', async () => {
    const bearer = await createKey(app.api, as(member), { name: 'bearer' });
    const res = await app.api.get(`/auth/me?apikey=${key}`, { token: bearer.key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ authMethod: 'api_key', apiKey: { id: bearer.id } });
  });

  it('does not let an unused ?apikey= trip the query validation of a route when a header credential won', async () => {
    const res = await app.api.get(`/contents?apikey=${key}&limit=5`, as(member));
    expect(res.status).toBe(200);
  });

  it('shows the key on GET /auth/me, the way a client checks its key works', async () => {
    const created = await createKey(app.api, as(member), { name: 'checker', scopes: ['contents:read'], rateLimit: 42, expiresAt: '2099-01-01T00:00:00.000Z' });
    const res = await app.api.get('/auth/me', { apiKey: created.key });
    expect(res.body).toEqual({
      user: { ...member.user },
      authMethod: 'api_key',
      permissions: ['contents:read'],
      instancePermissions: [],
      workspace: { id: team.id, slug: team.slug, name: team.name, role: 'member' },
      apiKey: { id: created.id, name: 'checker', keyPrefix: created.keyPrefix, scopes: ['contents:read'], rateLimit: 42, expiresAt: '2099-01-01T00:00:00.000Z' },
    });
  });
});

describe('API_KEY_QUERY_PARAM=false', () => {
  it('ignores ?apikey=', async () => {
    const strict = await startTestApp({ env: { API_KEY_QUERY_PARAM: 'false' } });
    try {
      const user = await register(strict.api);
      const { key } = await createKey(strict.api, user.accessToken);
      await refused(strict.api.get(`/auth/me?apikey=${key}`), 401, 'auth.required');
      expect((await strict.api.get('/auth/me', { apiKey: key })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('key errors of API.md §1', () => {
  it('answers malformed, bad-checksum, unknown and wrong-secret keys alike: 401 api_key.invalid', async () => {
    const real = await createKey(app.api, as(member));
    const candidates = {
      malformed: 'kw_nothing',
      badChecksum: `${real.key.slice(0, -6)}AAAAAA`,
      unknown: await madeUpKey(),
      wrongSecret: wrongSecretFor(real.key),
    };
    const bodies = [];
    for (const candidate of Object.values(candidates)) {
      const res = await app.api.get('/auth/me', { apiKey: candidate });
      expect(res.status).toBe(401);
      bodies.push({ ...res.body, timestamp: undefined });
    }
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(bodies[0]).toMatchObject({ code: 'api_key.invalid', message: 'API key is invalid' });
    const failures = await awaitAuditEvents(app, 'api_key.auth_failed', {}, 4);
    expect(failures.map((event) => event.details.reason)).toEqual(expect.arrayContaining(['malformed', 'unknown_key', 'wrong_secret']));
  });

  // Created with a safe window, which is then moved close in the table before the key is first
  // used (and cached): a slow create cannot eat the margin, and the cached key still changes state
  // on the clock alone.
  it('answers a key past expiresAt with api_key.expired, even from the cache', async () => {
    const created = await createKey(app.api, as(member), { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await app.db.query("UPDATE api_keys SET expires_at = now() + interval '3 seconds' WHERE id = $1", [created.id]);
    expect((await app.api.get('/auth/me', { apiKey: created.key })).status).toBe(200);
    await eventually(() => refused(app.api.get('/auth/me', { apiKey: created.key }), 401, 'api_key.expired'));
  });

  it('answers a key before validFrom with api_key.not_yet_valid, then accepts it', async () => {
    const created = await createKey(app.api, as(member), { validFrom: new Date(Date.now() + 3_600_000).toISOString() });
    await app.db.query("UPDATE api_keys SET valid_from = now() + interval '3 seconds' WHERE id = $1", [created.id]);
    await refused(app.api.get('/auth/me', { apiKey: created.key }), 401, 'api_key.not_yet_valid');
    await eventually(async () => expect((await app.api.get('/auth/me', { apiKey: created.key })).status).toBe(200));
  });

  it('answers a disabled key with api_key.disabled', async () => {
    const created = await createKey(app.api, as(member));
    await app.api.patch(`/api-keys/${created.id}`, { active: false }, as(member));
    await refused(app.api.get('/auth/me', { apiKey: created.key }), 401, 'api_key.disabled');
  });

  it('answers a revoked key with api_key.revoked, but only to someone holding its secret', async () => {
    const created = await createKey(app.api, as(member));
    await app.api.post(`/api-keys/${created.id}/revoke`, undefined, as(member));
    await refused(app.api.get('/auth/me', { apiKey: created.key }), 401, 'api_key.revoked');
    await refused(app.api.get('/auth/me', { apiKey: wrongSecretFor(created.key) }), 401, 'api_key.invalid');
  });

  it('answers the key of a disabled user with user.disabled', async () => {
    const owner = await register(app.api);
    const created = await createKey(app.api, owner.accessToken);
    expect((await app.api.get('/auth/me', { apiKey: created.key })).status).toBe(200);
    await app.api.patch(`/users/${owner.user.id}`, { active: false }, as(admin));
    await refused(app.api.get('/auth/me', { apiKey: created.key }), 401, 'user.disabled');
  });
});

describe('IP allowlist', () => {
  it('refuses IPv4 clients outside the list with 403 api_key.ip_not_allowed and admits those inside', async () => {
    const outside = await createKey(app.api, as(member), { allowedIps: ['10.0.0.0/8'] });
    const inside = await createKey(app.api, as(member), { allowedIps: ['10.0.0.0/8', '127.0.0.0/8'] });
    await refused(v4.get('/auth/me', { apiKey: outside.key }), 403, 'api_key.ip_not_allowed');
    expect((await v4.get('/auth/me', { apiKey: inside.key })).status).toBe(200);
  });

  it('refuses IPv6 clients outside the list and admits those inside', async () => {
    const outside = await createKey(app.api, as(member), { allowedIps: ['2001:db8::/32', '127.0.0.1'] });
    const inside = await createKey(app.api, as(member), { allowedIps: ['::1/128'] });
    await refused(app.api.get('/auth/me', { apiKey: outside.key }), 403, 'api_key.ip_not_allowed');
    expect((await app.api.get('/auth/me', { apiKey: inside.key })).status).toBe(200);
    await refused(v4.get('/auth/me', { apiKey: inside.key }), 403, 'api_key.ip_not_allowed');
  });

  it('takes the client IP from X-Forwarded-For only with TRUST_PROXY', async () => {
    const proxied = await startTestApp({ env: { TRUST_PROXY: 'true' } });
    try {
      const user = await register(proxied.api);
      const key = await createKey(proxied.api, user.accessToken, { allowedIps: ['203.0.113.0/24', '2001:db8::/32'] });
      const from = (ip: string) => proxied.api.get('/auth/me', { apiKey: key.key, headers: { 'x-forwarded-for': ip } });
      expect((await from('203.0.113.7')).status).toBe(200);
      expect((await from('2001:db8::7')).status).toBe(200);
      await refused(from('198.51.100.1'), 403, 'api_key.ip_not_allowed');
      await refused(from('2001:db9::1'), 403, 'api_key.ip_not_allowed');
    } finally {
      await proxied.close();
    }
    const spoofed = await createKey(app.api, as(member), { allowedIps: ['203.0.113.0/24'] });
    await refused(v4.get('/auth/me', { apiKey: spoofed.key, headers: { 'x-forwarded-for': '203.0.113.7' } }), 403, 'api_key.ip_not_allowed');
  });
});

describe('the key acts as its owner, narrowed by its scopes', () => {
  it('narrows to the scopes: a read-only key reads but cannot write', async () => {
    const created = await createKey(app.api, as(member), { scopes: ['contents:read'] });
    expect((await app.api.get('/contents', { apiKey: created.key })).status).toBe(200);
    const write = await app.api.post('/contents', { title: 'nope' }, { apiKey: created.key });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ code: 'permission.denied', details: [{ required: 'contents:write' }] });
  });

  it('gives a key scoped to * everything its owner has, and no more', async () => {
    const created = await createKey(app.api, as(member), { scopes: ['*'] });
    expect((await app.api.post('/contents', { title: 'by key' }, { apiKey: created.key })).body.authorId).toBe(member.user.id);
    const me = await app.api.get('/auth/me', { apiKey: created.key });
    expect(me.body.permissions).toEqual(['contents:delete', 'contents:read', 'contents:write', 'keys:read', 'keys:write']);
    expect((await app.api.get('/audit-logs/verify', { apiKey: created.key })).body).toMatchObject({ code: 'permission.denied', details: [{ required: 'audit:read' }] });
  });

  it('follows a demotion of its owner in its workspace on the very next request', async () => {
    const owner = await newMember(app, admin, team, 'member');
    const created = await createKey(app.api, as(owner), { scopes: ['*'] });
    expect((await app.api.post('/contents', { title: 'before' }, { apiKey: created.key })).status).toBe(201);
    await app.api.patch(`/workspaces/${team.slug}/members/${owner.user.id}`, { role: 'viewer' }, as(admin));
    const after = await app.api.post('/contents', { title: 'after' }, { apiKey: created.key });
    expect(after.status).toBe(403);
    expect(after.body.details).toEqual([{ required: 'contents:write' }]);
  });

  it('follows a change to the owner’s workspace role on the very next request', async () => {
    await app.api.post(`/workspaces/${team.slug}/roles`, { name: 'scribe', permissions: ['contents:read', 'contents:write', 'keys:write'] }, as(admin));
    const owner = await newMember(app, admin, team, 'scribe');
    const created = await createKey(app.api, as(owner));
    expect((await app.api.post('/contents', { title: 'before' }, { apiKey: created.key })).status).toBe(201);
    await app.api.patch(`/workspaces/${team.slug}/roles/scribe`, { permissions: ['contents:read', 'keys:write'] }, as(admin));
    expect((await app.api.post('/contents', { title: 'after' }, { apiKey: created.key })).status).toBe(403);
  });
});

import jwt from 'jsonwebtoken';
import { startTestApp, TEST_SECRETS, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { register, uniqueEmail } from './helpers/factories.js';

let app: TestApp;
let admin: Awaited<ReturnType<typeof register>>;

beforeAll(async () => {
  app = await startTestApp();
  admin = await register(app.api, { name: 'First' });
});
afterAll(() => app?.close());

describe('POST /auth/register', () => {
  it('makes the first account admin and returns the session shape', () => {
    expect(admin.user).toMatchObject({ email: expect.any(String), name: 'First', roles: ['admin'], active: true });
    expect(admin.user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(admin.user.createdAt).toISOString()).toBe(admin.user.createdAt);
    expect(admin).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, accessToken: expect.any(String), refreshToken: expect.any(String) });
  });

  it('gives later accounts no instance role: what they may do comes from their workspaces (API.md §9)', async () => {
    const res = await app.api.post('/auth/register', { email: uniqueEmail(), password: 'long enough pw' });
    expect(res.status).toBe(201);
    expect(res.body.user.roles).toEqual([]);
    const me = await app.api.get('/auth/me', { token: res.body.accessToken });
    expect(me.body).toMatchObject({ permissions: ['*'], instancePermissions: [], workspace: { name: 'Personal', role: 'owner' } });
    expect(res.body.user.name).toBe('');
  });

  it('stores emails lower-cased and refuses a taken one with 409 user.email_taken', async () => {
    const email = uniqueEmail('Case');
    await app.api.post('/auth/register', { email, password: 'long enough pw' });
    const res = await app.api.post('/auth/register', { email: email.toUpperCase(), password: 'long enough pw' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('user.email_taken');
  });

  it('refuses a short password with validation.failed naming the field', async () => {
    const res = await app.api.post('/auth/register', { email: uniqueEmail(), password: 'short' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'validation.failed', path: '/api/v1/auth/register' });
    expect(res.body.details).toContainEqual({ field: 'password', message: 'password must be at least 8 characters' });
  });

  it('refuses an invalid email and unknown fields', async () => {
    const bad = await app.api.post('/auth/register', { email: 'not-an-email', password: 'long enough pw' });
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('email');
    const unknown = await app.api.post('/auth/register', { email: uniqueEmail(), password: 'long enough pw', roles: ['admin'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('validation.failed');
    expect(unknown.body.details).toContainEqual({ field: 'roles', message: 'property roles should not exist' });
  });

  it('stores the password as an argon2id hash, never as given', async () => {
    const { rows } = await app.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [admin.user.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain(admin.password);
  });

  it('records auth.registered', async () => {
    const events = await awaitAuditEvents(app, 'auth.registered', { userId: admin.user.id });
    expect(events[0].severity).toBe('info');
  });
});

describe('registration closed', () => {
  it('answers 403 auth.registration_closed', async () => {
    const closed = await startTestApp({ env: { REGISTRATION_OPEN: 'false' } });
    try {
      const res = await closed.api.post('/auth/register', { email: uniqueEmail(), password: 'long enough pw' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('auth.registration_closed');
    } finally {
      await closed.close();
    }
  });
});

describe('POST /auth/login', () => {
  it('signs in with the right password', async () => {
    const res = await app.api.post('/auth/login', { email: admin.user.email, password: admin.password });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(admin.user.id);
    expect(res.body.accessToken).toEqual(expect.any(String));
    await awaitAuditEvents(app, 'auth.login', { userId: admin.user.id });
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await app.api.post('/auth/login', { email: admin.user.email, password: 'wrong password' });
    const unknown = await app.api.post('/auth/login', { email: uniqueEmail('nobody'), password: 'wrong password' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('auth.invalid_credentials');
      expect(res.body.message).toBe('Invalid email or password');
    }
    const failures = await awaitAuditEvents(app, 'auth.login_failed', {}, 2);
    expect(failures[0].severity).toBe('warning');
  });

  it('takes as long for an unknown email as for a wrong password (a dummy hash is verified)', async () => {
    const time = async (email: string) => {
      const started = performance.now();
      await app.api.post('/auth/login', { email, password: 'wrong password' });
      return performance.now() - started;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await time(admin.user.email));
      unknown.push(await time(uniqueEmail('ghost')));
    }
    // Without the dummy verification an unknown email answers ~30x faster than argon2 allows.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('refuses an empty body with 400 validation.failed naming email and password', async () => {
    const res = await app.api.post('/auth/login', {});
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('refuses a disabled user with 401 user.disabled', async () => {
    const user = await register(app.api);
    await app.api.patch(`/users/${user.user.id}`, { active: false }, { token: admin.accessToken });
    const res = await app.api.post('/auth/login', { email: user.user.email, password: user.password });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('user.disabled');
  });
});

describe('POST /auth/refresh', () => {
  it('rotates: returns a new pair and spends the presented token', async () => {
    const session = await register(app.api);
    const first = await app.api.post('/auth/refresh', { refreshToken: session.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(session.refreshToken);
    expect(first.body.user.id).toBe(session.user.id);
    const me = await app.api.get('/auth/me', { token: first.body.accessToken });
    expect(me.status).toBe(200);
  });

  it('kills the whole family when a spent token is presented again, and records auth.refresh_reused', async () => {
    const session = await register(app.api);
    const rotated = await app.api.post('/auth/refresh', { refreshToken: session.refreshToken });
    const reuse = await app.api.post('/auth/refresh', { refreshToken: session.refreshToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('auth.token_invalid');
    const successor = await app.api.post('/auth/refresh', { refreshToken: rotated.body.refreshToken });
    expect(successor.status).toBe(401);
    expect(successor.body.code).toBe('auth.token_invalid');
    const [event] = await awaitAuditEvents(app, 'auth.refresh_reused', { userId: session.user.id });
    expect(event.severity).toBe('critical');
  });

  it('refuses an unknown token with 401 auth.token_invalid', async () => {
    const res = await app.api.post('/auth/refresh', { refreshToken: 'rt_made_up' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.token_invalid');
  });

  it('asks for a token when none is given', async () => {
    const res = await app.api.post('/auth/refresh', {});
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({ field: 'refreshToken', message: 'refreshToken is required' });
  });

  it('refuses a disabled user with user.disabled', async () => {
    const user = await register(app.api);
    await app.api.patch(`/users/${user.user.id}`, { active: false }, { token: admin.accessToken });
    const res = await app.api.post('/auth/refresh', { refreshToken: user.refreshToken });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('user.disabled');
  });

  it('refuses an expired refresh token', async () => {
    const shortLived = await startTestApp({ env: { JWT_REFRESH_TTL: '1s' } });
    try {
      const session = await register(shortLived.api);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const res = await shortLived.api.post('/auth/refresh', { refreshToken: session.refreshToken });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('auth.token_invalid');
    } finally {
      await shortLived.close();
    }
  });
});

describe('POST /auth/logout', () => {
  it('answers 204 and ends the refresh family', async () => {
    const session = await register(app.api);
    const res = await app.api.post('/auth/logout', { refreshToken: session.refreshToken });
    expect(res.status).toBe(204);
    const refresh = await app.api.post('/auth/refresh', { refreshToken: session.refreshToken });
    expect(refresh.status).toBe(401);
    await awaitAuditEvents(app, 'auth.logout', { userId: session.user.id });
  });

  it('answers 204 for a token it does not know, revealing nothing', async () => {
    const res = await app.api.post('/auth/logout', { refreshToken: 'rt_unknown' });
    expect(res.status).toBe(204);
  });

  it('asks for a token when none is given: 400 validation.failed naming refreshToken', async () => {
    const res = await app.api.post('/auth/logout', {});
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.details).toEqual([{ field: 'refreshToken', message: 'refreshToken is required' }]);
  });
});

describe('GET /auth/me', () => {
  it('returns the user, the method, the workspace of the call and the permissions there and on the instance', async () => {
    const res = await app.api.get('/auth/me', { token: admin.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { ...admin.user },
      authMethod: 'jwt',
      permissions: ['*'],
      instancePermissions: ['*'],
      workspace: { id: expect.any(String), slug: expect.any(String), name: 'Personal', role: 'owner' },
    });
  });

  it('answers 401 auth.required without credentials', async () => {
    const res = await app.api.get('/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'auth.required', message: 'Authentication required', path: '/api/v1/auth/me' });
  });

  it.each([
    ['malformed', 'not.a.jwt'],
    ['badly signed', jwt.sign({ sub: '00000000-0000-4000-8000-000000000000' }, 'another-secret-of-sufficient-length-000')],
    ['expired', jwt.sign({ sub: '00000000-0000-4000-8000-000000000000', exp: Math.floor(Date.now() / 1000) - 10 }, TEST_SECRETS.JWT_SECRET)],
    ['for an unknown user', jwt.sign({ sub: '00000000-0000-4000-8000-000000000000' }, TEST_SECRETS.JWT_SECRET, { expiresIn: 60 })],
    ['unsigned (alg none)', jwt.sign({ sub: '00000000-0000-4000-8000-000000000000' }, '', { algorithm: 'none' })],
  ])('answers 401 auth.token_invalid for a %s token', async (_label, token) => {
    const res = await app.api.get('/auth/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.token_invalid');
  });

  it('answers 401 user.disabled for the JWT of a user disabled since', async () => {
    const user = await register(app.api);
    expect((await app.api.get('/auth/me', { token: user.accessToken })).status).toBe(200);
    await app.api.patch(`/users/${user.user.id}`, { active: false }, { token: admin.accessToken });
    const res = await app.api.get('/auth/me', { token: user.accessToken });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('user.disabled');
  });
});

describe('browser sessions (X-Session: cookie)', () => {
  const cookieOf = (res: { headers: Headers }) => res.headers.get('set-cookie') ?? '';

  it('sets kw_refresh as an httpOnly, SameSite=Strict cookie scoped to /api/v1/auth', async () => {
    const session = await register(app.api);
    const res = await app.api.post('/auth/login', { email: session.user.email, password: session.password }, { headers: { 'x-session': 'cookie' } });
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/^kw_refresh=rt_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('sets the cookie on registration too, holding the refresh token (which the body then leaves out)', async () => {
    const res = await app.api.post('/auth/register', { email: uniqueEmail('cookie'), password: 'long enough pw' }, { headers: { 'x-session': 'cookie' } });
    expect(res.status).toBe(201);
    const cookie = cookieOf(res);
    expect(cookie.split(';')[0]).toMatch(/^kw_refresh=rt_[A-Za-z0-9_-]{43}$/);
    expect(res.body).not.toHaveProperty('refreshToken');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth(;|$)/);
  });

  it('sets no cookie without the header', async () => {
    const res = await app.api.post('/auth/register', { email: uniqueEmail('nocookie'), password: 'long enough pw' });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('marks the cookie Secure in production', async () => {
    const production = await startTestApp({ env: { NODE_ENV: 'production', METRICS_TOKEN: 'scrape-me' } });
    try {
      const res = await production.api.post('/auth/register', { email: uniqueEmail('prod'), password: 'long enough pw' }, { headers: { 'x-session': 'cookie' } });
      expect(res.status).toBe(201);
      const cookie = cookieOf(res);
      expect(cookie).toMatch(/^kw_refresh=rt_/);
      expect(cookie).toMatch(/;\s*Secure(;|$)/i);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
    } finally {
      await production.close();
    }
  });

  it('refreshes and logs out from the cookie only together with the header', async () => {
    const session = await register(app.api);
    const login = await app.api.post('/auth/login', { email: session.user.email, password: session.password }, { headers: { 'x-session': 'cookie' } });
    const cookie = cookieOf(login).split(';')[0];

    const withoutHeader = await app.api.post('/auth/refresh', {}, { headers: { cookie } });
    expect(withoutHeader.status).toBe(400);

    const refreshed = await app.api.post('/auth/refresh', {}, { headers: { cookie, 'x-session': 'cookie' } });
    expect(refreshed.status).toBe(200);
    const next = cookieOf(refreshed).split(';')[0];
    expect(next).not.toBe(cookie);

    const logout = await app.api.post('/auth/logout', {}, { headers: { cookie: next, 'x-session': 'cookie' } });
    expect(logout.status).toBe(204);
    expect(cookieOf(logout)).toMatch(/kw_refresh=;/);
    const after = await app.api.post('/auth/refresh', {}, { headers: { cookie: next, 'x-session': 'cookie' } });
    expect(after.status).toBe(401);
  });
});

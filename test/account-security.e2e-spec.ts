import { startTestApp, type TestApp } from './helpers/app.js';
import { auditEvents } from './helpers/audit.js';
import { register, type Session } from './helpers/factories.js';

let app: TestApp;
let admin: Session; // instance admin

beforeAll(async () => {
  app = await startTestApp();
  admin = await register(app.api);
});
afterAll(() => app?.close());

const as = (session: { accessToken: string }) => ({ token: session.accessToken });
const login = async (email: string, password: string, userAgent = 'test-agent') =>
  (await app.api.post('/auth/login', { email, password }, { headers: { 'user-agent': userAgent } })).body as Session;

describe('POST /auth/password', () => {
  it('changes the password: the old one stops working, the new one signs in', async () => {
    const user = await register(app.api);
    const response = await app.api.post('/auth/password', { currentPassword: user.password, newPassword: 'a brand new passphrase' }, as(user));
    expect(response.status).toBe(204);
    expect((await app.api.post('/auth/login', { email: user.user.email, password: user.password })).body.code).toBe('auth.invalid_credentials');
    expect((await app.api.post('/auth/login', { email: user.user.email, password: 'a brand new passphrase' })).status).toBe(200);
    const [event] = await auditEvents(app, 'auth.password_changed', { userId: user.user.id });
    expect(JSON.stringify(event)).not.toContain('a brand new passphrase');
  });

  it('ends every other session at once and keeps the current one', async () => {
    const user = await register(app.api);
    const other = await login(user.user.email, user.password);
    expect((await app.api.post('/auth/password', { currentPassword: user.password, newPassword: 'another passphrase' }, as(user))).status).toBe(204);
    expect((await app.api.get('/auth/me', as(other))).body.code).toBe('auth.token_invalid');
    expect((await app.api.post('/auth/refresh', { refreshToken: other.refreshToken })).body.code).toBe('auth.token_invalid');
    expect((await app.api.get('/auth/me', as(user))).status).toBe(200);
    expect((await app.api.post('/auth/refresh', { refreshToken: user.refreshToken })).status).toBe(200);
  });

  it('refuses a wrong current password with 400 validation.failed naming it, and changes nothing', async () => {
    const user = await register(app.api);
    const response = await app.api.post('/auth/password', { currentPassword: 'not my password', newPassword: 'another passphrase' }, as(user));
    expect([response.status, response.body.code, response.body.details]).toEqual([400, 'validation.failed', [{ field: 'currentPassword', message: expect.any(String) }]]);
    expect((await app.api.post('/auth/login', { email: user.user.email, password: user.password })).status).toBe(200);
  });

  it('refuses a new password under 8 characters, and an API key', async () => {
    const user = await register(app.api);
    expect((await app.api.post('/auth/password', { currentPassword: user.password, newPassword: 'short' }, as(user))).body.code).toBe('validation.failed');
    const { key } = (await app.api.post('/api-keys', { name: 'k' }, as(user))).body;
    const byKey = await app.api.post('/auth/password', { currentPassword: user.password, newPassword: 'another passphrase' }, { apiKey: key });
    expect([byKey.status, byKey.body.code]).toEqual([403, 'auth.jwt_required']);
  });
});

describe('GET and DELETE /auth/sessions', () => {
  it('lists one session per sign-in with where it came from, marking this one current', async () => {
    const user = await register(app.api);
    const phone = await login(user.user.email, user.password, 'Phone/1.0');
    const response = await app.api.get('/auth/sessions', as(phone));
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(2);
    expect(response.body[0]).toEqual({ id: expect.any(String), createdAt: expect.any(String), lastUsedAt: expect.any(String), ip: '127.0.0.1', userAgent: 'Phone/1.0', current: true });
    expect(response.body[1]).toMatchObject({ current: false });
  });

  it('keeps a refreshed session one session, last used at the refresh', async () => {
    const user = await register(app.api);
    const before = (await app.api.get('/auth/sessions', as(user))).body[0];
    const refreshed = (await app.api.post('/auth/refresh', { refreshToken: user.refreshToken })).body;
    const after = (await app.api.get('/auth/sessions', as(refreshed))).body;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before.id, createdAt: before.createdAt, current: true });
    expect(Date.parse(after[0].lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(before.lastUsedAt));
  });

  it('ends another session: its refresh token is refused at once and its access token too', async () => {
    const user = await register(app.api);
    const laptop = await login(user.user.email, user.password);
    const sessions = (await app.api.get('/auth/sessions', as(user))).body;
    const laptopSession = sessions.find((session: { current: boolean }) => !session.current);
    expect((await app.api.delete(`/auth/sessions/${laptopSession.id}`, as(user))).status).toBe(204);
    expect((await app.api.post('/auth/refresh', { refreshToken: laptop.refreshToken })).body.code).toBe('auth.token_invalid');
    expect((await app.api.get('/auth/me', as(laptop))).body.code).toBe('auth.token_invalid');
    expect((await app.api.get('/auth/sessions', as(user))).body).toHaveLength(1);
    const [event] = await auditEvents(app, 'auth.session_revoked', { userId: user.user.id });
    expect(event.details).toEqual({ sessionId: laptopSession.id, current: false });
  });

  it('answers 404 session.not_found for another user’s session, an ended one and a malformed id', async () => {
    const user = await register(app.api);
    const stranger = await register(app.api);
    const [theirs] = (await app.api.get('/auth/sessions', as(stranger))).body;
    for (const id of [theirs.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await app.api.delete(`/auth/sessions/${id}`, as(user));
      expect([id, response.status, response.body.code]).toEqual([id, 404, 'session.not_found']);
    }
    expect((await app.api.get('/auth/me', as(stranger))).status).toBe(200);
  });
});

describe('password resets issued by an instance admin', () => {
  it('issues a one-hour token, shown once, which sets a new password and ends every session', async () => {
    const user = await register(app.api);
    const issued = await app.api.post(`/users/${user.user.id}/password-reset`, undefined, as(admin));
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({ token: expect.stringMatching(/^kwpr_[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(String) });
    const hour = Date.parse(issued.body.expiresAt) - Date.now();
    expect(hour).toBeGreaterThan(3600_000 - 60_000);
    expect(hour).toBeLessThanOrEqual(3600_000);

    const reset = await app.api.post('/auth/password-reset', { token: issued.body.token, newPassword: 'reset passphrase' });
    expect(reset.status).toBe(204);
    expect((await app.api.get('/auth/me', as(user))).body.code).toBe('auth.token_invalid');
    expect((await app.api.post('/auth/refresh', { refreshToken: user.refreshToken })).body.code).toBe('auth.token_invalid');
    expect((await app.api.post('/auth/login', { email: user.user.email, password: 'reset passphrase' })).status).toBe(200);
    const events = [...(await auditEvents(app, 'auth.password_reset_issued', { userId: admin.user.id })), ...(await auditEvents(app, 'auth.password_reset', { userId: user.user.id }))];
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['auth.password_reset_issued', 'auth.password_reset']));
    expect(JSON.stringify(events)).not.toContain(issued.body.token);
  });

  it('works once: the same token again is 401 auth.token_invalid', async () => {
    const user = await register(app.api);
    const { token } = (await app.api.post(`/users/${user.user.id}/password-reset`, undefined, as(admin))).body;
    expect((await app.api.post('/auth/password-reset', { token, newPassword: 'first reset pass' })).status).toBe(204);
    const again = await app.api.post('/auth/password-reset', { token, newPassword: 'second reset pass' });
    expect([again.status, again.body.code]).toEqual([401, 'auth.token_invalid']);
  });

  it('refuses an expired token, and a made-up one, with 401 auth.token_invalid', async () => {
    const user = await register(app.api);
    const { token } = (await app.api.post(`/users/${user.user.id}/password-reset`, undefined, as(admin))).body;
    await app.db.query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.user.id]);
    expect((await app.api.post('/auth/password-reset', { token, newPassword: 'too late pass' })).body.code).toBe('auth.token_invalid');
    expect((await app.api.post('/auth/password-reset', { token: 'kwpr_made-up', newPassword: 'made up pass' })).body.code).toBe('auth.token_invalid');
    expect((await app.api.post('/auth/login', { email: user.user.email, password: user.password })).status).toBe(200);
  });

  it('replaces an unused token when a new one is issued', async () => {
    const user = await register(app.api);
    const first = (await app.api.post(`/users/${user.user.id}/password-reset`, undefined, as(admin))).body.token;
    const second = (await app.api.post(`/users/${user.user.id}/password-reset`, undefined, as(admin))).body.token;
    expect((await app.api.post('/auth/password-reset', { token: first, newPassword: 'first reset pass' })).body.code).toBe('auth.token_invalid');
    expect((await app.api.post('/auth/password-reset', { token: second, newPassword: 'second reset pass' })).status).toBe(204);
  });

  it('needs instance users:write, and never reaches someone above the issuer', async () => {
    const user = await register(app.api);
    const refused = await app.api.post(`/users/${admin.user.id}/password-reset`, undefined, as(user));
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([403, 'permission.denied', [{ required: 'users:write' }]]);
    const support = await register(app.api);
    await app.db.query(`INSERT INTO roles (name, permissions) VALUES ('support', '{users:read,users:write}') ON CONFLICT DO NOTHING`);
    await app.db.query(`DELETE FROM user_roles WHERE user_id = $1`, [support.user.id]);
    await app.db.query(`INSERT INTO user_roles (user_id, role_name) VALUES ($1, 'support')`, [support.user.id]);
    const supportSession = await login(support.user.email, support.password);
    const onAdmin = await app.api.post(`/users/${admin.user.id}/password-reset`, undefined, as(supportSession));
    expect([onAdmin.status, onAdmin.body.code]).toEqual([403, 'permission.denied']);
    // Someone holding no instance role holds nothing above support's: their reset is support's to issue.
    expect((await app.api.post(`/users/${user.user.id}/password-reset`, undefined, as(supportSession))).status).toBe(201);
    expect((await app.api.patch(`/users/${user.user.id}`, { roles: ['auditor'] }, as(admin))).status).toBe(200);
    expect((await app.api.post(`/users/${user.user.id}/password-reset`, undefined, as(supportSession))).status).toBe(403);
    expect((await app.api.post(`/users/00000000-0000-4000-8000-000000000000/password-reset`, undefined, as(admin))).body.code).toBe('user.not_found');
  });
});

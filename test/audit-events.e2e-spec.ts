import { startTestApp, type TestApp } from './helpers/app.js';
import { auditBarrier, auditEvents, awaitAuditEvents, uniqueTestIp } from './helpers/audit.js';
import { createKey, madeUpKey, register, type Session, sleep, wrongSecretFor } from './helpers/factories.js';

let app: TestApp;
let admin: Session;
let member: Session;

beforeAll(async () => {
  app = await startTestApp({
    env: {
      TRUST_PROXY: 'true',
      BRUTE_FORCE_THRESHOLD: '5',
      BRUTE_FORCE_BLOCK_SECONDS: '1',
      // Not the defaults (5 and 3): the detectors must be reading them.
      SCOPE_PROBING_THRESHOLD: '3',
      RATE_LIMIT_ABUSE_THRESHOLD: '2',
      // Long enough that a window's three requests land in it on a slow machine.
      RATE_LIMIT_WINDOW_SECONDS: '2',
    },
  });
  admin = await register(app.api, { name: 'Admin' });
  member = await register(app.api, { name: 'Member' });
});
afterAll(() => app?.close());

/** Events of a type as the review API returns them to an auditor (admin). */
async function reviewed(type: string, filter = ''): Promise<any[]> {
  const res = await app.api.get(`/audit-logs?type=${type}&limit=500${filter}`, { token: admin.accessToken });
  expect(res.status).toBe(200);
  return res.body.items;
}

const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('every event type comes from the action that should produce it', () => {
  it('auth.registered, auth.login, auth.login_failed, auth.logout, auth.refresh_reused', async () => {
    const user = await register(app.api);
    await app.api.post('/auth/login', { email: user.user.email, password: user.password });
    await app.api.post('/auth/login', { email: user.user.email, password: 'wrong password' });
    const rotated = await app.api.post('/auth/refresh', { refreshToken: user.refreshToken });
    await app.api.post('/auth/refresh', { refreshToken: user.refreshToken });
    await app.api.post('/auth/logout', { refreshToken: rotated.body.refreshToken });
    const mine = (e: any) => e.userId === user.user.id;
    for (const [type, severity] of [
      ['auth.registered', 'info'],
      ['auth.login', 'info'],
      ['auth.login_failed', 'warning'],
      ['auth.refresh_reused', 'critical'],
    ]) {
      await awaitAuditEvents(app, type, { userId: user.user.id });
      expect((await reviewed(type)).find(mine)).toMatchObject({ type, severity, userId: user.user.id, ip: '127.0.0.1', method: 'POST' });
    }
    expect((await reviewed('auth.login_failed')).find(mine).details).toMatchObject({ reason: 'invalid_credentials', email: user.user.email });
  });

  it('auth.logout', async () => {
    const user = await register(app.api);
    await app.api.post('/auth/logout', { refreshToken: user.refreshToken });
    await awaitAuditEvents(app, 'auth.logout', { userId: user.user.id });
  });

  it('user.updated and role.created|updated|deleted', async () => {
    await app.api.patch(`/users/${member.user.id}`, { name: 'Renamed' }, { token: admin.accessToken });
    await app.api.post('/roles', { name: 'temp', permissions: [] }, { token: admin.accessToken });
    await app.api.patch('/roles/temp', { description: 'x' }, { token: admin.accessToken });
    await app.api.delete('/roles/temp', { token: admin.accessToken });
    for (const type of ['user.updated', 'role.created', 'role.updated', 'role.deleted']) {
      expect((await reviewed(type))[0]).toMatchObject({ type, userId: admin.user.id, severity: 'info' });
    }
  });

  it('api_key.created|updated|revoked|rotated|deleted|revoked_all', async () => {
    const a = await createKey(app.api, member.accessToken);
    await app.api.patch(`/api-keys/${a.id}`, { name: 'renamed' }, { token: member.accessToken });
    const rotated = await app.api.post(`/api-keys/${a.id}/rotate`, {}, { token: member.accessToken });
    await app.api.post(`/api-keys/${rotated.body.id}/revoke`, undefined, { token: member.accessToken });
    await app.api.delete(`/api-keys/${rotated.body.id}`, { token: member.accessToken });
    await app.api.post('/api-keys/revoke-all', undefined, { token: member.accessToken });
    for (const [type, keyId] of [
      ['api_key.created', a.id],
      ['api_key.updated', a.id],
      ['api_key.rotated', a.id],
      ['api_key.revoked', rotated.body.id],
      ['api_key.deleted', rotated.body.id],
    ]) {
      const [event] = await reviewed(type, `&apiKeyId=${keyId}`);
      expect(event).toMatchObject({ type, apiKeyId: keyId, userId: member.user.id });
    }
    expect((await reviewed('api_key.revoked_all', `&userId=${member.user.id}`))[0].details).toMatchObject({ revoked: expect.any(Number) });
  });

  it('api_key.used for every key request, with status, latency and no key in the path', async () => {
    const { id, key, keyPrefix } = await createKey(app.api, member.accessToken, { scopes: ['contents:read'] });
    await app.api.get('/contents', { apiKey: key });
    await app.api.post('/contents', { title: 'denied' }, { apiKey: key });
    await app.api.get(`/contents?apikey=${key}`);
    const events = await awaitAuditEvents(app, 'api_key.used', { apiKeyId: id }, 3);
    expect(events.map((e) => e.statusCode)).toEqual([200, 403, 200]);
    for (const event of events) {
      expect(event).toMatchObject({ keyPrefix, userId: member.user.id });
      expect(event.details.latencyMs).toEqual(expect.any(Number));
      expect(event.path).not.toContain(key);
    }
  });

  it('api_key.auth_failed with the reason, permission.denied, rate_limit.exceeded', async () => {
    await app.api.get('/auth/me', { apiKey: 'kw_garbage' });
    const { id, key } = await createKey(app.api, member.accessToken, { scopes: ['contents:read'], rateLimit: 1 });
    await app.api.post('/contents', { title: 'x' }, { apiKey: key });
    await app.api.get('/contents', { apiKey: key });
    const [failed] = await awaitAuditEvents(app, 'api_key.auth_failed', {}, 1, (e) => e.details.reason === 'malformed');
    expect(failed).toMatchObject({ severity: 'warning', statusCode: 401 });
    const [denied] = await awaitAuditEvents(app, 'permission.denied', { apiKeyId: id });
    // The refusal happened in the key's workspace (API.md §9): it is that workspace's event.
    expect(denied.details).toEqual({ required: ['contents:write'], workspaceId: expect.any(String) });
    const [limited] = await awaitAuditEvents(app, 'rate_limit.exceeded', { apiKeyId: id });
    expect(limited.statusCode).toBe(429);
  });

  it('api_key.used and api_key.auth_failed record the user agent; a request refused with 429 is a use, with status 429', async () => {
    const agent = 'keyward-test-agent/1.0 (audit)';
    const { id, key } = await createKey(app.api, member.accessToken, { rateLimit: 1 });
    expect((await app.api.get('/auth/me', { apiKey: key, headers: { 'user-agent': agent } })).status).toBe(200);
    expect((await app.api.get('/auth/me', { apiKey: key, headers: { 'user-agent': agent } })).status).toBe(429);
    expect((await app.api.get('/auth/me', { apiKey: wrongSecretFor(key), headers: { 'user-agent': agent, ...from(uniqueTestIp()) } })).status).toBe(401);
    const used = await awaitAuditEvents(app, 'api_key.used', { apiKeyId: id }, 2);
    expect(used.map((e) => [e.statusCode, e.userAgent])).toEqual([
      [200, agent],
      [429, agent],
    ]);
    const [failed] = await awaitAuditEvents(app, 'api_key.auth_failed', { apiKeyId: id });
    expect(failed).toMatchObject({ userAgent: agent, userId: null, statusCode: 401, details: { reason: 'wrong_secret' } });
  });

  it('api_key.auth_failed names why a proven key was refused: not_yet_valid, ip_not_allowed, user_disabled', async () => {
    const pending = await createKey(app.api, member.accessToken, { validFrom: new Date(Date.now() + 86_400_000).toISOString() });
    const fenced = await createKey(app.api, member.accessToken, { allowedIps: ['10.0.0.0/8'] });
    const owner = await register(app.api);
    const orphaned = await createKey(app.api, owner.accessToken);
    expect((await app.api.patch(`/users/${owner.user.id}`, { active: false }, { token: admin.accessToken })).status).toBe(200);
    const cases = [
      { key: pending, ownerId: member.user.id, code: 'api_key.not_yet_valid', status: 401, reason: 'not_yet_valid' },
      { key: fenced, ownerId: member.user.id, code: 'api_key.ip_not_allowed', status: 403, reason: 'ip_not_allowed' },
      { key: orphaned, ownerId: owner.user.id, code: 'user.disabled', status: 401, reason: 'user_disabled' },
    ];
    for (const { key, code } of cases) expect((await app.api.get('/auth/me', { apiKey: key.key, headers: from(uniqueTestIp()) })).body.code).toBe(code);
    for (const { key, ownerId, status, reason } of cases) {
      const [event] = await awaitAuditEvents(app, 'api_key.auth_failed', { apiKeyId: key.id });
      expect(event).toMatchObject({ userId: ownerId, statusCode: status, details: { reason } });
    }
  });
});

describe('each detector fires at its threshold and not below', () => {
  it('suspicious.brute_force: 5 failures from one IP, not 4', async () => {
    const below = '192.0.2.10';
    for (let i = 0; i < 4; i++) await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers: from(below) });
    const at = '192.0.2.11';
    for (let i = 0; i < 5; i++) await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers: from(at) });
    const [event] = await awaitAuditEvents(app, 'suspicious.brute_force', {}, 1, (e) => e.ip === at);
    expect(event.severity).toBe('critical');
    // Security events are stored in the order recorded: had the 4 failures fired, that event would be in already.
    expect((await auditEvents(app, 'suspicious.brute_force')).filter((e) => e.ip === below)).toEqual([]);
  });

  it('suspicious.revoked_key_used: the right secret of a revoked, disabled or expired key, not a wrong secret', async () => {
    const revoked = await createKey(app.api, member.accessToken);
    await app.api.post(`/api-keys/${revoked.id}/revoke`, undefined, { token: member.accessToken });
    const disabled = await createKey(app.api, member.accessToken);
    await app.api.patch(`/api-keys/${disabled.id}`, { active: false }, { token: member.accessToken });
    const expired = await createKey(app.api, member.accessToken, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    // The API only takes a future expiry; the key was never presented, so nothing caches the old one.
    await app.db.query(`UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
    for (const key of [revoked, disabled, expired]) await app.api.get('/auth/me', { apiKey: key.key, headers: from('192.0.2.20') });
    for (const key of [revoked, disabled, expired]) {
      const [event] = await awaitAuditEvents(app, 'suspicious.revoked_key_used', { apiKeyId: key.id });
      expect(event).toMatchObject({ severity: 'warning', userId: member.user.id });
    }
    const guessed = await createKey(app.api, member.accessToken);
    await app.api.post(`/api-keys/${guessed.id}/revoke`, undefined, { token: member.accessToken });
    expect((await app.api.get('/auth/me', { apiKey: wrongSecretFor(guessed.key), headers: from('192.0.2.21') })).body.code).toBe('api_key.invalid');
    await awaitAuditEvents(app, 'api_key.auth_failed', { apiKeyId: guessed.id }, 1, (e) => e.details.reason === 'wrong_secret');
    await auditBarrier(app);
    expect(await auditEvents(app, 'suspicious.revoked_key_used', { apiKeyId: guessed.id })).toEqual([]);
  });

  it('suspicious.new_ip: a key with history used from an IP it never used', async () => {
    const { id, key } = await createKey(app.api, member.accessToken);
    await app.api.get('/auth/me', { apiKey: key, headers: from('198.51.100.1') });
    await app.api.get('/auth/me', { apiKey: key, headers: from('198.51.100.1') });
    await auditBarrier(app);
    expect(await auditEvents(app, 'suspicious.new_ip', { apiKeyId: id })).toEqual([]);
    await app.api.get('/auth/me', { apiKey: key, headers: from('198.51.100.2') });
    const [event] = await awaitAuditEvents(app, 'suspicious.new_ip', { apiKeyId: id });
    expect(event).toMatchObject({ ip: '198.51.100.2', severity: 'warning', details: { knownIps: 1 } });
  });

  it('suspicious.scope_probing: SCOPE_PROBING_THRESHOLD (3) denials for one key, not 2', async () => {
    const probing = await createKey(app.api, member.accessToken, { scopes: ['contents:read'] });
    const quieter = await createKey(app.api, member.accessToken, { scopes: ['contents:read'] });
    // A route a key may call (not JWT-only like /users), refused for want of audit:read.
    for (let i = 0; i < 3; i++) await app.api.get('/audit-logs/verify', { apiKey: probing.key });
    for (let i = 0; i < 2; i++) await app.api.get('/audit-logs/verify', { apiKey: quieter.key });
    const [event] = await awaitAuditEvents(app, 'suspicious.scope_probing', { apiKeyId: probing.id });
    expect(event.details).toMatchObject({ denials: 3 });
    await auditBarrier(app);
    expect(await auditEvents(app, 'suspicious.scope_probing', { apiKeyId: quieter.id })).toEqual([]);
  });

  it('suspicious.rate_limit_abuse: RATE_LIMIT_ABUSE_THRESHOLD (2) windows exceeded by one key, not 1', async () => {
    const { id, key } = await createKey(app.api, member.accessToken, { rateLimit: 1 });
    const exceedWindow = async (window: number) => {
      const admitted = await app.api.get('/auth/me', { apiKey: key });
      expect(admitted.status).toBe(200);
      const windowEndsBy = Date.now() + Number(admitted.headers.get('x-ratelimit-reset')) * 1000;
      expect((await app.api.get('/auth/me', { apiKey: key })).status).toBe(429);
      expect((await app.api.get('/auth/me', { apiKey: key })).status).toBe(429);
      // Both refusals stored: whatever the detector made of the first is stored too (events keep their order).
      const exceeded = await awaitAuditEvents(app, 'rate_limit.exceeded', { apiKeyId: id }, 2 * window);
      return { windowEndsBy, first: exceeded.filter((e) => e.details.firstInWindow === true) };
    };

    const one = await exceedWindow(1);
    expect(one.first).toHaveLength(1);
    expect(await auditEvents(app, 'suspicious.rate_limit_abuse', { apiKeyId: id })).toEqual([]);
    await sleep(Math.max(0, one.windowEndsBy - Date.now()));

    const two = await exceedWindow(2);
    expect(two.first).toHaveLength(2);
    const [event] = await awaitAuditEvents(app, 'suspicious.rate_limit_abuse', { apiKeyId: id });
    expect(event.details).toMatchObject({ windowsExceeded: 2, triggeredBy: two.first[1].id });
    await auditBarrier(app);
    expect(await auditEvents(app, 'suspicious.rate_limit_abuse', { apiKeyId: id })).toHaveLength(1);
  });

  it('suspicious.rate_limit_abuse: a named limit’s windows count too, each window’s first refusal once', async () => {
    const { id, key } = await createKey(app.api, member.accessToken, { limits: [{ name: 'tick', limit: 1, window: 2, auto: true }] });
    const exceedWindow = async () => {
      // Fixed windows aligned to the epoch: start just after one opens.
      await sleep(2000 - (Date.now() % 2000) + 30);
      expect((await app.api.get('/auth/me', { apiKey: key })).status).toBe(200);
      for (let i = 0; i < 2; i++) expect((await app.api.get('/auth/me', { apiKey: key })).body.details).toEqual([{ limit: 'tick', scope: 'key' }]);
    };
    await exceedWindow();
    await exceedWindow();
    const refusals = await awaitAuditEvents(app, 'rate_limit.exceeded', { apiKeyId: id }, 4);
    expect(refusals.map((event) => event.details.firstInWindow)).toEqual([true, false, true, false]);
    const [event] = await awaitAuditEvents(app, 'suspicious.rate_limit_abuse', { apiKeyId: id });
    expect(event.details).toMatchObject({ windowsExceeded: 2 });
  });

  it('suspicious.key_in_url: a key in the query string, and not in a header', async () => {
    const inUrl = await createKey(app.api, member.accessToken);
    const inHeader = await createKey(app.api, member.accessToken);
    await app.api.get(`/auth/me?apikey=${inUrl.key}`);
    await app.api.get('/auth/me', { apiKey: inHeader.key });
    const [event] = await awaitAuditEvents(app, 'suspicious.key_in_url', { apiKeyId: inUrl.id });
    expect(event.severity).toBe('info');
    expect(event.path).toBe('/api/v1/auth/me?apikey=[REDACTED]');
    await auditBarrier(app);
    expect(await auditEvents(app, 'suspicious.key_in_url', { apiKeyId: inHeader.id })).toEqual([]);
  });
});

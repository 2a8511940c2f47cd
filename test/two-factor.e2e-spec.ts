import { jest } from '@jest/globals';
import { Clock } from '../src/common/clock.js';
import { totpCode } from '../src/auth/two-factor/totp.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { auditEvents, uniqueTestIp } from './helpers/audit.js';
import { eventually, register, type Session } from './helpers/factories.js';

let app: TestApp;
let clock: Clock;
/** The service's clock, held still between steps so codes are computed for a known moment. */
let now = Date.UTC(2026, 11, 1, 12, 0, 10);

beforeAll(async () => {
  app = await startTestApp({ env: { TRUST_PROXY: 'true' } });
  clock = app.keyward.app.get(Clock, { strict: false });
  jest.spyOn(clock, 'now').mockImplementation(() => now);
});
afterAll(() => app?.close());

const as = (session: { accessToken: string }) => ({ token: session.accessToken });
const nextStep = () => (now += 30_000);
const fromIp = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

/** A user with two-factor on: their secret and recovery codes. */
async function withTwoFactor(): Promise<{ user: Session; secret: string; recoveryCodes: string[] }> {
  const user = await register(app.api);
  const setup = await app.api.post('/auth/2fa/setup', undefined, as(user));
  expect(setup.status).toBe(200);
  const enabled = await app.api.post('/auth/2fa/enable', { code: totpCode(setup.body.secret, now) }, as(user));
  expect(enabled.status).toBe(200);
  nextStep(); // the enabling code's step is spent
  return { user, secret: setup.body.secret, recoveryCodes: enabled.body.recoveryCodes };
}

async function challenge(user: Session): Promise<string> {
  const response = await app.api.post('/auth/login', { email: user.user.email, password: user.password });
  expect(response.status).toBe(200);
  expect(response.body).toEqual({ mfaRequired: true, mfaToken: expect.stringMatching(/^kwmfa_/), expiresIn: 300 });
  return response.body.mfaToken;
}

describe('turning two-factor sign-in on', () => {
  it('gives a secret and an otpauth URL authenticator apps read, stored sealed', async () => {
    const user = await register(app.api);
    const setup = await app.api.post('/auth/2fa/setup', undefined, as(user));
    expect(setup.body).toEqual({ secret: expect.stringMatching(/^[A-Z2-7]{32}$/), otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\//) });
    const url = new URL(setup.body.otpauthUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ secret: setup.body.secret, algorithm: 'SHA1', digits: '6', period: '30', issuer: 'Keyward' });
    const [row] = (await app.db.query('SELECT totp_pending FROM users WHERE id = $1', [user.user.id])).rows;
    expect(row.totp_pending).toMatch(/^v1\./);
    expect(row.totp_pending).not.toContain(setup.body.secret);
  });

  it('enables with a code from the app and shows ten recovery codes once, stored hashed', async () => {
    const { user, recoveryCodes } = await withTwoFactor();
    expect(recoveryCodes).toHaveLength(10);
    // The user's own view says so at once (the cached principal is replaced).
    expect((await app.api.get('/auth/me', as(user))).body.user.twoFactorEnabled).toBe(true);
    expect(user.user).toMatchObject({ twoFactorEnabled: false });
    const stored = (await app.db.query('SELECT code_hash FROM recovery_codes WHERE user_id = $1', [user.user.id])).rows;
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]);
    const [event] = await auditEvents(app, 'auth.2fa_enabled', { userId: user.user.id });
    expect(JSON.stringify(event)).not.toMatch(/\b\d{6}\b.*code|recovery/i);
  });

  it('refuses a wrong code with 401 auth.mfa_invalid and stays off', async () => {
    const user = await register(app.api);
    await app.api.post('/auth/2fa/setup', undefined, as(user));
    const response = await app.api.post('/auth/2fa/enable', { code: '000000' }, as(user));
    expect([response.status, response.body.code]).toEqual([401, 'auth.mfa_invalid']);
    expect((await app.api.post('/auth/login', { email: user.user.email, password: user.password })).body.accessToken).toEqual(expect.any(String));
  });

  it('refuses enable without setup, setup when already on, and an API key', async () => {
    const user = await register(app.api);
    expect((await app.api.post('/auth/2fa/enable', { code: '123456' }, as(user))).body.code).toBe('validation.failed');
    const { user: on } = await withTwoFactor();
    expect((await app.api.post('/auth/2fa/setup', undefined, as(on))).body.code).toBe('validation.failed');
    const { key } = (await app.api.post('/api-keys', { name: 'k' }, as(user))).body;
    expect((await app.api.post('/auth/2fa/setup', undefined, { apiKey: key })).body.code).toBe('auth.jwt_required');
  });
});

describe('signing in with two-factor on', () => {
  it('answers a right password with a challenge, no tokens; a right code then signs in', async () => {
    const { user, secret } = await withTwoFactor();
    const mfaToken = await challenge(user);
    const response = await app.api.post('/auth/login/2fa', { mfaToken, code: totpCode(secret, now) });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), user: { id: user.user.id } });
    expect((await app.api.get('/auth/me', as(response.body))).status).toBe(200);
  });

  it('leaves users without two-factor signing in exactly as before', async () => {
    const user = await register(app.api);
    const response = await app.api.post('/auth/login', { email: user.user.email, password: user.password });
    expect(response.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer' });
  });

  it('accepts a code one step behind or ahead of the server’s clock, not two', async () => {
    const { user, secret } = await withTwoFactor();
    nextStep(); // one step behind is now after the step the enabling code spent
    for (const [offset, status] of [[-60_000, 401], [+60_000, 401], [-30_000, 200]] as const) {
      const mfaToken = await challenge(user);
      expect([offset, (await app.api.post('/auth/login/2fa', { mfaToken, code: totpCode(secret, now + offset) })).status]).toEqual([offset, status]);
    }
    nextStep();
    const mfaToken = await challenge(user);
    expect((await app.api.post('/auth/login/2fa', { mfaToken, code: totpCode(secret, now + 30_000) })).status).toBe(200);
  });

  it('refuses a code used once already (replay), even with a fresh challenge', async () => {
    const { user, secret } = await withTwoFactor();
    const code = totpCode(secret, now);
    expect((await app.api.post('/auth/login/2fa', { mfaToken: await challenge(user), code })).status).toBe(200);
    const replay = await app.api.post('/auth/login/2fa', { mfaToken: await challenge(user), code });
    expect([replay.status, replay.body.code]).toEqual([401, 'auth.mfa_invalid']);
  });

  it('signs in with a recovery code once; the same code again is refused', async () => {
    const { user, recoveryCodes } = await withTwoFactor();
    const first = await app.api.post('/auth/login/2fa', { mfaToken: await challenge(user), recoveryCode: recoveryCodes[3].toUpperCase() });
    expect(first.status).toBe(200);
    const again = await app.api.post('/auth/login/2fa', { mfaToken: await challenge(user), recoveryCode: recoveryCodes[3] });
    expect([again.status, again.body.code]).toEqual([401, 'auth.mfa_invalid']);
    const [event] = await auditEvents(app, 'auth.recovery_code_used', { userId: user.user.id });
    expect(event.severity).toBe('warning');
    expect(JSON.stringify(event)).not.toContain(recoveryCodes[3]);
  });

  it('lets a challenge be answered once, and not after five minutes', async () => {
    const { user, secret } = await withTwoFactor();
    const mfaToken = await challenge(user);
    expect((await app.api.post('/auth/login/2fa', { mfaToken, code: totpCode(secret, now) })).status).toBe(200);
    nextStep();
    expect((await app.api.post('/auth/login/2fa', { mfaToken, code: totpCode(secret, now) })).body.code).toBe('auth.mfa_invalid');
    const late = await challenge(user);
    now += 301_000;
    expect((await app.api.post('/auth/login/2fa', { mfaToken: late, code: totpCode(secret, now) })).body.code).toBe('auth.mfa_invalid');
  });

  it('kills a challenge after five wrong codes: the sixth try is refused even with the right code', async () => {
    const { user, secret } = await withTwoFactor();
    const mfaToken = await challenge(user);
    const ip = uniqueTestIp();
    for (let i = 0; i < 5; i++) expect((await app.api.post('/auth/login/2fa', { mfaToken, code: '000000' }, fromIp(ip))).status).toBe(401);
    expect((await app.api.post('/auth/login/2fa', { mfaToken, code: totpCode(secret, now) }, fromIp(ip))).body.code).toBe('auth.mfa_invalid');
    const failures = await eventually(async () => {
      const events = await auditEvents(app, 'auth.mfa_failed', { userId: user.user.id });
      expect(events.length).toBeGreaterThanOrEqual(6);
      return events;
    });
    expect(failures[0]).toMatchObject({ severity: 'warning', details: { reason: 'code', email: user.user.email } });
  });

  it('counts wrong codes as failed sign-ins: enough of them block the IP with 429 auth.too_many_attempts', async () => {
    const strict = await startTestApp({ env: { TRUST_PROXY: 'true', BRUTE_FORCE_THRESHOLD: '8', BRUTE_FORCE_ACCOUNT_THRESHOLD: '1000' } });
    try {
      const user = await register(strict.api);
      await strict.api.post('/auth/2fa/setup', undefined, as(user));
      await strict.db.query('UPDATE users SET totp_secret = totp_pending, two_factor_enabled_at = now() WHERE id = $1', [user.user.id]);
      const ip = uniqueTestIp();
      for (let i = 0; i < 8; i++) {
        const { mfaToken } = (await strict.api.post('/auth/login', { email: user.user.email, password: user.password })).body;
        expect((await strict.api.post('/auth/login/2fa', { mfaToken, code: '000000' }, fromIp(ip))).status).toBe(401);
      }
      await eventually(async () => {
        const blocked = await strict.api.post('/auth/login/2fa', { mfaToken: 'kwmfa_x', code: '000000' }, fromIp(ip));
        expect([blocked.status, blocked.body.code]).toEqual([429, 'auth.too_many_attempts']);
      });
    } finally {
      await strict.close();
    }
  });

  it('refuses a made-up challenge with 401 auth.mfa_invalid and a body with neither code nor recovery code with 400', async () => {
    expect((await app.api.post('/auth/login/2fa', { mfaToken: 'kwmfa_made-up', code: '123456' })).body.code).toBe('auth.mfa_invalid');
    expect((await app.api.post('/auth/login/2fa', { mfaToken: 'kwmfa_made-up' })).body.code).toBe('validation.failed');
  });
});

describe('turning two-factor sign-in off', () => {
  it('needs the password and a code; then sign-in needs the password only', async () => {
    const { user, secret } = await withTwoFactor();
    const wrongPassword = await app.api.post('/auth/2fa/disable', { password: 'not it at all', code: totpCode(secret, now) }, as(user));
    expect(wrongPassword.body.code).toBe('validation.failed');
    const wrongCode = await app.api.post('/auth/2fa/disable', { password: user.password, code: '000000' }, as(user));
    expect(wrongCode.body.code).toBe('auth.mfa_invalid');
    expect((await app.api.post('/auth/2fa/disable', { password: user.password, code: totpCode(secret, now) }, as(user))).status).toBe(204);
    expect((await app.api.post('/auth/login', { email: user.user.email, password: user.password })).body.accessToken).toEqual(expect.any(String));
    const [event] = await auditEvents(app, 'auth.2fa_disabled', { userId: user.user.id });
    expect(event.severity).toBe('warning');
  });

  it('takes a recovery code instead of a code', async () => {
    const { user, recoveryCodes } = await withTwoFactor();
    expect((await app.api.post('/auth/2fa/disable', { password: user.password, code: recoveryCodes[0] }, as(user))).status).toBe(204);
  });
});

describe('a workspace that requires two-factor sign-in', () => {
  it('refuses members without it with 403 auth.2fa_required, admits them once they turn it on, and keeps keys working', async () => {
    const { user: owner } = await withTwoFactor();
    const member = await register(app.api);
    const workspace = (await app.api.post('/workspaces', { name: 'Strict' }, as(owner))).body;
    const { token } = (await app.api.post(`/workspaces/${workspace.id}/invitations`, { email: member.user.email, role: 'member' }, as(owner))).body;
    expect((await app.api.post('/invitations/accept', { token }, as(member))).status).toBe(200);
    const { key } = (await app.api.post(`/workspaces/${workspace.id}/api-keys`, { name: 'still works', scopes: ['contents:read'] }, as(member))).body;

    expect((await app.api.patch(`/workspaces/${workspace.id}`, { requireTwoFactor: true }, as(owner))).status).toBe(200);
    const refused = await app.api.get(`/workspaces/${workspace.id}`, as(member));
    expect([refused.status, refused.body.code, refused.body.message]).toEqual([403, 'auth.2fa_required', expect.stringContaining('/auth/2fa/setup')]);
    // The key acts in the strict workspace, as its member: keys are not people and need no second factor.
    const byKey = await app.api.get('/contents', { apiKey: key });
    expect(byKey.status).toBe(200);
    expect((await app.api.get('/auth/me', { apiKey: key })).body.workspace.id).toBe(workspace.id);

    const setup = (await app.api.post('/auth/2fa/setup', undefined, as(member))).body;
    expect((await app.api.post('/auth/2fa/enable', { code: totpCode(setup.secret, now) }, as(member))).status).toBe(200);
    expect((await app.api.get(`/workspaces/${workspace.id}`, as(member))).status).toBe(200);
  });

  it('cannot be required by someone without two-factor themselves: 403 auth.2fa_required, nothing changes', async () => {
    const owner = await register(app.api);
    const workspace = (await app.api.post('/workspaces', { name: 'Lax' }, as(owner))).body;
    const response = await app.api.patch(`/workspaces/${workspace.id}`, { requireTwoFactor: true }, as(owner));
    expect([response.status, response.body.code]).toEqual([403, 'auth.2fa_required']);
    expect((await app.api.get(`/workspaces/${workspace.id}`, as(owner))).body.requireTwoFactor).toBe(false);
  });
});

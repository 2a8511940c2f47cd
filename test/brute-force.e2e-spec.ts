import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { createKey, eventually, madeUpKey, register, type Session } from './helpers/factories.js';
import type { ApiResponse } from './helpers/http.js';

let app: TestApp;
let user: Session;
const THRESHOLD = 5;
const ACCOUNT_THRESHOLD = 2 * THRESHOLD;
// Long enough for the checks made while blocked; the unblock is polled for, not slept on.
const BLOCK_SECONDS = 5;

beforeAll(async () => {
  app = await startTestApp({
    env: { TRUST_PROXY: 'true', BRUTE_FORCE_THRESHOLD: String(THRESHOLD), BRUTE_FORCE_ACCOUNT_THRESHOLD: String(ACCOUNT_THRESHOLD), BRUTE_FORCE_WINDOW_SECONDS: '60', BRUTE_FORCE_BLOCK_SECONDS: String(BLOCK_SECONDS), REDIS_URL: undefined },
  });
  user = await register(app.api);
});
afterAll(() => app?.close());

const from = (ip: string) => ({ 'x-forwarded-for': ip });

/** A block answer: 429 auth.too_many_attempts with a whole-second Retry-After within the block. */
function expectBlocked(res: ApiResponse): void {
  expect(res.status).toBe(429);
  expect(res.body.code).toBe('auth.too_many_attempts');
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(BLOCK_SECONDS);
}

/** Polls until `request` answers 200 and returns when it first did (the block runs out meanwhile). */
async function whenAdmittedAgain(request: () => Promise<ApiResponse>): Promise<number> {
  return eventually(async () => {
    expect((await request()).status).toBe(200);
    return Date.now();
  }, (BLOCK_SECONDS + 5) * 1000, 100);
}

describe('brute-force protection', () => {
  it('blocks an IP after repeated failed key checks, leaves other IPs alone, and lifts the block when it expires', async () => {
    const attacker = '198.51.100.10';
    const { key } = await createKey(app.api, user.accessToken);
    let lastFailureAt = 0;
    for (let i = 0; i < THRESHOLD; i++) {
      lastFailureAt = Date.now();
      expect((await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers: from(attacker) })).body.code).toBe('api_key.invalid');
    }
    const blocked = await eventually(async () => {
      const res = await app.api.get('/auth/me', { apiKey: key, headers: from(attacker) });
      expect(res.status).toBe(429);
      return res;
    });
    expectBlocked(blocked);
    expectBlocked(await app.api.get('/contents', { token: user.accessToken, headers: from(attacker) }));
    expectBlocked(await app.api.post('/auth/login', { email: user.user.email, password: user.password }, { headers: from(attacker) }));

    expect((await app.api.get('/auth/me', { apiKey: key, headers: from('198.51.100.11') })).status).toBe(200);
    const [event] = await awaitAuditEvents(app, 'suspicious.brute_force', {}, 1, (e) => e.ip === attacker);
    expect(event).toMatchObject({ severity: 'critical', details: { target: 'ip', failures: THRESHOLD } });

    const admittedAt = await whenAdmittedAgain(() => app.api.get('/auth/me', { apiKey: key, headers: from(attacker) }));
    expect(admittedAt - lastFailureAt).toBeGreaterThanOrEqual(BLOCK_SECONDS * 1000);
  });

  it('does not block below the threshold, and blocks on the failure that reaches it', async () => {
    const ip = '198.51.100.20';
    for (let i = 0; i < THRESHOLD - 1; i++) await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers: from(ip) });
    // Failures are counted as they are recorded, so once all are stored all have been counted.
    await awaitAuditEvents(app, 'api_key.auth_failed', {}, THRESHOLD - 1, (e) => e.ip === ip);
    expect((await app.api.get('/auth/me', { token: user.accessToken, headers: from(ip) })).status).toBe(200);

    await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers: from(ip) });
    await eventually(async () => expect((await app.api.get('/auth/me', { token: user.accessToken, headers: from(ip) })).body.code).toBe('auth.too_many_attempts'));
  });

  it('blocks an IP after repeated failed logins', async () => {
    const ip = '198.51.100.30';
    for (let i = 0; i < THRESHOLD; i++) {
      expect((await app.api.post('/auth/login', { email: `nobody${i}@example.com`, password: 'wrong password' }, { headers: from(ip) })).status).toBe(401);
    }
    await eventually(async () => {
      expect((await app.api.get('/auth/me', { token: user.accessToken, headers: from(ip) })).body.code).toBe('auth.too_many_attempts');
    });
  });

  it('blocks logins to one account attacked from many networks with Retry-After, without blocking the IPs, until the block expires', async () => {
    const victim = await register(app.api);
    const login = () => app.api.post('/auth/login', { email: victim.user.email, password: victim.password }, { headers: from('192.0.2.99') });
    let lastFailureAt = 0;
    // One failure from each of ACCOUNT_THRESHOLD different /24s: no network reaches its own lock.
    for (let i = 0; i < ACCOUNT_THRESHOLD; i++) {
      lastFailureAt = Date.now();
      await app.api.post('/auth/login', { email: victim.user.email, password: 'wrong password' }, { headers: from(`203.0.${100 + i}.1`) });
    }
    const blocked = await eventually(async () => {
      const res = await login();
      expect(res.status).toBe(429);
      return res;
    });
    expectBlocked(blocked);
    // The block is on the account, whatever case the email is typed in.
    expectBlocked(await app.api.post('/auth/login', { email: victim.user.email.toUpperCase(), password: victim.password }, { headers: from('192.0.2.98') }));
    expectBlocked(await app.api.post('/auth/register', { email: victim.user.email, password: 'another password' }, { headers: from('192.0.2.97') }));
    expect((await app.api.get('/auth/me', { token: victim.accessToken, headers: from('203.0.100.1') })).status).toBe(200);
    await awaitAuditEvents(app, 'suspicious.brute_force', {}, 1, (e) => e.details.target === 'account' && e.details.email === victim.user.email);

    const admittedAt = await whenAdmittedAgain(login);
    expect(admittedAt - lastFailureAt).toBeGreaterThanOrEqual(BLOCK_SECONDS * 1000);
  });
});

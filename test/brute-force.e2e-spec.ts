import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { createKey, eventually, madeUpKey, register, type Session, sleep } from './helpers/factories.js';

let app: TestApp;
let user: Session;
const THRESHOLD = 5;

beforeAll(async () => {
  app = await startTestApp({
    env: { TRUST_PROXY: 'true', BRUTE_FORCE_THRESHOLD: String(THRESHOLD), BRUTE_FORCE_WINDOW_SECONDS: '60', BRUTE_FORCE_BLOCK_SECONDS: '2', REDIS_URL: undefined },
  });
  user = await register(app.api);
});
afterAll(() => app?.close());

const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('brute-force protection', () => {
  it('blocks an IP after repeated failed key checks, leaves other IPs alone, and lifts the block when it expires', async () => {
    const attacker = '198.51.100.10';
    const { key } = await createKey(app.api, user.accessToken);
    for (let i = 0; i < THRESHOLD; i++) {
      expect((await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers: from(attacker) })).body.code).toBe('api_key.invalid');
    }
    const blocked = await eventually(async () => {
      const res = await app.api.get('/auth/me', { apiKey: key, headers: from(attacker) });
      expect(res.status).toBe(429);
      return res;
    });
    expect(blocked.body.code).toBe('auth.too_many_attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await app.api.get('/contents', { token: user.accessToken, headers: from(attacker) })).body.code).toBe('auth.too_many_attempts');
    expect((await app.api.post('/auth/login', { email: user.user.email, password: user.password }, { headers: from(attacker) })).status).toBe(429);

    expect((await app.api.get('/auth/me', { apiKey: key, headers: from('198.51.100.11') })).status).toBe(200);
    const [event] = await awaitAuditEvents(app, 'suspicious.brute_force', {}, 1, (e) => e.ip === attacker);
    expect(event).toMatchObject({ severity: 'critical', details: { target: 'ip', failures: THRESHOLD } });

    await sleep(2100);
    expect((await app.api.get('/auth/me', { apiKey: key, headers: from(attacker) })).status).toBe(200);
  });

  it('does not block below the threshold', async () => {
    const ip = '198.51.100.20';
    for (let i = 0; i < THRESHOLD - 1; i++) await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers: from(ip) });
    await sleep(200);
    expect((await app.api.get('/auth/me', { token: user.accessToken, headers: from(ip) })).status).toBe(200);
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

  it('blocks logins to one account attacked from many IPs, without blocking the IPs', async () => {
    const victim = await register(app.api);
    for (let i = 0; i < THRESHOLD; i++) {
      await app.api.post('/auth/login', { email: victim.user.email, password: 'wrong password' }, { headers: from(`203.0.113.${i + 1}`) });
    }
    await eventually(async () => {
      const res = await app.api.post('/auth/login', { email: victim.user.email, password: victim.password }, { headers: from('192.0.2.99') });
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('auth.too_many_attempts');
    });
    expect((await app.api.get('/auth/me', { token: victim.accessToken, headers: from('203.0.113.1') })).status).toBe(200);
    await awaitAuditEvents(app, 'suspicious.brute_force', {}, 1, (e) => e.details.target === 'account' && e.details.email === victim.user.email);
    await sleep(2100);
    expect((await app.api.post('/auth/login', { email: victim.user.email, password: victim.password }, { headers: from('192.0.2.99') })).status).toBe(200);
  });
});

import { startTestApp, type TestApp } from './helpers/app.js';
import { auditEvents, awaitAuditEvents } from './helpers/audit.js';
import { eventually, madeUpKey, register, type Session } from './helpers/factories.js';

/**
 * Brute-force blocks keyed on networks rather than addresses: an (account, network) pair is
 * locked before the account is locked for everyone, and an IPv6 client counts as its /64.
 * TRUST_PROXY=1 lets X-Forwarded-For stand for clients anywhere, all arriving from 127.0.0.1.
 */
let app: TestApp;
let user: Session;
const THRESHOLD = 5;
const ACCOUNT_THRESHOLD = 3 * THRESHOLD;

beforeAll(async () => {
  app = await startTestApp({
    env: {
      TRUST_PROXY: '1',
      BRUTE_FORCE_THRESHOLD: String(THRESHOLD),
      BRUTE_FORCE_ACCOUNT_THRESHOLD: String(ACCOUNT_THRESHOLD),
      BRUTE_FORCE_WINDOW_SECONDS: '60',
      BRUTE_FORCE_BLOCK_SECONDS: '60',
      REDIS_URL: undefined,
    },
  });
  user = await register(app.api);
});
afterAll(() => app?.close());

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const login = (session: Session, ip: string, password = session.password) => app.api.post('/auth/login', { email: session.user.email, password }, { headers: from(ip) });

async function failLogins(victim: Session, ips: string[]): Promise<void> {
  for (const ip of ips) expect((await login(victim, ip, 'wrong password')).status).toBe(401);
}

/** Every failed login so far has been stored, and so counted. */
function failuresCounted(victim: Session, count: number): Promise<unknown> {
  return awaitAuditEvents(app, 'auth.login_failed', {}, count, (e) => e.details.email === victim.user.email);
}

const addresses = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

describe('(account, network) locks before the account-wide lock', () => {
  it("locks an account for sign-ins from the attacking /24 only: the right password still works from other networks", async () => {
    const victim = await register(app.api);
    // Five addresses of one /24, one failure each: no single IP reaches the IP block.
    await failLogins(victim, addresses('203.0.113.', THRESHOLD));

    const sibling = await eventually(async () => {
      const res = await login(victim, '203.0.113.200');
      expect(res.status).toBe(429);
      return res;
    });
    expect(sibling.body.code).toBe('auth.too_many_attempts');
    expect(Number(sibling.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    expect((await login(victim, '198.51.100.7')).status).toBe(200);
    // Only the pair is locked: the addresses themselves may still do everything else.
    expect((await app.api.get('/auth/me', { token: user.accessToken, headers: from('203.0.113.1') })).status).toBe(200);

    const [event] = await awaitAuditEvents(app, 'suspicious.brute_force', {}, 1, (e) => e.details.email === victim.user.email);
    expect(event).toMatchObject({ severity: 'critical', details: { target: 'account_network', network: '203.0.113.0/24', failures: THRESHOLD } });
    expect((await auditEvents(app, 'suspicious.brute_force')).filter((e) => e.details.email === victim.user.email && e.details.target === 'account')).toEqual([]);
  });

  it('locks the account for everyone once failures from several networks reach BRUTE_FORCE_ACCOUNT_THRESHOLD, and not one failure before', async () => {
    const victim = await register(app.api);
    await failLogins(victim, [...addresses('192.0.2.', THRESHOLD), ...addresses('2001:db8:aa:1::', THRESHOLD), ...addresses('198.51.100.', THRESHOLD - 1)]);
    await failuresCounted(victim, ACCOUNT_THRESHOLD - 1);
    expect((await login(victim, '203.0.113.77')).status).toBe(200);

    await failLogins(victim, ['203.0.113.9']);
    await eventually(async () => expect((await login(victim, '203.0.113.77')).status).toBe(429));
    expect((await login(victim, '2001:db8:bb::1')).body.code).toBe('auth.too_many_attempts');
    const [event] = await awaitAuditEvents(app, 'suspicious.brute_force', {}, 1, (e) => e.details.email === victim.user.email && e.details.target === 'account');
    expect(event.details.failures).toBe(ACCOUNT_THRESHOLD);
    // The IPv6 network counted as one /64, like the IPv4 ones as their /24.
    const networks = (await auditEvents(app, 'suspicious.brute_force')).filter((e) => e.details.email === victim.user.email && e.details.target === 'account_network');
    expect(networks.map((e) => e.details.network).sort()).toEqual(['192.0.2.0/24', '2001:db8:aa:1::/64']);
  });
});

describe('IPv6 clients are keyed by their /64', () => {
  it('blocks the whole /64 after failed key checks spread over its addresses, and no other /64', async () => {
    for (const ip of addresses('2001:db8:1:2::', THRESHOLD)) {
      expect((await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers: from(ip) })).status).toBe(401);
    }
    await eventually(async () => {
      const res = await app.api.get('/auth/me', { token: user.accessToken, headers: from('2001:db8:1:2:ffff:ffff:ffff:ffff') });
      expect(res.body.code).toBe('auth.too_many_attempts');
    });
    expect((await app.api.get('/auth/me', { token: user.accessToken, headers: from('2001:db8:1:3::1') })).status).toBe(200);
    const [event] = await awaitAuditEvents(app, 'suspicious.brute_force', {}, 1, (e) => e.details.target === 'ip' && e.details.source === '2001:db8:1:2::/64');
    expect(event.ip).toBe(`2001:db8:1:2::${THRESHOLD}`);
  });

  it('keeps IPv4 clients to their own address for the IP block', async () => {
    for (const ip of addresses('198.18.7.', THRESHOLD)) {
      expect((await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers: from(ip) })).status).toBe(401);
    }
    await awaitAuditEvents(app, 'api_key.auth_failed', {}, THRESHOLD, (e) => e.ip?.startsWith('198.18.7.') ?? false);
    expect((await app.api.get('/auth/me', { token: user.accessToken, headers: from('198.18.7.200') })).status).toBe(200);
  });

  it('gives one /64 one sign-in rate limit, however many addresses it uses', async () => {
    const limited = await startTestApp({ env: { TRUST_PROXY: '1', AUTH_RATE_LIMIT: '3' } });
    try {
      const attempt = (ip: string) => limited.api.post('/auth/login', { email: 'nobody@example.com', password: 'wrong password' }, { headers: from(ip) });
      for (const ip of addresses('2001:db8:5:6::', 3)) expect((await attempt(ip)).status).toBe(401);
      const refused = await attempt('2001:db8:5:6::abcd');
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('rate_limit.exceeded');
      expect((await attempt('2001:db8:5:7::1')).status).toBe(401);
      // IPv4 stays per address.
      for (const ip of addresses('192.0.2.', 4)) expect((await attempt(ip)).status).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

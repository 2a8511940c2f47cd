import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { createKey, eventually, madeUpKey, register } from './helpers/factories.js';

/**
 * TRUST_PROXY in each of its forms, seen through what the service stores and decides: the IP of
 * an audit event, a key's lastUsedIp, an IP allowlist and a brute-force block. Every request
 * reaches the service from 127.0.0.1, so X-Forwarded-For alone tells the clients apart.
 */
const apps = new Map<string, TestApp>();

async function appWith(trustProxy: string, env: Record<string, string> = {}): Promise<TestApp> {
  const name = `${trustProxy} ${JSON.stringify(env)}`;
  let app = apps.get(name);
  if (!app) {
    app = await startTestApp({ env: { TRUST_PROXY: trustProxy, ...env } });
    apps.set(name, app);
  }
  return app;
}

afterAll(async () => {
  await Promise.all([...apps.values()].map((app) => app.close()));
});

/** The client IP the service recorded for a failed key check carrying this X-Forwarded-For. */
async function ipSeen(app: TestApp, forwardedFor?: string): Promise<string | null> {
  const marker = `trust-proxy-${randomBytes(6).toString('hex')}`;
  const headers: Record<string, string> = { 'user-agent': marker };
  if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
  expect((await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers })).status).toBe(401);
  const [event] = await awaitAuditEvents(app, 'api_key.auth_failed', {}, 1, (e) => e.userAgent === marker);
  return event.ip;
}

/** [what it is, the X-Forwarded-For entry]: none of them is an IP address. */
const GARBAGE: [string, string][] = [
  ['a formula', '=1+2'],
  ['a word', 'not-an-ip'],
  ['a 3000-character value', `203.0.113.${'7'.repeat(3000)}`],
  ['an address with a port', '1.2.3.4:8080'],
  ['markup', '<script>'],
];

describe('TRUST_PROXY=false', () => {
  it('ignores X-Forwarded-For: the client IP is the socket peer', async () => {
    const app = await appWith('false');
    expect(await ipSeen(app, '203.0.113.7')).toBe('127.0.0.1');
  });
});

describe.each(['true', '1'])('TRUST_PROXY=%s (one proxy in front)', (trustProxy) => {
  it('takes the rightmost X-Forwarded-For entry', async () => {
    const app = await appWith(trustProxy);
    expect(await ipSeen(app, '203.0.113.7')).toBe('203.0.113.7');
    expect(await ipSeen(app)).toBe('127.0.0.1');
  });

  it('ignores a spoofed leftmost entry', async () => {
    const app = await appWith(trustProxy);
    expect(await ipSeen(app, '198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
  });

  it.each(GARBAGE)('never takes a garbage entry (%s) for the client IP', async (_what, garbage) => {
    const app = await appWith(trustProxy);
    expect(await ipSeen(app, garbage)).toBe('127.0.0.1');
  });
});

describe('TRUST_PROXY=2 (two proxies in front)', () => {
  it('takes the second entry from the right and ignores the ones the client wrote', async () => {
    const app = await appWith('2');
    expect(await ipSeen(app, '198.51.100.1, 203.0.113.7, 10.0.0.2')).toBe('203.0.113.7');
  });

  it('stops at the hop that handed over a garbage entry', async () => {
    const app = await appWith('2');
    expect(await ipSeen(app, '=1+2, 203.0.113.8')).toBe('203.0.113.8');
    expect(await ipSeen(app, '203.0.113.9, not-an-ip')).toBe('127.0.0.1');
  });
});

describe('TRUST_PROXY=127.0.0.1/8,10.0.0.0/8 (the trusted proxies by address)', () => {
  const LIST = '127.0.0.1/8,10.0.0.0/8';

  it('takes the first untrusted address from the right', async () => {
    const app = await appWith(LIST);
    expect(await ipSeen(app, '198.51.100.1, 203.0.113.7, 10.1.2.3, 10.4.5.6')).toBe('203.0.113.7');
    expect(await ipSeen(app, '203.0.113.7')).toBe('203.0.113.7');
  });

  it.each(GARBAGE)('never takes a garbage entry (%s) for the client IP', async (_what, garbage) => {
    const app = await appWith(LIST);
    expect(await ipSeen(app, `${garbage}, 10.1.2.3`)).toBe('10.1.2.3');
    expect(await ipSeen(app, garbage)).toBe('127.0.0.1');
  });
});

describe('the one client IP everything uses', () => {
  it('is normalised: IPv6 lower-case and compressed, IPv4-mapped IPv6 as IPv4', async () => {
    const app = await appWith('1');
    expect(await ipSeen(app, '2001:DB8:0:0:0:0:0:7')).toBe('2001:db8::7');
    expect(await ipSeen(app, '::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('decides IP allowlists: a spoofed leftmost entry inside the list does not let a client outside it in', async () => {
    const app = await appWith('1');
    const user = await register(app.api);
    const key = await createKey(app.api, user.accessToken, { allowedIps: ['203.0.113.0/24'] });
    const as = (forwardedFor: string) => app.api.get('/auth/me', { apiKey: key.key, headers: { 'x-forwarded-for': forwardedFor } });
    expect((await as('203.0.113.7')).status).toBe(200);
    const spoofed = await as('203.0.113.7, 198.51.100.1');
    expect(spoofed.status).toBe(403);
    expect(spoofed.body.code).toBe('api_key.ip_not_allowed');
    expect((await as('=1+2')).body.code).toBe('api_key.ip_not_allowed');
  });

  it("is the key's lastUsedIp, never a garbage entry", async () => {
    const app = await appWith('1');
    const user = await register(app.api);
    const key = await createKey(app.api, user.accessToken);
    expect((await app.api.get('/auth/me', { apiKey: key.key, headers: { 'x-forwarded-for': '203.0.113.50, =1+2' } })).status).toBe(200);
    await eventually(async () => {
      const res = await app.api.get(`/api-keys/${key.id}`, { token: user.accessToken });
      expect(res.body.lastUsedAt).not.toBeNull();
      expect(res.body.lastUsedIp).toBe('127.0.0.1');
    });
  });

  it('is what brute-force blocks count: rotating a spoofed leftmost entry does not escape the block', async () => {
    const app = await appWith('1', { BRUTE_FORCE_THRESHOLD: '3', BRUTE_FORCE_BLOCK_SECONDS: '60' });
    const user = await register(app.api);
    const attacker = '203.0.113.66';
    for (let i = 0; i < 3; i++) {
      const res = await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers: { 'x-forwarded-for': `198.51.100.${i + 1}, ${attacker}` } });
      expect(res.status).toBe(401);
    }
    await eventually(async () => {
      const res = await app.api.get('/auth/me', { token: user.accessToken, headers: { 'x-forwarded-for': `198.51.100.200, ${attacker}` } });
      expect(res.body.code).toBe('auth.too_many_attempts');
    });
    const [event] = await awaitAuditEvents(app, 'suspicious.brute_force', {}, 1, (e) => e.details.target === 'ip');
    expect(event.ip).toBe(attacker);
    // The spoofed leftmost addresses were never blocked: the person who really has one is let in.
    expect((await app.api.get('/auth/me', { token: user.accessToken, headers: { 'x-forwarded-for': '198.51.100.1' } })).status).toBe(200);
  });
});

import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { createKey, eventually, register, type Session } from './helpers/factories.js';

let app: TestApp;
let owner: Session;

beforeAll(async () => {
  app = await startTestApp({ env: { REDIS_URL: undefined } });
  owner = await register(app.api);
});
afterAll(() => app?.close());

const get = (key: string) => app.api.get('/auth/me', { apiKey: key });

describe('per-key rate limits (memory storage)', () => {
  it('sends X-RateLimit-Limit, -Remaining and -Reset on every key request', async () => {
    const { key } = await createKey(app.api, owner.accessToken, { rateLimit: 5 });
    const first = await get(key);
    expect(first.headers.get('x-ratelimit-limit')).toBe('5');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4');
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(3500);
    expect(reset).toBeLessThanOrEqual(3600);
    expect((await get(key)).headers.get('x-ratelimit-remaining')).toBe('3');
  });

  it('answers past the limit with 429 rate_limit.exceeded, Retry-After and the X-RateLimit headers', async () => {
    const created = await createKey(app.api, owner.accessToken, { rateLimit: 3 });
    for (let i = 0; i < 3; i++) expect((await get(created.key)).status).toBe(200);
    const limited = await get(created.key);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'rate_limit.exceeded', path: '/api/v1/auth/me' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toBe(String(retryAfter));
    const [event] = await awaitAuditEvents(app, 'rate_limit.exceeded', { apiKeyId: created.id });
    expect(event.details).toMatchObject({ limit: 3, windowSeconds: 3600 });
  });

  it('keeps each key’s budget to itself', async () => {
    const a = await createKey(app.api, owner.accessToken, { rateLimit: 2 });
    const b = await createKey(app.api, owner.accessToken, { rateLimit: 2 });
    await get(a.key);
    await get(a.key);
    expect((await get(a.key)).status).toBe(429);
    expect((await get(b.key)).status).toBe(200);
    expect((await app.api.get('/auth/me', { token: owner.accessToken })).status).toBe(200);
  });

  it('counts one budget across every route the key calls', async () => {
    const { key } = await createKey(app.api, owner.accessToken, { rateLimit: 2 });
    expect((await app.api.get('/contents', { apiKey: key })).status).toBe(200);
    expect((await get(key)).status).toBe(200);
    expect((await app.api.get('/contents', { apiKey: key })).status).toBe(429);
  });

  it('applies a changed rateLimit at once', async () => {
    const created = await createKey(app.api, owner.accessToken, { rateLimit: 2 });
    await get(created.key);
    await get(created.key);
    expect((await get(created.key)).status).toBe(429);
    await app.api.patch(`/api-keys/${created.id}`, { rateLimit: 10 }, { token: owner.accessToken });
    const raised = await get(created.key);
    expect(raised.status).toBe(200);
    expect(raised.headers.get('x-ratelimit-limit')).toBe('10');
    await app.api.patch(`/api-keys/${created.id}`, { rateLimit: 1 }, { token: owner.accessToken });
    expect((await get(created.key)).status).toBe(429);
  });

  it('admits exactly 50 of 200 concurrent requests against a limit of 50', async () => {
    const { key } = await createKey(app.api, owner.accessToken, { rateLimit: 50 });
    const responses = await Promise.all(Array.from({ length: 200 }, () => get(key)));
    const statuses = responses.map((res) => res.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(50);
    expect(statuses.filter((status) => status === 429)).toHaveLength(150);
  });

  it('counts rate-limited requests in the key’s usage, by the limit that refused them', async () => {
    const created = await createKey(app.api, owner.accessToken, { rateLimit: 1 });
    expect((await get(created.key)).status).toBe(200);
    expect((await get(created.key)).status).toBe(429);
    // Usage is written in batches, about once a second.
    await eventually(async () => {
      const usage = await app.api.get(`/api-keys/${created.id}/usage`, { token: owner.accessToken });
      expect(usage.body.totals).toEqual({ requests: 2, denied: 0, rateLimited: 1, creditsUsed: 0, rateLimitedBy: { default: 1 } });
    });
  });
});

describe('user and sign-in limits', () => {
  it('limits a signed-in user to USER_RATE_LIMIT per hour and sign-in routes to AUTH_RATE_LIMIT per minute per IP', async () => {
    const tight = await startTestApp({ env: { USER_RATE_LIMIT: '3', AUTH_RATE_LIMIT: '4', REDIS_URL: undefined } });
    try {
      const session = await register(tight.api); // sign-in request 1
      for (let i = 0; i < 3; i++) expect((await tight.api.get('/auth/me', { token: session.accessToken })).status).toBe(200);
      const limited = await tight.api.get('/auth/me', { token: session.accessToken });
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('rate_limit.exceeded');

      const login = () => tight.api.post('/auth/login', { email: session.user.email, password: session.password });
      for (let i = 0; i < 3; i++) expect((await login()).status).toBe(200); // requests 2–4
      const fifth = await login();
      expect(fifth.status).toBe(429);
      expect(fifth.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(fifth.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect((await tight.api.get('/ping')).status).toBe(200);
    } finally {
      await tight.close();
    }
  });
});

import { startTestApp, type TestApp } from '../helpers/app.js';
import { msUntil, register } from '../helpers/factories.js';
import { announceRedisSkip, REDIS_URL, sharedRedisEnv } from '../helpers/redis.js';

announceRedisSkip('JWT revocation across instances');

(!REDIS_URL ? describe.skip : describe)('JWT revocation across two instances sharing PostgreSQL and Redis', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    // One prefix for both: they share invalidations, and only with each other.
    const env = sharedRedisEnv();
    a = await startTestApp({ env });
    b = await startTestApp({ env, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('refuses on B, within a second, an access token whose session logged out on A', async () => {
    const session = await register(a.api);
    // Warm on B: from here B answers from its cache, which only an invalidation clears (TTL 30 s).
    for (let i = 0; i < 3; i++) expect((await b.api.get('/auth/me', { token: session.accessToken })).status).toBe(200);
    expect((await a.api.post('/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
    const elapsed = await msUntil(async () => {
      const res = await b.api.get('/auth/me', { token: session.accessToken });
      return res.status === 401 && res.body.code === 'auth.token_invalid';
    });
    expect(elapsed).toBeLessThan(1000);
  });

  it('refuses on B, within a second, the access tokens of a family revoked for refresh reuse on A', async () => {
    const session = await register(a.api);
    const rotated = await a.api.post('/auth/refresh', { refreshToken: session.refreshToken });
    for (const token of [session.accessToken, rotated.body.accessToken]) expect((await b.api.get('/auth/me', { token })).status).toBe(200);
    expect((await a.api.post('/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    const elapsed = await msUntil(async () => {
      const statuses = await Promise.all([session.accessToken, rotated.body.accessToken].map(async (token) => (await b.api.get('/auth/me', { token })).status));
      return statuses.every((status) => status === 401);
    });
    expect(elapsed).toBeLessThan(1000);
  });
});

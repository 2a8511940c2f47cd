import { createTestDatabase } from '../helpers/database.js';
import { createKey, register, type Session } from '../helpers/factories.js';
import { announceRedisSkip, REDIS_URL } from '../helpers/redis.js';
import { spawnService, type ServiceProcess } from '../helpers/service-process.js';

announceRedisSkip('two service processes');

/** Polls until `check` passes; resolves with how long it took (Infinity if it never did). */
async function msUntil(check: () => Promise<boolean>, giveUpMs = 3000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < giveUpMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Infinity;
}

describe.skipIf(!REDIS_URL)('two service processes sharing PostgreSQL and Redis', () => {
  let a: ServiceProcess;
  let b: ServiceProcess;
  let admin: Session;

  beforeAll(async () => {
    const env = { DATABASE_URL: await createTestDatabase(), REDIS_URL, LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: '1000', BRUTE_FORCE_THRESHOLD: '1000' };
    [a, b] = await Promise.all([spawnService(env), spawnService(env)]);
    admin = await register(a.api, { name: 'Admin' });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('shares one key’s limit across both: alternating requests admit exactly the limit in total', async () => {
    const owner = await register(a.api);
    const { key } = await createKey(a.api, owner.accessToken, { rateLimit: 10 });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await (i % 2 === 0 ? a : b).api.get('/auth/me', { apiKey: key })).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true);
  });

  it('refuses on B, within a second, a key revoked through A', async () => {
    const owner = await register(a.api);
    const created = await createKey(a.api, owner.accessToken);
    for (let i = 0; i < 3; i++) expect((await b.api.get('/auth/me', { apiKey: created.key })).status).toBe(200); // warm on B
    expect((await a.api.post(`/api-keys/${created.id}/revoke`, undefined, { token: owner.accessToken })).status).toBe(200);
    const elapsed = await msUntil(async () => (await b.api.get('/auth/me', { apiKey: created.key })).body.code === 'api_key.revoked');
    expect(elapsed).toBeLessThan(1000);
  });

  it('applies on B, within a second, the demotion of a key’s owner through A', async () => {
    const owner = await register(a.api);
    const { key } = await createKey(a.api, owner.accessToken);
    expect((await b.api.post('/contents', { title: 'before' }, { apiKey: key })).status).toBe(201); // warm on B
    expect((await a.api.patch(`/users/${owner.user.id}`, { roles: ['viewer'] }, { token: admin.accessToken })).status).toBe(200);
    const elapsed = await msUntil(async () => (await b.api.post('/contents', { title: 'after' }, { apiKey: key })).status === 403);
    expect(elapsed).toBeLessThan(1000);
  });
});

import { startTestApp, type TestApp } from '../helpers/app.js';
import { auditBarrier, auditEvents, awaitAuditEvents, uniqueTestIp } from '../helpers/audit.js';
import { createTestDatabase } from '../helpers/database.js';
import { createKey, eventually, madeUpKey, register, type Session } from '../helpers/factories.js';
import { announceRedisSkip, REDIS_URL, sharedRedisEnv } from '../helpers/redis.js';

announceRedisSkip('detector counters in Redis');

(!REDIS_URL ? describe.skip : describe)('detectors on two instances sharing PostgreSQL and Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let owner: Session;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    // One prefix for both instances, apart from every other file and run using this Redis.
    const env = { ...sharedRedisEnv(), TRUST_PROXY: 'true', SCOPE_PROBING_THRESHOLD: '5', BRUTE_FORCE_THRESHOLD: '5', BRUTE_FORCE_BLOCK_SECONDS: '60' };
    [a, b] = await Promise.all([startTestApp({ databaseUrl, env }), startTestApp({ databaseUrl, env })]);
    await register(a.api, { name: 'Admin' });
    owner = await register(a.api);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  // A route a key may call (not JWT-only like /users), refused for want of audit:read.
  const DENIED_TO_KEY = '/audit-logs/verify';

  it('raises suspicious.scope_probing once for 3 denials through A and 2 through B, the threshold only in sum', async () => {
    const { id, key } = await createKey(a.api, owner.accessToken, { scopes: ['contents:read'] });
    for (let i = 0; i < 3; i++) expect((await a.api.get(DENIED_TO_KEY, { apiKey: key })).status).toBe(403);
    await awaitAuditEvents(a, 'permission.denied', { apiKeyId: id }, 3);
    for (let i = 0; i < 2; i++) expect((await b.api.get(DENIED_TO_KEY, { apiKey: key })).status).toBe(403);
    const [event] = await awaitAuditEvents(a, 'suspicious.scope_probing', { apiKeyId: id });
    expect(event.details).toMatchObject({ denials: 5 });

    // A sixth denial, on either instance, does not raise it again.
    expect((await a.api.get(DENIED_TO_KEY, { apiKey: key })).status).toBe(403);
    await awaitAuditEvents(a, 'permission.denied', { apiKeyId: id }, 6);
    await auditBarrier(a);
    expect(await auditEvents(a, 'suspicious.scope_probing', { apiKeyId: id })).toHaveLength(1);
  });

  it('counts failed key checks from one IP across both: 3 on A and 2 on B raise brute_force and block the IP on both', async () => {
    const ip = uniqueTestIp();
    const fail = async (app: TestApp) => expect((await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers: { 'x-forwarded-for': ip } })).status).toBe(401);
    for (let i = 0; i < 3; i++) await fail(a);
    await awaitAuditEvents(a, 'api_key.auth_failed', {}, 3, (e) => e.ip === ip);
    for (let i = 0; i < 2; i++) await fail(b);
    const [event] = await awaitAuditEvents(a, 'suspicious.brute_force', {}, 1, (e) => e.ip === ip);
    expect(event.severity).toBe('critical');
    // The instance that counted the fifth blocks at once; the other hears of it over pub/sub.
    for (const app of [a, b]) {
      await eventually(async () => {
        const blocked = await app.api.get('/auth/me', { apiKey: await madeUpKey(), headers: { 'x-forwarded-for': ip } });
        expect([blocked.status, blocked.body.code]).toEqual([429, 'auth.too_many_attempts']);
      });
    }
  });
});

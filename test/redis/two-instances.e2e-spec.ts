import * as client from 'openid-client';
import { createTestDatabase } from '../helpers/database.js';
import pg from 'pg';
import { createKey, type CreatedKey, eventually, msUntil, register, type Session } from '../helpers/factories.js';
import type { Api, ApiResponse } from '../helpers/http.js';
import { authorizedTokens } from '../helpers/oauth.js';
import { freePort } from '../helpers/ports.js';
import { announceRedisSkip, REDIS_URL, sharedRedisEnv } from '../helpers/redis.js';
import { spawnService, type ServiceProcess } from '../helpers/service-process.js';
import { as, calling, newMember, newWorkspace } from '../helpers/workspaces.js';

announceRedisSkip('two service processes');

interface KeyChange {
  change: string;
  /** Done through instance A. */
  apply(a: Api, key: CreatedKey, token: string): Promise<ApiResponse>;
  /** The request B answers, warm before the change and refused after it. */
  use(b: Api, key: string): Promise<ApiResponse>;
  refusedWith: { status: number; code: string };
}

const getMe = (api: Api, key: string) => api.get('/auth/me', { apiKey: key });

/**
 * `count` requests, 8 at a time: concurrent on both instances, but not a burst that can hold a
 * Redis reply past its 300 ms timeout on a loaded machine — which sends an instance to its
 * memory fallback (per-instance counting, by design) and is not what these tests look at.
 */
async function inWaves(count: number, send: (i: number) => Promise<ApiResponse>): Promise<number[]> {
  const statuses: number[] = [];
  for (let start = 0; start < count; start += 8) {
    const wave = await Promise.all(Array.from({ length: Math.min(8, count - start) }, (_, j) => send(start + j)));
    statuses.push(...wave.map((response) => response.status));
  }
  return statuses;
}

const CHANGES: KeyChange[] = [
  { change: 'revoked', apply: (a, key, token) => a.post(`/api-keys/${key.id}/revoke`, undefined, { token }), use: getMe, refusedWith: { status: 401, code: 'api_key.revoked' } },
  { change: 'disabled', apply: (a, key, token) => a.patch(`/api-keys/${key.id}`, { active: false }, { token }), use: getMe, refusedWith: { status: 401, code: 'api_key.disabled' } },
  { change: 'deleted', apply: (a, key, token) => a.delete(`/api-keys/${key.id}`, { token }), use: getMe, refusedWith: { status: 401, code: 'api_key.invalid' } },
  {
    change: 'rotated with no grace period',
    apply: (a, key, token) => a.post(`/api-keys/${key.id}/rotate`, { gracePeriodSeconds: 0 }, { token }),
    use: getMe,
    refusedWith: { status: 401, code: 'api_key.revoked' },
  },
  {
    change: 'narrowed to contents:read',
    apply: (a, key, token) => a.patch(`/api-keys/${key.id}`, { scopes: ['contents:read'] }, { token }),
    use: (b, key) => b.post('/contents', { title: 'written through B' }, { apiKey: key }),
    refusedWith: { status: 403, code: 'permission.denied' },
  },
];

(!REDIS_URL ? describe.skip : describe)('two service processes sharing PostgreSQL and Redis', () => {
  let a: ServiceProcess;
  let b: ServiceProcess;
  let admin: Session;
  let databaseUrl: string;

  beforeAll(async () => {
    // One prefix for both: they share counters and invalidations, and only with each other.
    // One OAuth issuer (A's origin), as behind one public address: a token issued through A works on B.
    const port = await freePort();
    databaseUrl = await createTestDatabase();
    const env = {
      DATABASE_URL: databaseUrl,
      ...sharedRedisEnv(),
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '1000',
      BRUTE_FORCE_THRESHOLD: '1000',
      OAUTH_ISSUER: `http://127.0.0.1:${port}`,
    };
    [a, b] = await Promise.all([spawnService({ ...env, PORT: String(port) }), spawnService(env)]);
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

  it.each(CHANGES)('refuses on B, within a second, a key $change through A', async ({ apply, use, refusedWith }) => {
    const owner = await register(a.api);
    const created = await createKey(a.api, owner.accessToken);
    // Warm on B: from here B answers from its cache, which only an invalidation clears (TTL 30 s).
    for (let i = 0; i < 3; i++) expect((await use(b.api, created.key)).status).toBeLessThan(300);
    expect((await apply(a.api, created, owner.accessToken)).status).toBeLessThan(300);
    const elapsed = await msUntil(async () => {
      const res = await use(b.api, created.key);
      return res.status === refusedWith.status && res.body.code === refusedWith.code;
    });
    expect(elapsed).toBeLessThan(1000);
  });

  it('applies on B, within a second, a rateLimit lowered through A', async () => {
    const owner = await register(a.api);
    const created = await createKey(a.api, owner.accessToken, { rateLimit: 1000 });
    for (let i = 0; i < 3; i++) expect((await getMe(b.api, created.key)).headers.get('x-ratelimit-limit')).toBe('1000');
    expect((await a.api.patch(`/api-keys/${created.id}`, { rateLimit: 3 }, { token: owner.accessToken })).status).toBe(200);
    let last: ApiResponse | undefined;
    const elapsed = await msUntil(async () => {
      last = await getMe(b.api, created.key);
      return last.headers.get('x-ratelimit-limit') === '3';
    });
    expect(elapsed).toBeLessThan(1000);
    // Its 3 were spent on B before the change: the shared counter refuses at once.
    expect(last?.status).toBe(429);
    expect(last?.body.code).toBe('rate_limit.exceeded');
  });

  /** A member of a shared workspace of the admin's, holding a key there that B has warm in its cache. */
  async function memberWithWarmKey() {
    const team = await newWorkspace(a, admin, 'Team');
    const owner = await newMember(a, admin, team, 'member');
    const { key } = await createKey(a.api, as(owner));
    expect((await b.api.post('/contents', { title: 'before' }, { apiKey: key })).status).toBe(201);
    return { team, owner, key };
  }

  it('applies on B, within a second, the demotion of a key’s owner in its workspace through A', async () => {
    const { team, owner, key } = await memberWithWarmKey();
    expect((await a.api.patch(`/workspaces/${team.slug}/members/${owner.user.id}`, { role: 'viewer' }, as(admin))).status).toBe(200);
    const elapsed = await msUntil(async () => (await b.api.post('/contents', { title: 'after' }, { apiKey: key })).status === 403);
    expect(elapsed).toBeLessThan(1000);
  });

  it('refuses on B, within a second, the key of an owner removed from its workspace through A (401 api_key.owner_not_member)', async () => {
    const { team, owner, key } = await memberWithWarmKey();
    expect((await a.api.delete(`/workspaces/${team.slug}/members/${owner.user.id}`, as(admin))).status).toBe(204);
    const elapsed = await msUntil(async () => (await b.api.get('/contents', { apiKey: key })).body.code === 'api_key.owner_not_member');
    expect(elapsed).toBeLessThan(1000);
  });

  it('applies on B, within a second, a change to a workspace role made through A', async () => {
    const team = await newWorkspace(a, admin, 'Team');
    expect((await a.api.post(`/workspaces/${team.slug}/roles`, { name: 'writer', permissions: ['contents:read', 'contents:write', 'keys:write'] }, as(admin))).status).toBe(201);
    const owner = await newMember(a, admin, team, 'writer');
    const { key } = await createKey(a.api, as(owner));
    expect((await b.api.post('/contents', { title: 'before' }, { apiKey: key })).status).toBe(201);
    expect((await a.api.patch(`/workspaces/${team.slug}/roles/writer`, { permissions: ['contents:read'] }, as(admin))).status).toBe(200);
    const elapsed = await msUntil(async () => (await b.api.post('/contents', { title: 'after' }, { apiKey: key })).status === 403);
    expect(elapsed).toBeLessThan(1000);
  });

  it('refuses on B, within a second, an OAuth access token B has warm, once its app revokes it through A (RFC 7009)', async () => {
    const team = await newWorkspace(a, admin, 'Apps');
    const { config, tokens } = await authorizedTokens(a, calling(admin, team), calling(admin, team), 'read');
    for (let i = 0; i < 3; i++) expect((await b.api.get('/auth/me', { token: tokens.access_token })).status).toBe(200);
    await client.tokenRevocation(config, tokens.access_token);
    const elapsed = await msUntil(async () => (await b.api.get('/auth/me', { token: tokens.access_token })).body.code === 'auth.token_invalid');
    expect(elapsed).toBeLessThan(1000);
  });

  it('refuses on B, within a second, an OAuth access token B has warm, once its app is deleted through A', async () => {
    const team = await newWorkspace(a, admin, 'Apps');
    const { tokens, registered } = await authorizedTokens(a, calling(admin, team), calling(admin, team), 'read');
    for (let i = 0; i < 3; i++) expect((await b.api.get('/auth/me', { token: tokens.access_token })).status).toBe(200);
    expect((await a.api.delete(`/workspaces/${team.slug}/oauth-apps/${registered.id}`, as(calling(admin, team)))).status).toBe(204);
    const elapsed = await msUntil(async () => (await b.api.get('/auth/me', { token: tokens.access_token })).body.code === 'auth.token_invalid');
    expect(elapsed).toBeLessThan(1000);
  });

  it('spends one key’s credits and named limit exactly across both: 40 concurrent requests over A and B against 13 credits admit 13, 30 against a limit of 9 admit 9', async () => {
    const owner = await register(a.api);
    const { key } = await createKey(a.api, owner.accessToken, { credits: { remaining: 13 }, limits: [{ name: 'burst', limit: 20, window: 3600, auto: true }] });
    const statuses = await inWaves(40, (i) => (i % 2 ? a : b).api.get('/contents', { apiKey: key }));
    expect(statuses.filter((status) => status === 200)).toHaveLength(13);
    const limited = await createKey(a.api, owner.accessToken, { credits: { remaining: 100 }, limits: [{ name: 'burst', limit: 9, window: 3600, auto: true }] });
    const limitedStatuses = await inWaves(30, (i) => (i % 2 ? a : b).api.get('/contents', { apiKey: limited.key }));
    expect(limitedStatuses.filter((status) => status === 200)).toHaveLength(9);
  });

  it('refills a key exactly once with both instances running their refill job', async () => {
    const owner = await register(a.api);
    const created = await createKey(a.api, owner.accessToken, { credits: { remaining: 0, refill: { amount: 5, interval: 'hour', mode: 'add' } } });
    expect((await b.api.get('/contents', { apiKey: created.key })).status).toBe(429);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await db.query('UPDATE api_keys SET credits_next_refill_at = now() WHERE id = $1', [created.id]);
      await eventually(async () => expect((await a.api.get('/auth/me', { apiKey: created.key })).headers.get('x-credits-remaining')).toBe('5'));
      // Both jobs have had several turns since: still one refill.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect((await b.api.get('/auth/me', { apiKey: created.key })).headers.get('x-credits-remaining')).toBe('5');
      const { rows } = await db.query('SELECT credits_remaining FROM api_keys WHERE id = $1', [created.id]);
      expect(Number(rows[0].credits_remaining)).toBe(5);
    } finally {
      await db.end();
    }
  });
});

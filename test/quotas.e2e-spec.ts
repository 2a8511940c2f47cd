import { startTestApp, type TestApp } from './helpers/app.js';
import { awaitAuditEvents } from './helpers/audit.js';
import { createKey, eventually, register, type Session } from './helpers/factories.js';
import { as, calling, newMember, newWorkspace } from './helpers/workspaces.js';

let app: TestApp;
let owner: Session;

beforeAll(async () => {
  app = await startTestApp();
  owner = await register(app.api, { name: 'Quota owner' });
});
afterAll(() => app?.close());

const read = (key: string) => app.api.get('/contents', { apiKey: key });
const write = (key: string, title = 'note') => app.api.post('/contents', { title }, { apiKey: key });
const limit = (name: string, size: number, window: number, extra: Record<string, unknown> = {}) => ({ name, limit: size, window, ...extra });

describe('credits', () => {
  it('spends one credit a request, says what is left, and refuses at 0 with 429 credits.exhausted naming no refill', async () => {
    const { key, id } = await createKey(app.api, owner.accessToken, { credits: { remaining: 2 } });
    const first = await read(key);
    expect([first.status, first.headers.get('x-credits-remaining')]).toEqual([200, '1']);
    expect((await read(key)).headers.get('x-credits-remaining')).toBe('0');
    const refused = await read(key);
    expect([refused.status, refused.body.code, refused.body.details, refused.headers.get('retry-after')]).toEqual([429, 'credits.exhausted', [{ nextRefillAt: null }], null]);
    const [event] = await awaitAuditEvents(app, 'credits.exhausted', { apiKeyId: id });
    expect(event).toMatchObject({ statusCode: 429, details: { cost: 1, remaining: 0 } });
  });

  it('lets a route declared @CreditCost(0) through with no credits left, and charges an export its 10', async () => {
    const { key } = await createKey(app.api, owner.accessToken, { credits: { remaining: 12 }, scopes: ['contents:read', 'audit:read'] });
    const exported = await app.api.get('/audit-logs/export?format=csv', { apiKey: key });
    expect([exported.status, exported.headers.get('x-credits-remaining')]).toEqual([200, '2']);
    expect((await app.api.get('/audit-logs/export?format=csv', { apiKey: key })).body.code).toBe('credits.exhausted');
    await read(key);
    await read(key);
    expect((await read(key)).status).toBe(429);
    const me = await app.api.get('/auth/me', { apiKey: key });
    expect([me.status, me.headers.get('x-credits-remaining')]).toEqual([200, '0']);
  });

  it('admits exactly the credits left of 40 parallel requests', async () => {
    const { key } = await createKey(app.api, owner.accessToken, { credits: { remaining: 13 } });
    const statuses = await Promise.all(Array.from({ length: 40 }, () => read(key).then((response) => response.status)));
    expect(statuses.filter((status) => status === 200)).toHaveLength(13);
    expect(statuses.filter((status) => status === 429)).toHaveLength(27);
  });

  it('changes credits atomically: 10 parallel increments add 10, a decrement stops at 0, remaining sets them', async () => {
    const { key, id } = await createKey(app.api, owner.accessToken, { credits: { remaining: 1 } });
    expect((await read(key)).headers.get('x-credits-remaining')).toBe('0');
    const increments = await Promise.all(Array.from({ length: 10 }, () => app.api.patch(`/api-keys/${id}`, { credits: { increment: 1 } }, { token: owner.accessToken })));
    expect(increments.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect((await read(key)).headers.get('x-credits-remaining')).toBe('9');
    const emptied = await app.api.patch(`/api-keys/${id}`, { credits: { decrement: 1000 } }, { token: owner.accessToken });
    expect(emptied.body.credits).toMatchObject({ remaining: 0 });
    expect((await read(key)).status).toBe(429);
    const set = await app.api.patch(`/api-keys/${id}`, { credits: { remaining: 5 } }, { token: owner.accessToken });
    expect(set.body.credits).toEqual({ remaining: 5, refill: null });
    expect((await read(key)).headers.get('x-credits-remaining')).toBe('4');
    const cleared = await app.api.patch(`/api-keys/${id}`, { credits: null }, { token: owner.accessToken });
    expect(cleared.body.credits).toBeNull();
    const unlimited = await read(key);
    expect([unlimited.status, unlimited.headers.get('x-credits-remaining')]).toEqual([200, null]);
  });

  it('writes the credits spent back to the key and into its usage series, in batches', async () => {
    const { key, id } = await createKey(app.api, owner.accessToken, { credits: { remaining: 50 } });
    for (let i = 0; i < 3; i++) await read(key);
    await app.api.get('/auth/me', { apiKey: key });
    const stored = await eventually(async () => {
      const got = await app.api.get(`/api-keys/${id}`, { token: owner.accessToken });
      expect(got.body.credits.remaining).toBe(47);
      return got;
    });
    expect(stored.status).toBe(200);
    const usage = await app.api.get(`/api-keys/${id}/usage`, { token: owner.accessToken });
    expect(usage.body.totals).toMatchObject({ requests: 4, creditsUsed: 3 });
  });

  it('refills on schedule, exactly once, resetting to the amount or adding it', async () => {
    const reset = await createKey(app.api, owner.accessToken, { credits: { remaining: 1, refill: { amount: 5, interval: 'PT1M', mode: 'reset' } } });
    const added = await createKey(app.api, owner.accessToken, { credits: { remaining: 1, refill: { amount: 5, interval: 'hour', mode: 'add' } } });
    expect(reset.credits.refill).toEqual({ amount: 5, interval: 'PT1M', mode: 'reset', nextAt: expect.any(String) });
    expect(new Date(reset.credits.refill.nextAt).getTime() - Date.now()).toBeGreaterThan(50_000);
    await read(reset.key);
    expect((await read(reset.key)).headers.get('retry-after')).toMatch(/^\d+$/);
    // The schedule's time comes: moved here, since a minute is the shortest interval.
    await app.db.query(`UPDATE api_keys SET credits_next_refill_at = now() WHERE id = ANY($1)`, [[reset.id, added.id]]);
    await eventually(async () => expect((await read(reset.key)).headers.get('x-credits-remaining')).toBe('4'));
    expect((await read(added.key)).headers.get('x-credits-remaining')).toBe('5');
    const { rows } = await app.db.query(`SELECT credits_next_refill_at > now() + interval '50 seconds' AS later FROM api_keys WHERE id = $1`, [reset.id]);
    expect(rows[0].later).toBe(true);
  });

  it('refuses what it cannot do: increments on a key without credits, both at once, a bad interval, credits on create without remaining', async () => {
    const plain = await createKey(app.api, owner.accessToken);
    const refusals = await Promise.all([
      app.api.patch(`/api-keys/${plain.id}`, { credits: { increment: 5 } }, { token: owner.accessToken }),
      app.api.post('/api-keys', { name: 'both', credits: { remaining: 1, increment: 1 } }, { token: owner.accessToken }),
      app.api.post('/api-keys', { name: 'interval', credits: { remaining: 1, refill: { amount: 1, interval: 'PT30S', mode: 'reset' } } }, { token: owner.accessToken }),
      app.api.post('/api-keys', { name: 'no remaining', credits: { refill: { amount: 1, interval: 'day', mode: 'add' } } }, { token: owner.accessToken }),
      app.api.post('/api-keys', { name: 'negative', credits: { remaining: -1 } }, { token: owner.accessToken }),
    ]);
    expect(refusals.map((response) => [response.status, response.body.code])).toEqual(Array(5).fill([400, 'validation.failed']));
    expect(refusals[2].body.details).toEqual([{ field: 'credits.refill.interval', message: expect.any(String) }]);
  });
});

describe('named limits', () => {
  it('counts a limit only on the routes that name it, refuses with its name, and describes it in the headers', async () => {
    const { key, id } = await createKey(app.api, owner.accessToken, { limits: [limit('writes', 2, 60)] });
    for (let i = 0; i < 2; i++) expect((await write(key)).status).toBe(201);
    const refused = await write(key);
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([429, 'rate_limit.exceeded', [{ limit: 'writes', scope: 'key' }]]);
    expect(refused.headers.get('ratelimit-policy')).toBe('"writes";q=2;w=60');
    expect(refused.headers.get('ratelimit')).toMatch(/^"writes";r=0;t=\d+$/);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    const reads = await read(key);
    expect([reads.status, reads.headers.get('ratelimit-policy')]).toEqual([200, '"default";q=1000;w=3600']);
    const [event] = await awaitAuditEvents(app, 'rate_limit.exceeded', { apiKeyId: id });
    expect(event.details).toMatchObject({ name: 'writes', scope: 'key', limit: 2, firstInWindow: true });
    await write(key);
    await eventually(async () => {
      const usage = await app.api.get(`/api-keys/${id}/usage`, { token: owner.accessToken });
      expect(usage.body.totals).toMatchObject({ rateLimited: 2, rateLimitedBy: { writes: 2 } });
    });
  });

  it('applies an auto limit to every route, each request spending its cost', async () => {
    const { key } = await createKey(app.api, owner.accessToken, { limits: [limit('burst', 6, 60, { auto: true, cost: 2 })] });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await read(key)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('admits exactly the limit of 30 parallel requests, and neither spends credits nor counts windows for the refused', async () => {
    const { key } = await createKey(app.api, owner.accessToken, { credits: { remaining: 100 }, limits: [limit('burst', 7, 3600, { auto: true })] });
    const responses = await Promise.all(Array.from({ length: 30 }, () => read(key)));
    expect(responses.filter((response) => response.status === 200)).toHaveLength(7);
    expect((await app.api.get('/auth/me', { apiKey: key })).headers.get('x-credits-remaining')).toBe('93');
  });

  it('resets a window when it ends, not when the last request came: fixed windows aligned for everyone', async () => {
    const { key } = await createKey(app.api, owner.accessToken, { limits: [limit('tick', 1, 2, { auto: true })] });
    // Start just after a 2-second window opens, so the two requests below fall in one window.
    await new Promise((resolve) => setTimeout(resolve, 2000 - (Date.now() % 2000) + 20));
    expect((await read(key)).status).toBe(200);
    const refused = await read(key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 2000 - (Date.now() % 2000) + 20));
    expect((await read(key)).status).toBe(200);
  });

  it('refuses a limit named default, two of one name, and more than 10', async () => {
    const bodies = [
      { limits: [limit('default', 1, 60)] },
      { limits: [limit('a', 1, 60), limit('a', 2, 60)] },
      { limits: Array.from({ length: 11 }, (_, i) => limit(`l${i}`, 1, 60)) },
      { limits: [limit('Bad Name', 1, 60)] },
      { limits: [limit('long', 1, 2_592_001)] },
    ];
    for (const body of bodies) {
      const response = await app.api.post('/api-keys', { name: 'limits', ...body }, { token: owner.accessToken });
      expect([JSON.stringify(body).slice(0, 40), response.status, response.body.code]).toEqual([JSON.stringify(body).slice(0, 40), 400, 'validation.failed']);
    }
  });
});

describe('shared limits', () => {
  it('makes all of a member’s keys share the member’s limit, and all keys of the workspace share the workspace’s', async () => {
    const team = await newWorkspace(app, owner, 'Shared limits');
    const admin = calling(owner, team);
    const member = await newMember(app, admin, team, 'member');
    const [one, two] = [await createKey(app.api, as(member)), await createKey(app.api, as(member))];
    const put = await app.api.put(`/workspaces/${team.slug}/members/${member.user.id}/limits`, { limits: [limit('member-burst', 3, 3600, { auto: true })] }, as(admin));
    expect([put.status, put.body]).toEqual([200, { limits: [{ name: 'member-burst', limit: 3, window: 3600, cost: 1, auto: true }] }]);
    const statuses = [];
    for (const key of [one.key, two.key, one.key, two.key]) statuses.push((await read(key)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await read(one.key)).body.details).toEqual([{ limit: 'member-burst', scope: 'member' }]);

    const adminKey = await createKey(app.api, as(admin));
    expect((await app.api.put(`/workspaces/${team.slug}/limits`, { limits: [limit('writes', 1, 3600)] }, as(admin))).status).toBe(200);
    expect((await write(adminKey.key)).status).toBe(201);
    const refused = await write(adminKey.key);
    expect([refused.status, refused.body.details]).toEqual([429, [{ limit: 'writes', scope: 'workspace' }]]);
    expect((await app.api.get(`/workspaces/${team.slug}/limits`, as(admin))).body.limits).toHaveLength(1);
  });

  it('lets only members:write set them, never through a key, and another workspace’s admin gets 404', async () => {
    const team = await newWorkspace(app, owner, 'Guarded limits');
    const admin = calling(owner, team);
    const member = await newMember(app, admin, team, 'member');
    const body = { limits: [limit('x', 1, 60)] };
    expect((await app.api.put(`/workspaces/${team.slug}/limits`, body, as(member))).status).toBe(403);
    const { key } = await createKey(app.api, as(admin));
    expect((await app.api.put(`/workspaces/${team.slug}/limits`, body, { apiKey: key })).body.code).toBe('auth.jwt_required');
    const stranger = await register(app.api);
    const theirs = await newWorkspace(app, stranger, 'Theirs');
    expect((await app.api.put(`/workspaces/${team.slug}/limits`, body, as(calling(stranger, theirs)))).body.code).toBe('workspace.not_found');
    expect((await app.api.put(`/workspaces/${team.slug}/members/${stranger.user.id}/limits`, body, as(admin))).body.code).toBe('member.not_found');
  });
});

describe('POST /keys/verify with credits and named limits', () => {
  it('spends the verified key’s credits by the cost asked, counts its limits, and answers both', async () => {
    const team = await newWorkspace(app, owner, 'Verifying');
    const admin = calling(owner, team);
    const service = await createKey(app.api, as(admin), { name: 'service', scopes: ['keys:verify'] });
    const client = await createKey(app.api, as(admin), { credits: { remaining: 10 }, limits: [limit('search', 2, 60)] });
    const verify = (body: Record<string, unknown>) => app.api.post('/keys/verify', { key: client.key, ...body }, { apiKey: service.key });
    const first = await verify({ cost: 4, limits: ['search'] });
    expect(first.body).toMatchObject({ valid: true, credits: { remaining: 6 }, limits: [{ name: 'search', limit: 2, remaining: 1, reset: expect.any(Number) }] });
    expect((await verify({ cost: 0 })).body).toMatchObject({ valid: true, credits: { remaining: 6 } });
    expect((await verify({ cost: 7 })).body).toMatchObject({ valid: false, code: 'credits.exhausted', credits: { remaining: 6 } });
    await verify({ limits: ['search'] });
    expect((await verify({ limits: ['search'] })).body).toMatchObject({ valid: false, code: 'rate_limit.exceeded', limits: [{ name: 'search', remaining: 0 }], credits: { remaining: 5 } });
  });

  it('spends no credits on a check that lacks a permission', async () => {
    const team = await newWorkspace(app, owner, 'Verifying permissions');
    const admin = calling(owner, team);
    const service = await createKey(app.api, as(admin), { name: 'service', scopes: ['keys:verify'] });
    const client = await createKey(app.api, as(admin), { scopes: ['contents:read'], credits: { remaining: 3 } });
    const refused = await app.api.post('/keys/verify', { key: client.key, permissions: ['contents:write'] }, { apiKey: service.key });
    expect(refused.body).toMatchObject({ valid: false, code: 'permission.denied', missing: ['contents:write'] });
    expect(refused.body.credits).toBeUndefined();
    expect((await app.api.get('/auth/me', { apiKey: client.key })).headers.get('x-credits-remaining')).toBe('3');
  });
});

import { startTestApp, type TestApp } from './helpers/app.js';
import { eventually, register, type Session } from './helpers/factories.js';

let app: TestApp;
let admin: Session;

beforeAll(async () => {
  app = await startTestApp();
  admin = await register(app.api, { name: 'Admin' });
});
afterAll(() => app?.close());

/** `[[[…]]]`: `depth` arrays, one inside the other. */
const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const postRaw = (path: string, raw: string, token?: string) => app.api.post(path, undefined, { raw, token, headers: { 'content-type': 'application/json' } });
const encodeAuditCursor = (text: string) => Buffer.from(text).toString('base64url');

function expectFieldRefused(response: { status: number; body: any }, field: string) {
  expect(response.status).toBe(400);
  expect(response.body.code).toBe('validation.failed');
  expect(response.body.details).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
}

describe('deeply nested JSON', () => {
  it('refuses a body nested 33 levels deep with 400 validation.failed naming the nesting limit', async () => {
    const response = await postRaw('/auth/logout', `{"refreshToken": ${nestedArrays(32)}}`);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation.failed');
    expect(response.body.details).toEqual([{ field: '(body)', message: 'must not be nested more than 32 levels deep' }]);
  });

  it('refuses 100 000 nested arrays with 400 validation.failed, quickly', async () => {
    const started = performance.now();
    const response = await postRaw('/auth/logout', nestedArrays(100_000));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation.failed');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('accepts a body nested exactly 32 levels deep', async () => {
    // The body is level 1, metadata level 2, so 30 more objects inside it make 32.
    let metadata: Record<string, unknown> = {};
    for (let level = 0; level < 30; level++) metadata = { n: metadata };
    const response = await app.api.post('/api-keys', { name: 'deep but allowed', metadata }, { token: admin.accessToken });
    expect(response.status).toBe(201);
  });

  it('keeps /ping answering while 50 deeply nested bodies arrive', async () => {
    const deep = nestedArrays(100_000);
    const pings: number[] = [];
    let sending = true;
    const pinger = (async () => {
      while (sending) {
        const started = performance.now();
        expect((await app.api.get('/ping')).status).toBe(200);
        pings.push(performance.now() - started);
      }
    })();
    const answers = await Promise.all(Array.from({ length: 50 }, () => postRaw('/auth/logout', deep)));
    sending = false;
    await pinger;
    expect(answers.every((answer) => answer.status === 400)).toBe(true);
    // Before the limit each body held the event loop ~0.3 s, so pings waited for seconds.
    // The bound is loose on purpose: a loaded two-core machine may be slow, never that slow.
    const median = pings.sort((a, b) => a - b)[pings.length >> 1]!;
    expect(median).toBeLessThan(250);
    expect(pings.at(-1)!).toBeLessThan(1500);
  });
});

describe('ill-formed strings in request bodies and queries', () => {
  it('refuses an email with a lone surrogate at login with 400 validation.failed naming email', async () => {
    expectFieldRefused(await app.api.post('/auth/login', { email: '\ud800poison@example.test', password: 'whatever-password' }), 'email');
  });

  it('refuses a NUL in an API key name or description with 400 validation.failed naming the field', async () => {
    expectFieldRefused(await app.api.post('/api-keys', { name: 'a\u0000b' }, { token: admin.accessToken }), 'name');
    expectFieldRefused(await app.api.post('/api-keys', { name: 'ok', description: '\u0000' }, { token: admin.accessToken }), 'description');
  });

  it('refuses a NUL in a content title or body with 400 validation.failed naming the field', async () => {
    expectFieldRefused(await app.api.post('/contents', { title: 'a\u0000' }, { token: admin.accessToken }), 'title');
    expectFieldRefused(await app.api.post('/contents', { title: 'ok', body: 'b\u0000' }, { token: admin.accessToken }), 'body');
  });

  it('refuses a lone surrogate or NUL anywhere inside metadata, keys included, naming its path', async () => {
    const create = (metadata: unknown) => app.api.post('/api-keys', { name: 'meta', metadata }, { token: admin.accessToken });
    expectFieldRefused(await create({ a: { b: 'x\ud800' } }), 'metadata.a.b');
    expectFieldRefused(await create({ list: ['fine', '\udc00'] }), 'metadata.list.1');
    const badKey = await create({ 'k\u0000': 1 });
    expectFieldRefused(badKey, 'metadata.k\ufffd');
  });

  it('refuses a NUL in a query string with 400 validation.failed naming the parameter', async () => {
    expectFieldRefused(await app.api.get('/audit-logs?ip=%00', { token: admin.accessToken }), 'ip');
    expectFieldRefused(await app.api.get('/contents?cursor=a%00', { token: admin.accessToken }), 'cursor');
  });
});

describe('forged audit cursors', () => {
  it.each([
    ['an impossible date', '2024-02-30T00:00:00.000Z|1'],
    ['a sequence beyond bigint', '2024-01-01T00:00:00.000Z|99999999999999999999'],
    ['a year PostgreSQL cannot hold', '-271821-04-20T00:00:00.000Z|1'],
    ['a time in another format', 'Mon, 01 Jan 2024 00:00:00 GMT|1'],
    ['extra parts', '2024-01-01T00:00:00.000Z|1|2'],
  ])('refuses %s with 400 validation.failed naming the cursor', async (_case, text) => {
    expectFieldRefused(await app.api.get(`/audit-logs?cursor=${encodeAuditCursor(text)}`, { token: admin.accessToken }), 'cursor');
  });

  it('still follows a cursor the list wrote', async () => {
    await app.api.post('/api-keys', { name: 'one more event' }, { token: admin.accessToken });
    const first = await eventually(async () => {
      const page = await app.api.get('/audit-logs?limit=1', { token: admin.accessToken });
      expect(page.body.nextCursor).toEqual(expect.any(String));
      return page;
    });
    expect((await app.api.get(`/audit-logs?limit=1&cursor=${first.body.nextCursor}`, { token: admin.accessToken })).status).toBe(200);
  });
});

describe('logout rate limit', () => {
  it('limits /auth/logout to AUTH_RATE_LIMIT per minute per IP with 429 rate_limit.exceeded', async () => {
    const tight = await startTestApp({ env: { AUTH_RATE_LIMIT: '3', REDIS_URL: undefined } });
    try {
      const logout = () => tight.api.post('/auth/logout', { refreshToken: 'not-a-token' });
      for (let i = 0; i < 3; i++) expect((await logout()).status).not.toBe(429);
      const limited = await logout();
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('rate_limit.exceeded');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await tight.close();
    }
  });
});

import { UNKNOWN_ID_LOOKUPS_PER_SECOND } from '../src/api-keys/api-key-records.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { createKey, eventually, madeUpKey, register, type Session } from './helpers/factories.js';
import { countQueries } from './helpers/query-counter.js';

let app: TestApp;
let owner: Session;

beforeAll(async () => {
  app = await startTestApp();
  owner = await register(app.api);
});
afterAll(() => app?.close());

describe('the hot path', () => {
  it('runs no SQL at all for a warm key check', async () => {
    const { key } = await createKey(app.api, owner.accessToken);
    expect((await app.api.get('/auth/me', { apiKey: key })).status).toBe(200);
    const counter = countQueries(app);
    try {
      for (let i = 0; i < 50; i++) expect((await app.api.get('/auth/me', { apiKey: key })).status).toBe(200);
      expect(counter.queries).toEqual([]);
    } finally {
      counter.stop();
    }
  });

  it('reads the database once for a cold key, then never again while it is cached', async () => {
    const { key } = await createKey(app.api, owner.accessToken);
    const counter = countQueries(app);
    try {
      await Promise.all(Array.from({ length: 20 }, () => app.api.get('/auth/me', { apiKey: key })));
      expect(counter.count).toBe(1);
    } finally {
      counter.stop();
    }
  });

  it('lets 1000 made-up keys with valid checksums cost at most a handful of queries', async () => {
    const keys = await Promise.all(Array.from({ length: 1000 }, () => madeUpKey()));
    const counter = countQueries(app);
    const started = Date.now();
    try {
      for (let i = 0; i < keys.length; i += 50) {
        const batch = await Promise.all(keys.slice(i, i + 50).map((key) => app.api.get('/auth/me', { apiKey: key })));
        expect(batch.every((res) => res.status === 401 && res.body.code === 'api_key.invalid')).toBe(true);
      }
      // Unknown ids reach the database only through a small per-second budget (a key created a
      // moment ago on another instance must still work): the bound grows with time, not requests.
      const seconds = Math.ceil((Date.now() - started) / 1000);
      expect(counter.count).toBeLessThanOrEqual(UNKNOWN_ID_LOOKUPS_PER_SECOND * (seconds + 1));
      expect(counter.count).toBeLessThan(20);
    } finally {
      counter.stop();
    }
  });

  it('runs no SQL for keys with a wrong shape or checksum', async () => {
    const { key } = await createKey(app.api, owner.accessToken);
    const counter = countQueries(app);
    try {
      for (const bad of ['kw_short', `${key.slice(0, -1)}x`, `${key.slice(0, -6)}000000`, 'ab_12345678_0123456789abcdef0123456789abcdef000000']) {
        expect((await app.api.get('/auth/me', { apiKey: bad })).body.code).toBe('api_key.invalid');
      }
      expect(counter.count).toBe(0);
    } finally {
      counter.stop();
    }
  });

  it('refuses a revoked key on the very next request even with a warm cache', async () => {
    const created = await createKey(app.api, owner.accessToken);
    for (let i = 0; i < 3; i++) expect((await app.api.get('/auth/me', { apiKey: created.key })).status).toBe(200);
    await app.api.post(`/api-keys/${created.id}/revoke`, undefined, { token: owner.accessToken });
    const next = await app.api.get('/auth/me', { apiKey: created.key });
    expect(next.status).toBe(401);
    expect(next.body.code).toBe('api_key.revoked');
  });

  it('applies a key edit on the very next request even with a warm cache', async () => {
    const created = await createKey(app.api, owner.accessToken);
    expect((await app.api.post('/contents', { title: 'x' }, { apiKey: created.key })).status).toBe(201);
    await app.api.patch(`/api-keys/${created.id}`, { scopes: ['contents:read'] }, { token: owner.accessToken });
    expect((await app.api.post('/contents', { title: 'y' }, { apiKey: created.key })).status).toBe(403);
  });
});

describe('the verification cache', () => {
  it('re-reads a key in use shortly before its entry expires, in the background', async () => {
    const shortCache = await startTestApp({ env: { KEY_CACHE_TTL_SECONDS: '6' } });
    try {
      const user = await register(shortCache.api);
      const created = await createKey(shortCache.api, user.accessToken, { rateLimit: 100 });
      expect((await shortCache.api.get('/auth/me', { apiKey: created.key })).headers.get('x-ratelimit-limit')).toBe('100');
      // Changed behind the service's back (as if another instance's broadcast were lost).
      await shortCache.db.query('UPDATE api_keys SET rate_limit = 7 WHERE id = $1', [created.id]);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // now within 5 s of expiry
      const counter = countQueries(shortCache);
      try {
        const during = await shortCache.api.get('/auth/me', { apiKey: created.key });
        expect(during.headers.get('x-ratelimit-limit')).toBe('100'); // served from the cache…
        // …while it is re-read: the query is logged when sent, so wait for its answer to land.
        await eventually(async () => {
          const after = await shortCache.api.get('/auth/me', { apiKey: created.key });
          expect(after.headers.get('x-ratelimit-limit')).toBe('7');
        });
        expect(counter.count).toBe(1); // one re-read, however many requests met it in flight
      } finally {
        counter.stop();
      }
    } finally {
      await shortCache.close();
    }
  });
});

import { INDEX_SYNC_MS, UNKNOWN_ID_LOOKUPS_PER_SECOND } from '../src/api-keys/verification/api-key.records.js';
import { USAGE_FLUSH_INTERVAL_MS } from '../src/api-keys/usage/key-usage.recorder.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { createKey, eventually, madeUpKey, register, type Session } from './helpers/factories.js';
import { countQueries } from './helpers/query-counter.js';
import { as, calling, newMember, newWorkspace } from './helpers/workspaces.js';

let app: TestApp;
let owner: Session;

beforeAll(async () => {
  // The production audit interval, so both batch writers flush about once a second.
  app = await startTestApp({ env: { AUDIT_FLUSH_INTERVAL_MS: '1000' } });
  owner = await register(app.api);
});
afterAll(() => app?.close());

/** Timer ticks a window of `elapsedMs` can hold: those inside it, and one under way as it opened. */
const ticks = (elapsedMs: number, intervalMs: number) => Math.ceil(elapsedMs / intervalMs) + 1;
/** Most statements per write: usage BEGIN, UPDATE, UPSERT, COMMIT; audit lock, insert (if the head held), head re-read, insert, unlock. */
const STATEMENTS_PER_USAGE_WRITE = 4;
const STATEMENTS_PER_AUDIT_INSERT = 5;

/** What a failed bound prints: the statements, one line each. */
const statementList = (statements: string[]) => statements.map((sql) => sql.trim().replace(/\s+/g, ' ').slice(0, 60)).join('\n');

describe('the hot path', () => {
  it('runs no query on the request path for a warm key check', async () => {
    const { key } = await createKey(app.api, owner.accessToken);
    expect((await app.api.get('/auth/me', { apiKey: key })).status).toBe(200);
    const counter = countQueries(app);
    try {
      for (let i = 0; i < 50; i++) expect((await app.api.get('/auth/me', { apiKey: key })).status).toBe(200);
      // TypeORM is the only way a request reaches the database (key and owner lookups included).
      // The batch pool is not: its timed flushes may land inside this loop, so they are bounded
      // by the next test rather than asserted absent here.
      expect(counter.queries).toEqual([]);
    } finally {
      counter.stop();
    }
  });

  it('runs no query for a warm key of a shared workspace, and after a change to its owner’s membership reads the standing once, then none again', async () => {
    const team = await newWorkspace(app, owner, 'Hot team');
    const member = await newMember(app, owner, team, 'member');
    const { key } = await createKey(app.api, as(member), { scopes: ['contents:read', 'contents:write'] });
    expect((await app.api.get('/contents', { apiKey: key })).status).toBe(200);
    const warm = countQueries(app);
    try {
      for (let i = 0; i < 20; i++) expect((await app.api.get('/auth/me', { apiKey: key })).status).toBe(200);
      expect(warm.queries).toEqual([]);
    } finally {
      warm.stop();
    }

    expect((await app.api.patch(`/workspaces/${team.slug}/members/${member.user.id}`, { role: 'viewer' }, as(calling(owner, team)))).status).toBe(200);
    const afterChange = countQueries(app);
    try {
      expect((await app.api.post('/contents', { title: 'refused' }, { apiKey: key })).status).toBe(403);
      expect(afterChange.queries.filter((sql) => sql.includes('FROM workspaces'))).toHaveLength(1);
      const settled = afterChange.queries.length;
      for (let i = 0; i < 20; i++) expect((await app.api.get('/contents', { apiKey: key })).status).toBe(200);
      // Listing contents is the handler's own query, one per request; nothing more rides on the check.
      expect(afterChange.queries.slice(settled).every((sql) => sql.includes('"contents"'))).toBe(true);
      expect(afterChange.queries.slice(settled)).toHaveLength(20);
    } finally {
      afterChange.stop();
    }
  });

  it('writes the usage and api_key.used events of 200 warm requests in a few batched statements, never one per request', async () => {
    const created = await createKey(app.api, owner.accessToken);
    expect((await app.api.get('/auth/me', { apiKey: created.key })).status).toBe(200);
    const requests = 200;
    const counter = countQueries(app);
    const started = Date.now();
    try {
      for (let sent = 0; sent < requests; sent += 20) {
        const batch = await Promise.all(Array.from({ length: 20 }, () => app.api.get('/auth/me', { apiKey: created.key })));
        expect(batch.map((res) => res.status)).toEqual(Array(20).fill(200));
      }
      expect(counter.queries).toEqual([]);
      // Read straight from the tables (app.db is not the app's pool): the warm-up and the 200 requests.
      await eventually(async () => {
        const usage = await app.db.query('SELECT coalesce(sum(requests), 0)::int AS n FROM api_key_usage WHERE api_key_id = $1', [created.id]);
        const used = await app.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE type = 'api_key.used' AND api_key_id = $1`, [created.id]);
        expect({ usage: usage.rows[0].n, used: used.rows[0].n }).toEqual({ usage: requests + 1, used: requests + 1 });
      });
      const elapsedMs = Date.now() - started;
      const statements = counter.batchQueries;
      const inserts = (table: string) => statements.filter((sql) => sql.includes(`INSERT INTO ${table}`)).length;
      const usageWrites = inserts('api_key_usage');
      const auditInserts = inserts('audit_events');
      // The usage recorder writes once per tick, whatever arrived in between.
      expect(usageWrites).toBeGreaterThanOrEqual(1);
      expect(usageWrites).toBeLessThanOrEqual(ticks(elapsedMs, USAGE_FLUSH_INTERVAL_MS));
      // The audit writer goes on draining while events arrive during a write, so its inserts are
      // not one per tick; but each carries many events.
      expect(auditInserts).toBeGreaterThanOrEqual(1);
      expect(auditInserts, statementList(statements)).toBeLessThanOrEqual(requests / 10);
      // And nothing else rides on the pool: a few statements per write, plus the key-id sync.
      const allowed = usageWrites * STATEMENTS_PER_USAGE_WRITE + auditInserts * STATEMENTS_PER_AUDIT_INSERT + ticks(elapsedMs, INDEX_SYNC_MS);
      expect(statements.length, statementList(statements)).toBeLessThanOrEqual(allowed);
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
      // (Their api_key.auth_failed events are batched writes, counted apart in batchQueries.)
      const seconds = Math.ceil((Date.now() - started) / 1000);
      expect(counter.count).toBeLessThanOrEqual(UNKNOWN_ID_LOOKUPS_PER_SECOND * (seconds + 1));
      // However slow the machine, a flood costs a small fraction of a query per key.
      expect(counter.count).toBeLessThanOrEqual(keys.length / 10);
    } finally {
      counter.stop();
    }
  });

  it('makes no database read for keys with a wrong shape or checksum', async () => {
    const { key } = await createKey(app.api, owner.accessToken);
    const counter = countQueries(app);
    try {
      // Each change is to a character that differs from the key's own (one key in 62 ends in x).
      const lastChar = key.endsWith('x') ? 'y' : 'x';
      const checksum = key.endsWith('000000') ? '000001' : '000000';
      for (const bad of ['kw_short', `${key.slice(0, -1)}${lastChar}`, `${key.slice(0, -6)}${checksum}`, 'ab_12345678_0123456789abcdef0123456789abcdef000000']) {
        const res = await app.api.get('/auth/me', { apiKey: bad });
        expect({ bad, status: res.status, code: res.body.code }).toEqual({ bad, status: 401, code: 'api_key.invalid' });
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

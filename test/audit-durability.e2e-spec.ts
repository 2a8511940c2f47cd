import pg from 'pg';
import { appendToChain, toChainedEvent } from '../src/audit/chain/audit-chain.js';
import { AuditRetention } from '../src/audit/retention/audit-retention.js';
import { inTransaction } from '../src/database/batch-pool.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { createTestDatabase } from './helpers/database.js';
import { createKey, eventually, madeUpKey, register } from './helpers/factories.js';
import { spawnService } from './helpers/service-process.js';
import { startTcpProxy } from './helpers/tcp-proxy.js';
import { anyRange, chainRange } from './helpers/audit.js';

const countEvents = async (db: pg.Pool, type: string, apiKeyId?: string) =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE type = $1 AND ($2::uuid IS NULL OR api_key_id = $2)', [type, apiKeyId ?? null])).rows[0].n;

describe('nothing is lost on a graceful stop', () => {
  it('writes exactly N api_key.used events for N key requests across SIGTERM and a restart', async () => {
    const databaseUrl = await createTestDatabase();
    const env = { DATABASE_URL: databaseUrl, AUDIT_FLUSH_INTERVAL_MS: '1000', LOG_LEVEL: 'warn' };
    let service = await spawnService(env);
    const owner = await register(service.api);
    const { id, key } = await createKey(service.api, owner.accessToken, { rateLimit: 10_000 });
    const N = 300;
    for (let i = 0; i < N; i += 50) {
      const batch = await Promise.all(Array.from({ length: Math.min(50, N - i) }, () => service.api.get('/auth/me', { apiKey: key })));
      expect(batch.every((res) => res.status === 200)).toBe(true);
    }
    expect(await service.stop('SIGTERM')).toBe(0);

    service = await spawnService(env);
    try {
      const login = await service.api.post('/auth/login', { email: owner.user.email, password: owner.password });
      const listed = await service.api.get(`/audit-logs?type=api_key.used&apiKeyId=${id}&limit=500`, { token: login.body.accessToken });
      expect(listed.body.items).toHaveLength(N);
      const usage = await service.api.get(`/api-keys/${id}`, { token: login.body.accessToken });
      expect(usage.body.usageCount).toBe(N);
    } finally {
      await service.stop();
    }
  });
});

describe('PostgreSQL unreachable for a few seconds', () => {
  it('loses no security event: they wait in the buffer and are written when it returns', async () => {
    const databaseUrl = await createTestDatabase();
    const target = new URL(databaseUrl);
    const proxy = await startTcpProxy(target.hostname, Number(target.port));
    const proxied = new URL(databaseUrl);
    proxied.port = String(proxy.port);
    const app = await startTestApp({ databaseUrl: proxied.toString(), env: { AUDIT_FLUSH_INTERVAL_MS: '100' } });
    const direct = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    try {
      const admin = await register(app.api);
      const before = await countEvents(direct, 'api_key.auth_failed');
      await proxy.stop();
      // Keys with a wrong checksum are refused without the database: failures keep coming while it is away.
      const FAILURES = 40;
      for (let i = 0; i < FAILURES; i++) expect((await app.api.get('/auth/me', { apiKey: `kw_${'0'.repeat(8)}_${i}` })).status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await countEvents(direct, 'api_key.auth_failed')).toBe(before);
      await proxy.start();
      await eventually(async () => expect(await countEvents(direct, 'api_key.auth_failed')).toBe(before + FAILURES), 20_000, 250);
      const stored = await app.db.query('SELECT count(*)::int AS n FROM audit_events');
      expect(stored.rows[0].n).toBeGreaterThan(FAILURES);
      const range = await chainRange(app.db);
      // The retried batches joined the one chain where it stood, whatever this writer believed its head was.
      const verify = await app.api.get('/audit-logs/verify', { token: admin.accessToken });
      expect(verify.body).toEqual({ valid: true, checked: stored.rows[0].n, ...range });
    } finally {
      await app.close();
      await direct.end();
      await proxy.stop();
    }
  });
});

describe('several writers', () => {
  it('keeps one valid chain when two instances append at the same time', async () => {
    const databaseUrl = await createTestDatabase();
    const [a, b] = await Promise.all([startTestApp({ databaseUrl }), startTestApp({ databaseUrl })]);
    try {
      const admin = await register(a.api);
      const work = (app: TestApp) =>
        Promise.all([
          ...Array.from({ length: 150 }, async () => app.api.get('/auth/me', { apiKey: await madeUpKey() })),
          ...Array.from({ length: 10 }, (_, i) => app.api.post('/roles', { name: `r-${app.url.slice(-5)}-${i}`, permissions: [] }, { token: admin.accessToken })),
        ]);
      await Promise.all([work(a), work(b)]);
      await eventually(async () => expect(await countEvents(a.db, 'api_key.auth_failed')).toBe(300), 10_000);
      expect(await countEvents(a.db, 'role.created')).toBe(20);
      const verify = await a.api.get('/audit-logs/verify', { token: admin.accessToken });
      expect(verify.body).toEqual({ valid: true, checked: expect.any(Number), ...anyRange });
      expect(verify.body.checked).toBeGreaterThanOrEqual(321);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('keeps one valid chain with two writer objects on two connections appending in a loop', async () => {
    const databaseUrl = await createTestDatabase();
    const pools = [new pg.Pool({ connectionString: databaseUrl, max: 1 }), new pg.Pool({ connectionString: databaseUrl, max: 1 })];
    try {
      const writer = (pool: pg.Pool, label: string) =>
        (async () => {
          for (let batch = 0; batch < 20; batch++) {
            const events = Array.from({ length: 25 }, (_, i) => toChainedEvent({ type: 'api_key.auth_failed', details: { writer: label, batch, i } }));
            await inTransaction(pool, (query) => appendToChain(query, events));
          }
        })();
      await Promise.all([writer(pools[0], 'one'), writer(pools[1], 'two')]);
      const app = await startTestApp({ databaseUrl });
      try {
        const admin = await register(app.api);
        const verify = await app.api.get('/audit-logs/verify', { token: admin.accessToken });
        expect(verify.body.valid).toBe(true);
        expect(verify.body.checked).toBeGreaterThanOrEqual(1000);
      } finally {
        await app.close();
      }
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});

describe('hostile text', () => {
  it('stores control characters as data and replaces NUL, which PostgreSQL cannot hold, with U+FFFD, and the chain still verifies', async () => {
    const databaseUrl = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const event = toChainedEvent({
      type: 'api_key.auth_failed',
      userAgent: 'evil\r\n{"level":50,"msg":"forged"}\u0000',
      details: { reason: 'bad\u0000key', nested: { list: ['a\u0000', 1, null] } },
    });
    await inTransaction(pool, (query) => appendToChain(query, [event]));
    const { rows } = await pool.query('SELECT user_agent, details FROM audit_events');
    await pool.end();
    expect(rows).toEqual([{ user_agent: 'evil\r\n{"level":50,"msg":"forged"}\ufffd', details: { reason: 'bad\ufffdkey', nested: { list: ['a\ufffd', 1, null] } } }]);
    const app = await startTestApp({ databaseUrl });
    try {
      const admin = await register(app.api);
      expect((await app.api.get('/audit-logs/verify', { token: admin.accessToken })).body.valid).toBe(true);
    } finally {
      await app.close();
    }
  });
});

describe('retention', () => {
  it('purges events older than AUDIT_RETENTION_DAYS as a prefix of the chain, which still verifies', async () => {
    const databaseUrl = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const old = new Date(Date.now() - 400 * 86_400_000);
    await inTransaction(pool, (query) => appendToChain(query, [1, 2, 3].map((n) => toChainedEvent({ type: 'auth.login', occurredAt: old, details: { n } }))));
    await pool.end();
    const app = await startTestApp({ databaseUrl, env: { AUDIT_RETENTION_DAYS: '365' } });
    try {
      const admin = await register(app.api);
      await eventually(async () => expect(await countEvents(app.db, 'auth.registered')).toBe(1));
      expect(await app.keyward.app.get(AuditRetention).purge()).toBe(3);
      expect(await countEvents(app.db, 'auth.login')).toBe(0);
      const { rows } = await app.db.query('SELECT purged FROM audit_checkpoints');
      expect(rows).toEqual([{ purged: '3' }]);
      const verify = await app.api.get('/audit-logs/verify', { token: admin.accessToken });
      expect(verify.body).toEqual({ valid: true, checked: expect.any(Number), ...anyRange });
      expect(await app.keyward.app.get(AuditRetention).purge()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('refuses to delete a recent event even to a session that sets the purge settings itself', async () => {
    const databaseUrl = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    try {
      const old = new Date(Date.now() - 400 * 86_400_000);
      await inTransaction(pool, (query) => appendToChain(query, [toChainedEvent({ type: 'auth.login', occurredAt: old }), toChainedEvent({ type: 'auth.login' })]));
      const [oldest, newest] = (await pool.query<{ id: string }>('SELECT id FROM audit_events ORDER BY seq')).rows.map((row) => row.id);
      const deleteAs = (settings: string[], id: string) =>
        inTransaction(pool, async (query) => {
          for (const sql of settings) await query(sql);
          return query('DELETE FROM audit_events WHERE id = $1', [id]);
        });

      // The old switch alone no longer opens the table.
      await expect(deleteAs([`SET LOCAL keyward.audit_purge = 'on'`], newest)).rejects.toThrow(/append-only/);
      await expect(deleteAs([`SET LOCAL keyward.audit_purge = 'on'`], oldest)).rejects.toThrow(/append-only/);
      // A cut-off in the future (or anything younger than a day) does not reach the newest events.
      const future = new Date(Date.now() + 86_400_000).toISOString();
      await expect(deleteAs([`SET LOCAL keyward.audit_purge_before = '${future}'`], newest)).rejects.toThrow(/append-only/);
      expect((await pool.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(2);
      // What the retention purge itself does still works: a cut-off that the old event is older than.
      const cutoff = new Date(Date.now() - 365 * 86_400_000).toISOString();
      await deleteAs([`SET LOCAL keyward.audit_purge_before = '${cutoff}'`], oldest);
      expect((await pool.query('SELECT id FROM audit_events')).rows).toEqual([{ id: newest }]);
    } finally {
      await pool.end();
    }
  });
});

import pg from 'pg';
import { startTestApp, type TestApp } from './helpers/app.js';
import { createTestDatabase } from './helpers/database.js';
import { createKey, eventually, madeUpKey, register, type Session } from './helpers/factories.js';
import { metricValue } from './helpers/metrics.js';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.js';
import type { ApiResponse } from './helpers/http.js';

describe('GET /metrics', () => {
  let app: TestApp;
  let owner: Session;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await register(app.api);
  });
  afterAll(() => app?.close());

  const REQUIRED = [
    'keyward_http_requests_total',
    'keyward_http_request_duration_seconds_bucket',
    'keyward_key_verifications_total',
    'keyward_key_cache_lookups_total',
    'keyward_key_cache_hit_ratio',
    'keyward_rate_limit_rejections_total',
    'keyward_audit_buffer_depth',
    'keyward_audit_batches_written_total',
    'keyward_audit_events_dropped_total',
    'keyward_redis_fallback_active',
    'keyward_process_cpu_seconds_total',
  ];

  it('exposes the Prometheus text format with every documented metric, and the metrics move', async () => {
    const { key } = await createKey(app.api, owner.accessToken, { rateLimit: 2 });
    await app.api.get('/auth/me', { apiKey: key });
    const before = {
      ok: await metricValue(app.url, 'keyward_key_verifications_total', { outcome: 'ok' }),
      hits: await metricValue(app.url, 'keyward_key_cache_lookups_total', { result: 'hit' }),
      requests: await metricValue(app.url, 'keyward_http_requests_total', { route: '/api/v1/auth/me', status: '200' }),
      batches: await metricValue(app.url, 'keyward_audit_batches_written_total'),
    };
    await app.api.get('/auth/me', { apiKey: key });
    await app.api.get('/auth/me', { apiKey: key }); // over the limit of 2
    // Unknown ids: a few may still be looked up (keys created a moment ago elsewhere), the rest are rejected.
    for (let i = 0; i < 10; i++) await app.api.get('/auth/me', { apiKey: await madeUpKey() });

    const res = await fetch(`${app.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of REQUIRED) expect(text).toMatch(new RegExp(`^${name}`, 'm'));

    expect(await metricValue(app.url, 'keyward_key_verifications_total', { outcome: 'ok' })).toBe(before.ok + 2);
    expect(await metricValue(app.url, 'keyward_key_verifications_total', { outcome: 'invalid' })).toBeGreaterThanOrEqual(1);
    expect(await metricValue(app.url, 'keyward_key_cache_lookups_total', { result: 'hit' })).toBe(before.hits + 2);
    expect(await metricValue(app.url, 'keyward_key_cache_lookups_total', { result: 'rejected' })).toBeGreaterThanOrEqual(1);
    expect(await metricValue(app.url, 'keyward_http_requests_total', { route: '/api/v1/auth/me', status: '200' })).toBe(before.requests + 1);
    expect(await metricValue(app.url, 'keyward_rate_limit_rejections_total', { tracker: 'key' })).toBe(1);
    expect(await metricValue(app.url, 'keyward_key_cache_hit_ratio')).toBeGreaterThan(0);
    await eventually(async () => expect(await metricValue(app.url, 'keyward_audit_batches_written_total')).toBeGreaterThan(before.batches));
    expect(await metricValue(app.url, 'keyward_redis_fallback_active')).toBe(0);
  });

  it('labels requests by route pattern, never by raw URL', async () => {
    await app.api.get('/contents/00000000-0000-4000-8000-000000000001', { token: owner.accessToken });
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toContain('route="/api/v1/contents/:id"');
    expect(text).not.toContain('00000000-0000-4000-8000-000000000001');
  });
});

describe('METRICS_TOKEN', () => {
  it('guards /metrics with a bearer token when set', async () => {
    const app = await startTestApp({ env: { METRICS_TOKEN: 'scrape-me-please' } });
    try {
      expect((await app.api.get('/metrics')).status).toBe(401);
      expect((await app.api.get('/metrics', { token: 'wrong' })).body.code).toBe('auth.required');
      const ok = await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer scrape-me-please' } });
      expect(ok.status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('PostgreSQL unreachable', () => {
  let proxy: TcpProxy;
  let app: TestApp;
  let owner: Session;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    const target = new URL(databaseUrl);
    proxy = await startTcpProxy(target.hostname, Number(target.port));
    const proxied = new URL(databaseUrl);
    proxied.port = String(proxy.port);
    app = await startTestApp({ databaseUrl: proxied.toString() });
    owner = await register(app.api);
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.stop();
  });

  it('fails closed with 503 where the database is needed, keeps warm keys working, says 503 on /health, and recovers without a restart', async () => {
    const warm = await createKey(app.api, owner.accessToken);
    const cold = await createKey(app.api, owner.accessToken);
    expect((await app.api.get('/auth/me', { apiKey: warm.key })).status).toBe(200);
    expect((await app.api.get('/health')).body).toEqual({ status: 'ok', checks: { database: 'up' } });

    await proxy.stop();
    const coldDuring = await app.api.get('/auth/me', { apiKey: cold.key });
    expect(coldDuring.status).toBe(503);
    expect(coldDuring.body).toMatchObject({ code: 'service.unavailable', message: 'Service temporarily unavailable' });
    expect(JSON.stringify(coldDuring.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|select/i);
    expect((await app.api.get('/auth/me', { apiKey: warm.key })).status).toBe(200);
    expect((await app.api.get('/auth/me', { token: owner.accessToken })).status).toBe(200);
    const contents = await app.api.get('/contents', { token: owner.accessToken });
    expect(contents.status).toBe(503);
    const health = await app.api.get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'error', checks: { database: 'down' } });

    await proxy.start();
    await eventually(async () => expect((await app.api.get('/auth/me', { apiKey: cold.key })).status).toBe(200), 15_000, 200);
    expect((await app.api.get('/health')).status).toBe(200);
    expect((await app.api.get('/contents', { token: owner.accessToken })).status).toBe(200);
  });
});

/**
 * Starts an app with `env`, holds an exclusive lock on api_keys and sends one cold key request
 * into it; after the answer, releases the lock and checks the service recovered.
 */
async function keyRequestIntoALock(env: Record<string, string>): Promise<{ res: ApiResponse; elapsed: number }> {
  const app = await startTestApp({ env });
  const locker = new pg.Client({ connectionString: app.databaseUrl });
  await locker.connect();
  try {
    const owner = await register(app.api);
    const { key } = await createKey(app.api, owner.accessToken);
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    const res = await app.api.get('/auth/me', { apiKey: key });
    const elapsed = Date.now() - started;
    await locker.query('ROLLBACK');
    expect((await app.api.get('/auth/me', { apiKey: key })).status).toBe(200);
    return { res, elapsed };
  } finally {
    await locker.end();
    await app.close();
  }
}

describe('a slow database', () => {
  it('never holds a request past REQUEST_TIMEOUT_MS: 503 service.unavailable instead', async () => {
    const { res, elapsed } = await keyRequestIntoALock({ REQUEST_TIMEOUT_MS: '1000' });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'service.unavailable', message: 'The request took too long' });
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(2500);
  });
});

describe('a database statement timeout', () => {
  it('cancels a request stuck on a lock at DATABASE_STATEMENT_TIMEOUT_MS: 503 service.unavailable well before REQUEST_TIMEOUT_MS', async () => {
    const { res, elapsed } = await keyRequestIntoALock({ DATABASE_STATEMENT_TIMEOUT_MS: '500', REQUEST_TIMEOUT_MS: '10000' });
    expect(res.status).toBe(503);
    // The catalogue's message, not the request timeout's "The request took too long".
    expect(res.body).toMatchObject({ code: 'service.unavailable', message: 'Service temporarily unavailable' });
    expect(JSON.stringify(res.body)).not.toMatch(/statement|cancel|select/i);
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('hardening', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('sends security headers', async () => {
    const res = await fetch(`${app.url}/api/v1/ping`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('strict-transport-security')).toBeTruthy();
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers no cross-origin request unless CORS_ORIGINS allows the origin', async () => {
    const closed = await fetch(`${app.url}/api/v1/ping`, { headers: { origin: 'https://evil.example' } });
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();
    const open = await startTestApp({ env: { CORS_ORIGINS: 'https://console.example' } });
    try {
      const preflight = await fetch(`${open.url}/api/v1/api-keys`, {
        method: 'OPTIONS',
        headers: { origin: 'https://console.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://console.example');
      const other = await fetch(`${open.url}/api/v1/ping`, { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.close();
    }
  });
});

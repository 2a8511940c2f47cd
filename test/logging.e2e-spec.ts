import pg from 'pg';
import { createTestDatabase } from './helpers/database.js';
import { createKey, register } from './helpers/factories.js';
import { spawnService, type ServiceProcess } from './helpers/service-process.js';

describe('structured logs (NODE_ENV=production)', () => {
  let service: ServiceProcess;
  const secrets: string[] = [];
  let keyPrefix: string;

  beforeAll(async () => {
    service = await spawnService({ DATABASE_URL: await createTestDatabase(), NODE_ENV: 'production', LOG_LEVEL: 'info' });
    const password = 'a-password-that-must-not-leak';
    const session = await register(service.api, { password });
    const created = await createKey(service.api, session.accessToken);
    keyPrefix = created.keyPrefix;
    secrets.push(created.key, created.key.slice(12, 44), password, session.accessToken, session.refreshToken);

    await service.api.get('/auth/me', { apiKey: created.key });
    await service.api.get('/auth/me', { token: created.key });
    await service.api.get(`/auth/me?apikey=${created.key}&page=1`);
    await service.api.get('/auth/me', { apiKey: `${created.key.slice(0, -1)}x` }); // refused, still logged
    await service.api.post('/auth/login', { email: session.user.email, password });
    await service.api.post('/auth/login', { email: session.user.email, password: `${password}-wrong` });
    const refreshed = await service.api.post('/auth/refresh', { refreshToken: session.refreshToken });
    secrets.push(refreshed.body.refreshToken, refreshed.body.accessToken);
    await service.api.get('/contents', { token: session.accessToken });
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  afterAll(async () => {
    await service?.stop();
  });

  const lines = () =>
    service
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, any>);

  it('writes one JSON line per request with id, method, path, status, latency and principal', () => {
    const requests = lines().filter((line) => line.msg === 'request completed' || line.msg === 'request failed');
    const keyRequest = requests.find((line) => line.path === '/api/v1/auth/me' && line.principal?.authMethod === 'api_key');
    expect(keyRequest).toMatchObject({
      reqId: expect.any(String),
      method: 'GET',
      path: '/api/v1/auth/me',
      status: 200,
      responseTime: expect.any(Number),
      principal: { userId: expect.any(String), authMethod: 'api_key', keyPrefix },
    });
    expect(requests.some((line) => line.principal?.authMethod === 'jwt')).toBe(true);
  });

  it('never writes a key (header, bearer or query), password or token', () => {
    const output = service.output();
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).toContain('apikey=[REDACTED]');
  });

  it('logs refused requests as warnings without their credentials', () => {
    const refused = lines().filter((line) => line.status === 401);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused.every((line) => line.level === 40)).toBe(true);
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight request, flushes and exits 0 on SIGTERM', async () => {
    const databaseUrl = await createTestDatabase();
    const service = await spawnService({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
    const locker = new pg.Client({ connectionString: databaseUrl });
    await locker.connect();
    try {
      const owner = await register(service.api);
      const { key } = await createKey(service.api, owner.accessToken);
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE');
      const inFlight = service.api.get('/auth/me', { apiKey: key }); // waits on the lock
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      service.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await locker.query('ROLLBACK');
      expect((await inFlight).status).toBe(200);
      const code = await service.exited;
      if (code !== 0) console.log(service.output());
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      const { rows } = await locker.query(`SELECT count(*)::int AS n FROM audit_events WHERE type = 'api_key.used'`);
      expect(rows[0].n).toBe(1);
    } finally {
      await locker.end();
      await service.stop('SIGKILL');
    }
  });
});

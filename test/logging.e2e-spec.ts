import { randomBytes } from 'node:crypto';
import { createTestDatabase } from './helpers/database.js';
import { createKey, register } from './helpers/factories.js';
import { spawnService, type ServiceProcess } from './helpers/service-process.js';

describe('structured logs (NODE_ENV=production)', () => {
  let service: ServiceProcess;
  const secrets: string[] = [];
  let keyPrefix: string;

  beforeAll(async () => {
    service = await spawnService({ DATABASE_URL: await createTestDatabase(), NODE_ENV: 'production', METRICS_TOKEN: 'scrape-me', LOG_LEVEL: 'info' });
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
    // Requests are logged as they complete, in order: once the last one's line is out, all are.
    const last = `last-${randomBytes(6).toString('hex')}`;
    await service.api.get('/ping', { headers: { 'x-request-id': last } });
    await service.waitForOutput(new RegExp(`"reqId":"${last}"[^\\n]*\\n`), 10_000);
  });
  afterAll(async () => {
    await service?.stop();
  });

  /** The JSON lines written so far; a line still being written (no newline yet) is left out. */
  const lines = () => {
    const output = service.output();
    return output
      .slice(0, output.lastIndexOf('\n') + 1)
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, any>);
  };

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

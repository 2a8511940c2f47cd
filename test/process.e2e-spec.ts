import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueEmail } from './helpers/factories.js';
import { freePort } from './helpers/ports.js';
import { spawnService, type ServiceProcess } from './helpers/service-process.js';

describe('the service as a process (npm start runs this)', () => {
  let dataDir: string;
  let service: ServiceProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'keyward-restart-'));
  });
  afterAll(async () => {
    await service?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs on an embedded PostgreSQL, keeps its data across a restart and prints the generated admin password once', async () => {
    const env = { NODE_ENV: 'development', LOG_LEVEL: 'info', DATA_DIR: dataDir, DATABASE_URL: undefined, EMBEDDED_PG_PORT: String(await freePort()) };
    service = await spawnService(env);
    const [, adminPassword] = await service.waitForOutput(/password: (\S+)/);
    expect(service.output()).toContain('admin@keyward.local');
    const page = await fetch(`${service.url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    const email = uniqueEmail('persist');
    const registered = await service.api.post('/auth/register', { email, password: 'persistent pw' });
    expect(registered.status).toBe(201);
    const created = await service.api.post('/contents', { title: 'Survives restarts' }, { token: registered.body.accessToken });
    expect(created.status).toBe(201);

    expect(await service.stop('SIGTERM')).toBe(0);

    service = await spawnService(env);
    expect(service.output()).not.toContain('Keyward created an admin account');
    const login = await service.api.post('/auth/login', { email, password: 'persistent pw' });
    expect(login.status).toBe(200);
    const content = await service.api.get(`/contents/${created.body.id}`, { token: login.body.accessToken });
    expect(content.body.title).toBe('Survives restarts');
    const admin = await service.api.post('/auth/login', { email: 'admin@keyward.local', password: adminPassword });
    expect(admin.status).toBe(200);
    expect(admin.body.user.roles).toEqual(['admin']);

    expect(await service.stop('SIGTERM')).toBe(0);
    service = undefined;
  });
});

describe('configuration is validated at startup', () => {
  it('refuses a bad PORT, naming the variable, with exit code 78', async () => {
    const service = await spawnService({ PORT: '99999', DATABASE_URL: 'postgres://127.0.0.1:1/none' }, { waitUntilListening: false });
    expect(await service.exited).toBe(78);
    expect(service.output()).toContain('Invalid configuration: PORT must be between 0 and 65535');
  });

  it('refuses to start in production without JWT_SECRET', async () => {
    const service = await spawnService(
      { NODE_ENV: 'production', JWT_SECRET: undefined, DATABASE_URL: 'postgres://127.0.0.1:1/none' },
      { waitUntilListening: false },
    );
    expect(await service.exited).toBe(78);
    expect(service.output()).toContain('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  });
});

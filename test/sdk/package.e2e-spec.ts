import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * The built package as its users get it: imported by name in plain Node (no Jest, no source
 * condition), its declarations compiled by a consumer's project, its exports map closed.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SDK = join(ROOT, 'sdk');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

const run = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });

/**
 * Plain Node, from the repository root where node_modules/@keyward/sdk is the workspace link; not
 * spawnSync, which would stop this process's event loop and with it the service under test.
 */
function node(source: string, env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], { cwd: ROOT, env: { ...process.env, ...env } });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve(output));
  });
}

let app: TestApp;

beforeAll(async () => {
  const built = run([TSC, '-p', join(SDK, 'tsconfig.json')]);
  if (built.status !== 0) throw new Error(`building the SDK failed:\n${built.stdout}${built.stderr}`);
  app = await startTestApp();
});
afterAll(() => app?.close());

describe('the built @keyward/sdk', () => {
  it('imports by name in plain Node and talks to the service', async () => {
    const result = await node(
      `import { Keyward, KeywardError } from '@keyward/sdk';
       const client = new Keyward({ baseUrl: process.env.KEYWARD_URL });
       const pong = await client.ping();
       const error = await client.auth.me().catch((e) => e);
       console.log(JSON.stringify({ pong, isError: error instanceof KeywardError, code: error.code, resolved: import.meta.resolve('@keyward/sdk') }));`,
      { KEYWARD_URL: app.url },
    );
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out).toEqual({ pong: { pong: true }, isError: true, code: 'auth.required', resolved: expect.stringMatching(/\/sdk\/dist\/index\.js$/) });
  });

  it('imports @keyward/sdk/nest by name in plain Node', async () => {
    const result = await node(
      `import { KeywardModule, KeywardGuard, RequireKeyPermissions, VerifiedKey } from '@keyward/sdk/nest';
       console.log(JSON.stringify([KeywardModule, KeywardGuard, RequireKeyPermissions, VerifiedKey].map((value) => typeof value)));`,
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(['function', 'function', 'function', 'function']);
  });

  it('exports its entry points only', async () => {
    const result = await node(`await import('@keyward/sdk/dist/transport.js').then(() => console.log('open'), (e) => console.log(e.code));`);
    expect(result.stdout.trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it("compiles a consumer's code against its declarations, without Node's types", () => {
    const result = run([TSC, '-p', join(ROOT, 'test/sdk/consumer/tsconfig.json')]);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('compiles the nest-orders example against its declarations', () => {
    const result = run([TSC, '--noEmit', '-p', join(SDK, 'examples/nest-orders/tsconfig.json')]);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('has no runtime dependency, and its client imports nothing but its own files', () => {
    const manifest = JSON.parse(readFileSync(join(SDK, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toBeUndefined();
    const clientFiles = readdirSync(join(SDK, 'dist'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js') && !file.startsWith('nest'));
    expect(clientFiles.length).toBeGreaterThan(10);
    const foreign = clientFiles.flatMap((file) => [...readFileSync(join(SDK, 'dist', file), 'utf8').matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]).filter((specifier) => !specifier.startsWith('./') && !specifier.startsWith('../')));
    expect(foreign).toEqual([]);
  });

  it('imports only Nest (its peer dependencies) and its own files in @keyward/sdk/nest', () => {
    const manifest = JSON.parse(readFileSync(join(SDK, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.peerDependencies)).toEqual(['@nestjs/common', '@nestjs/core']);
    const nestFiles = readdirSync(join(SDK, 'dist/nest'), { encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    const imported = new Set(nestFiles.flatMap((file) => [...readFileSync(join(SDK, 'dist/nest', file), 'utf8').matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]).filter((specifier) => !specifier.startsWith('.'))));
    expect([...imported].sort()).toEqual(['@nestjs/common', '@nestjs/core']);
  });
});

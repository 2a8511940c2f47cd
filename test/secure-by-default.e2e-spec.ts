import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './helpers/app.js';

/**
 * The routes marked @Public() (grep -rn '@Public' src). Adding one is a security decision: it
 * belongs in this list, deliberately, or the test below fails.
 */
const PUBLIC_OPERATIONS = new Set([
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/login/2fa',
  'GET /api/v1/ping',
  'GET /health',
  'GET /metrics',
  'GET /.well-known/keyward-audit-key',
]);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

let app: TestApp;
let operations: { method: string; path: string }[];

beforeAll(async () => {
  app = await startTestApp();
  const doc = await app.api.get<{ paths: Record<string, Record<string, unknown>> }>('/docs-json');
  operations = Object.entries(doc.body.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => METHODS.includes(method))
      .map((method) => ({ method: method.toUpperCase(), path })),
  );
});
afterAll(() => app?.close());

describe('secure by default', () => {
  it('finds the operations in /docs-json, so the check below is not over an empty list', () => {
    const documented = new Set(operations.map(({ method, path }) => `${method} ${path}`));
    expect(operations.length).toBeGreaterThan(20);
    for (const operation of ['POST /api/v1/auth/login', 'GET /api/v1/contents', 'DELETE /api/v1/roles/{name}']) expect(documented).toContain(operation);
  });

  it('answers every documented operation not marked @Public() with 401 auth.required when no credentials come', async () => {
    const open: string[] = [];
    for (const { method, path } of operations) {
      if (PUBLIC_OPERATIONS.has(`${method} ${path}`)) continue;
      const url = `${app.url}${path.replace(/\{[^}]+\}/g, () => randomUUID())}`;
      const withBody = ['POST', 'PUT', 'PATCH'].includes(method);
      const res = await fetch(url, { method, headers: withBody ? { 'content-type': 'application/json' } : {}, body: withBody ? '{}' : undefined });
      const code = ((await res.json().catch(() => ({}))) as { code?: string }).code;
      if (res.status !== 401 || code !== 'auth.required') open.push(`${method} ${path} → ${res.status} ${code ?? ''}`);
    }
    expect(open).toEqual([]);
  });

  it('keeps the public routes public', async () => {
    for (const path of ['/ping', '/health', '/metrics', '/.well-known/keyward-audit-key']) {
      expect((await app.api.get(path)).status).toBe(200);
    }
  });
});

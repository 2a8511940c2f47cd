import { DiscoveryService, Reflector } from '@nestjs/core';
import { JWT_ONLY } from '../src/access/access.decorators.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { adminAndUser, createKey, type CreatedKey, type Session } from './helpers/factories.js';

interface Document {
  paths: Record<string, Record<string, { operationId: string }>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

let app: TestApp;
let admin: Session;
let adminKey: CreatedKey;
/** `Controller_method` (the document's operation ids) of every handler @JwtOnly applies to, read from the running app. */
let jwtOnly: Set<string>;
let operations: Array<{ method: string; path: string; operationId: string }>;

beforeAll(async () => {
  app = await startTestApp();
  ({ admin } = await adminAndUser(app));
  adminKey = await createKey(app.api, admin.accessToken, { scopes: ['*'] });
  const reflector = new Reflector();
  const discovery = app.keyward.app.get(DiscoveryService, { strict: false });
  jwtOnly = new Set(
    discovery.getControllers().flatMap(({ metatype }) => {
      if (!metatype) return [];
      const prototype = metatype.prototype as Record<string, () => unknown>;
      return Object.getOwnPropertyNames(prototype)
        .filter((name) => name !== 'constructor' && reflector.getAllAndOverride<boolean>(JWT_ONLY, [prototype[name], metatype as () => unknown]))
        .map((name) => `${metatype.name}_${name}`);
    }),
  );
  const doc = (await app.api.get<Document>('/docs-json')).body;
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operationId: operation.operationId })),
  );
});
afterAll(() => app?.close());

/** A concrete URL for a documented path: the parameters only have to get past routing, the guard answers first. */
function concrete(path: string): string {
  return path.replace(/^\/api\/v1/, '').replace(/\{id\}/g, adminKey.id).replace(/\{name\}/g, 'member');
}

describe('@JwtOnly routes with an API key', () => {
  it('finds every @JwtOnly handler among the documented operations', () => {
    expect(jwtOnly.size).toBeGreaterThanOrEqual(16);
    const documented = new Set(operations.map((operation) => operation.operationId));
    expect([...jwtOnly].filter((id) => !documented.has(id))).toEqual([]);
  });

  it('refuses an admin’s * key, in the header and as a bearer, on every @JwtOnly route of /docs-json with 403 auth.jwt_required', async () => {
    const routes = operations.filter((operation) => jwtOnly.has(operation.operationId));
    const answers: unknown[] = [];
    for (const { method, path } of routes) {
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const header = await app.api.request(method, concrete(path), body, { apiKey: adminKey.key });
      const bearer = await app.api.request(method, concrete(path), body, { token: adminKey.key });
      answers.push([method, path, header.status, header.body.code, bearer.status, bearer.body.code]);
    }
    expect(answers).toEqual(routes.map(({ method, path }) => [method, path, 403, 'auth.jwt_required', 403, 'auth.jwt_required']));
    expect((await app.api.get(`/api-keys/${adminKey.id}`, { token: admin.accessToken })).body.status).toBe('active');
  });

  it('refuses a bearer credential no kind recognises with 401 auth.token_invalid', async () => {
    const res = await app.api.get('/auth/me', { token: 'opaque-oauth-style-token' });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'auth.token_invalid' });
  });
});

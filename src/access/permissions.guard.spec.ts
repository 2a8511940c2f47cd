import { NO_QUOTA, NO_SHARED_LIMITS } from './limits/quota.js';
import 'reflect-metadata';
import type { ExecutionContext, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import type { AuditLog } from '../audit/chain/audit-log.js';
import { AppError } from '../common/errors/app-error.js';
import { parseConfig } from '../config/app-config.js';
import { JWT_ONLY } from './access.decorators.js';
import type { CallWorkspaces } from './call-workspace.js';
import { PermissionsGuard } from './permissions.guard.js';
import type { Principal } from './principal.js';

type DynamicRef = { module: Type; imports?: unknown[]; controllers?: Type[] };
type ModuleRef = Type | DynamicRef | Promise<unknown> | { forwardRef: unknown };

/** Every controller the real application mounts (bench routes included), found by walking its modules. */
function controllersOf(root: ModuleRef, seen = new Set<unknown>()): Type[] {
  if (!root || seen.has(root) || root instanceof Promise || 'forwardRef' in root) return [];
  seen.add(root);
  const moduleClass = typeof root === 'function' ? root : root.module;
  const dynamic: Partial<DynamicRef> = typeof root === 'function' ? {} : root;
  const imports = [...((Reflect.getMetadata('imports', moduleClass) as ModuleRef[] | undefined) ?? []), ...((dynamic.imports as ModuleRef[] | undefined) ?? [])];
  const controllers = [...((Reflect.getMetadata('controllers', moduleClass) as Type[] | undefined) ?? []), ...(dynamic.controllers ?? [])];
  return [...controllers, ...imports.flatMap((child) => controllersOf(child, seen))];
}

const reflector = new Reflector();
const config = parseConfig({
  NODE_ENV: 'test',
  JWT_SECRET: 'unit-jwt-secret-0123456789abcdef0123456789',
  KEY_HASH_SECRET: 'unit-key-hash-secret-0123456789abcdef0123',
  DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
  BENCH_ROUTES: 'true',
});

/** Every route handler of the application, with whether @JwtOnly applies to it (on the method or its controller). */
const routes = [...new Set(controllersOf(AppModule.forRoot(config)))].flatMap((controller) =>
  Object.getOwnPropertyNames(controller.prototype)
    .map((name) => ({ name, handler: (controller.prototype as Record<string, unknown>)[name] }))
    .filter(({ name, handler }) => name !== 'constructor' && typeof handler === 'function' && Reflect.getMetadata(PATH_METADATA, handler) !== undefined)
    .map(({ name, handler }) => ({
      route: `${controller.name}.${name}`,
      controller,
      handler: handler as (...args: unknown[]) => unknown,
      jwtOnly: reflector.getAllAndOverride<boolean>(JWT_ONLY, [handler as () => unknown, controller]) === true,
    })),
);
const jwtOnlyRoutes = routes.filter((route) => route.jwtOnly);

const user = { id: '00000000-0000-4000-8000-000000000001', email: 'a@example.com', name: 'A', roles: ['admin'], active: true, createdAt: new Date(0), twoFactorEnabled: false };
const key = { id: '00000000-0000-4000-8000-00000000000a', name: 'k', keyPrefix: 'kw_0000000a', scopes: ['*'], rateLimit: 1000, expiresAt: null, workspaceId: '00000000-0000-4000-8000-0000000000ff', quota: NO_QUOTA };

const jwtPrincipal: Principal = { user, authMethod: 'jwt', permissions: ['*'], sessionId: '00000000-0000-4000-8000-00000000005e' };
const otherKinds: Array<[string, Principal]> = [
  ['an API key (an admin’s * key)', { user, authMethod: 'api_key', permissions: ['*'], apiKey: key }],
  // A kind the union does not know yet, as an OAuth token would arrive before anyone updated this guard.
  ['a kind added later (oauth)', { user, authMethod: 'oauth', permissions: ['*'] } as unknown as Principal],
];

function contextFor(route: (typeof routes)[number], principal: Principal): ExecutionContext {
  const request = { user: principal, ip: '127.0.0.1', method: 'GET', url: '/', headers: {}, params: {} };
  return {
    getHandler: () => route.handler,
    getClass: () => route.controller,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

/** Every workspace resolves, as its owner's: these tests are about the kind of credential, not tenancy. */
const anyWorkspace: CallWorkspaces = {
  resolve: () => Promise.resolve({ id: '00000000-0000-4000-8000-0000000000ff', slug: 'acme', name: 'Acme', personal: false, role: 'owner', permissions: ['*'], plan: { maxRateLimit: null, maxKeysPerUser: null }, limits: NO_SHARED_LIMITS, keyPolicy: { maxLifetimeDays: null, requireIpAllowlist: false, allowedScopes: null, maxRateLimit: null } }),
  memberPermissions: () => Promise.resolve(['*']),
  keyPolicyOf: () => Promise.resolve({ maxLifetimeDays: null, requireIpAllowlist: false, allowedScopes: null, maxRateLimit: null }),
};
const guard = new PermissionsGuard(reflector, { record: () => undefined } as unknown as AuditLog, anyWorkspace);

async function refusalOf(run: () => unknown): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('PermissionsGuard on @JwtOnly routes', () => {
  it('finds the @JwtOnly routes of the real controllers: key management, users and roles', () => {
    const names = jwtOnlyRoutes.map((route) => route.route);
    expect(names).toEqual(expect.arrayContaining(['ApiKeysController.create', 'ApiKeysController.rotate', 'UsersController.update', 'RolesController.create']));
    expect(names.length).toBeGreaterThanOrEqual(16);
    // The walk must see the routes that are not @JwtOnly too, or it proves nothing about them.
    expect(routes.filter((route) => !route.jwtOnly).map((route) => route.route)).toContain('ContentsController.list');
  });

  it.each(otherKinds)('refuses %s on every @JwtOnly route with 403 auth.jwt_required', async (_label, principal) => {
    const answers = await Promise.all(jwtOnlyRoutes.map(async (route) => [route.route, await refusalOf(() => guard.canActivate(contextFor(route, principal)))]));
    expect(answers).toEqual(jwtOnlyRoutes.map((route) => [route.route, 'auth.jwt_required']));
  });

  it('lets a signed-in user (jwt) with the permissions through every @JwtOnly route', async () => {
    const answers = await Promise.all(
      jwtOnlyRoutes.map(async (route) => [route.route, await refusalOf(() => guard.canActivate(contextFor(route, jwtPrincipal)))]),
    );
    expect(answers).toEqual(jwtOnlyRoutes.map((route) => [route.route, null]));
  });
});

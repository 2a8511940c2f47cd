import { NO_QUOTA, NO_SHARED_LIMITS } from '../../src/access/limits/quota.js';
import type { CallWorkspace } from '../../src/access/call-workspace.js';
import type { AnonymousCaller, Caller } from '../../src/access/caller.js';
import type { Principal, PrincipalKey, PrincipalUser } from '../../src/access/principal.js';
import { effectivePermissions } from '../../src/access/permissions.js';
import type { RequestContext } from '../../src/access/request-context.js';
import type { TestUser } from './factories.js';

/**
 * Who calls a service in a medium spec: the caller the guards and @CurrentCaller() would have
 * built (principal, request context, success status), with the user at hand for assertions.
 */
export type TestCaller = Caller & { user: PrincipalUser };

export interface CallerOptions {
  /** Calls with this key rather than a session: the owner's permissions narrowed by its scopes. */
  viaKey?: Pick<PrincipalKey, 'id' | 'name' | 'keyPrefix' | 'scopes'> & Partial<PrincipalKey>;
  context?: Partial<RequestContext>;
  /** The workspace of the call (default: the user's personal one) and the permissions there (default: the user's). */
  workspace?: { id: string; permissions?: string[] };
}

/** Where a test request comes from; also for services that take no caller (sign-in, registration). */
export function testContext(overrides: Partial<RequestContext> = {}): RequestContext {
  return { ip: '203.0.113.7', userAgent: 'medium-test', method: 'POST', path: '/api/v1/medium', ...overrides };
}

function principalFor(user: TestUser, key: CallerOptions['viaKey'], workspaceId: string): Principal {
  const { permissions, personalWorkspaceId: _personal, ...profile } = user;
  if (!key) return { user: profile, authMethod: 'jwt', permissions, sessionId: '00000000-0000-4000-8000-00000000005e' };
  return {
    user: profile,
    authMethod: 'api_key',
    permissions: effectivePermissions(permissions, key.scopes),
    apiKey: { rateLimit: 1000, expiresAt: null, workspaceId, ...key, quota: key.quota ?? NO_QUOTA },
  };
}

/**
 * The caller as the permissions guard leaves it: acting in a workspace, where the user's
 * permissions stand in for their workspace role's unless the test names others.
 */
export function callerFor(user: TestUser, options: CallerOptions = {}): TestCaller {
  const id = options.workspace?.id ?? user.personalWorkspaceId;
  const principal = principalFor(user, options.viaKey, id);
  const granted = options.workspace?.permissions ?? user.permissions;
  const workspace: CallWorkspace = {
    id,
    slug: 'test',
    name: 'Test',
    personal: !options.workspace,
    role: 'member',
    permissions: options.viaKey ? effectivePermissions(granted, options.viaKey.scopes) : granted,
    plan: { maxRateLimit: null, maxKeysPerUser: null }, limits: NO_SHARED_LIMITS,
    keyPolicy: { maxLifetimeDays: null, requireIpAllowlist: false, allowedScopes: null, maxRateLimit: null },
  };
  return { principal, workspace, user: principal.user, context: testContext(options.context), successStatus: 200 };
}

/** The caller of a public route (registration, sign-in): nobody is known yet. */
export function anonymousCaller(context: Partial<RequestContext> = {}): AnonymousCaller {
  return { principal: null, context: testContext(context), successStatus: 201 };
}

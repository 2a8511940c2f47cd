import type { Principal, PrincipalKey } from '../../src/access/principal.js';
import { effectivePermissions } from '../../src/access/permissions.js';
import type { RequestContext } from '../../src/access/request-context.js';
import type { TestUser } from './factories.js';

/**
 * Who calls a service in a medium spec: the principal the guards would have built, and where the
 * request came from. The one place that knows how services take their caller, so a change of
 * that signature changes this helper (and the call sites' trailing `context` argument) only.
 */
export type TestCaller = Principal & { context: RequestContext };

export interface CallerOptions {
  /** Calls with this key rather than a session: the owner's permissions narrowed by its scopes. */
  viaKey?: Pick<PrincipalKey, 'id' | 'name' | 'keyPrefix' | 'scopes'> & Partial<PrincipalKey>;
  context?: Partial<RequestContext>;
}

/** Where a test request comes from; also for services that take no caller (sign-in, registration). */
export function testContext(overrides: Partial<RequestContext> = {}): RequestContext {
  return { ip: '203.0.113.7', userAgent: 'medium-test', method: 'POST', path: '/api/v1/medium', ...overrides };
}

export function callerFor(user: TestUser, options: CallerOptions = {}): TestCaller {
  const { permissions, ...profile } = user;
  const context = testContext(options.context);
  const key = options.viaKey;
  if (!key) return { user: profile, authMethod: 'jwt', permissions, context };
  return {
    user: profile,
    authMethod: 'api_key',
    permissions: effectivePermissions(permissions, key.scopes),
    apiKey: { rateLimit: 1000, expiresAt: null, ...key },
    context,
  };
}

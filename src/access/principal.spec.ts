import { NO_QUOTA } from './limits/quota.js';
import { assertNever, boundWorkspace, type Principal, principalKey } from './principal.js';

const user = { id: 'u1', email: 'a@example.com', name: 'A', roles: ['member'], active: true, createdAt: new Date(0), twoFactorEnabled: false };
const key = { id: 'k1', name: 'ci', keyPrefix: 'kw_a1b2c3d4', scopes: ['contents:read'], rateLimit: 10, expiresAt: null, workspaceId: '00000000-0000-4000-8000-0000000000ff', quota: NO_QUOTA };

/**
 * Compile-time half of the test: a switch that forgets a kind does not type-check. If the union
 * or assertNever ever stopped making that an error, this @ts-expect-error would be unused and
 * `npm run typecheck` (CI) would fail.
 */
export function kindForgettingApiKeys(principal: Principal): string {
  switch (principal.authMethod) {
    case 'jwt':
      return 'jwt';
    default:
      // @ts-expect-error api_key is not handled, so `principal` is not `never` here
      return assertNever(principal);
  }
}

describe('Principal: one member per credential kind', () => {
  it('tells the kinds apart by authMethod: only an api_key principal acts through a key', () => {
    expect(principalKey({ user, permissions: [], authMethod: 'jwt', sessionId: '00000000-0000-4000-8000-00000000005e' })).toBeUndefined();
    expect(principalKey({ user, permissions: [], authMethod: 'api_key', apiKey: key })).toBe(key);
  });

  it('binds a key and an OAuth grant to their workspace, narrowed by their scopes, and a signed-in user to none', () => {
    const grant = { grantId: 'g1', clientId: 'kwc_1', workspaceId: '00000000-0000-4000-8000-0000000000aa', scopes: ['contents:read'] };
    // The credential itself, not a copy: the hot path allocates nothing to learn it.
    expect(boundWorkspace({ user, permissions: [], authMethod: 'oauth', grant })).toBe(grant);
    expect(boundWorkspace({ user, permissions: [], authMethod: 'api_key', apiKey: key })).toBe(key);
    expect(boundWorkspace({ user, permissions: [], authMethod: 'jwt', sessionId: '00000000-0000-4000-8000-00000000005e' })).toBeUndefined();
    expect(principalKey({ user, permissions: [], authMethod: 'oauth', grant })).toBeUndefined();
  });

  it('refuses, at run time too, a kind no switch knows (a forged or future one)', () => {
    const forged = { user, permissions: ['*'], authMethod: 'saml' } as unknown as Principal;
    expect(() => principalKey(forged)).toThrow('unhandled principal kind: "saml"');
    expect(() => kindForgettingApiKeys({ user, permissions: [], authMethod: 'api_key', apiKey: key })).toThrow('unhandled principal kind: "api_key"');
  });
});

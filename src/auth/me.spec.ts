import { NO_QUOTA, NO_SHARED_LIMITS } from '../access/limits/quota.js';
import type { CallWorkspace } from '../access/call-workspace.js';
import type { Principal } from '../access/principal.js';
import { meOf } from './me.js';

const user = { id: 'u1', email: 'a@example.com', name: 'A', roles: [], active: true, createdAt: new Date(0), twoFactorEnabled: false };
const workspace = (role: string, permissions: string[]): CallWorkspace => ({
  id: 'w1',
  slug: 'acme',
  name: 'Acme',
  personal: false,
  role,
  permissions,
  plan: { maxRateLimit: null, maxKeysPerUser: null }, limits: NO_SHARED_LIMITS,
  keyPolicy: { maxLifetimeDays: null, requireIpAllowlist: false, allowedScopes: null, maxRateLimit: null },
});
const viaKey: Principal = {
  user,
  permissions: ['*'],
  authMethod: 'api_key',
  apiKey: { id: 'k1', name: 'ci', keyPrefix: 'kw_00000001', scopes: ['contents:read'], rateLimit: 10, expiresAt: null, workspaceId: 'w1', quota: NO_QUOTA },
};

describe('meOf', () => {
  it('names the workspace of the call and the permissions there; a key has no instance permissions', () => {
    expect(meOf(viaKey, workspace('member', ['contents:read']))).toEqual({
      user,
      authMethod: 'api_key',
      permissions: ['contents:read'],
      instancePermissions: [],
      workspace: { id: 'w1', slug: 'acme', name: 'Acme', role: 'member' },
      apiKey: { id: 'k1', name: 'ci', keyPrefix: 'kw_00000001', scopes: ['contents:read'], rateLimit: 10, expiresAt: null },
    });
  });

  it('answers the same object while principal and workspace stand, and a fresh one once the workspace changed', () => {
    const member = workspace('member', ['contents:read']);
    const first = meOf(viaKey, member);
    expect(meOf(viaKey, member)).toBe(first);
    const demoted = meOf(viaKey, workspace('viewer', []));
    expect(demoted).not.toBe(first);
    expect(demoted).toMatchObject({ permissions: [], workspace: { role: 'viewer' } });
  });

  it('gives a signed-in user their instance permissions beside the workspace’s', () => {
    const jwt: Principal = { user, permissions: ['users:read'], authMethod: 'jwt', sessionId: 's1' };
    expect(meOf(jwt, workspace('owner', ['*']))).toMatchObject({ authMethod: 'jwt', permissions: ['*'], instancePermissions: ['users:read'] });
  });
});

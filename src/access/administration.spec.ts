import { defaultKeyScopes, instanceOnly, isAdministration } from './administration.js';
import { effectivePermissions } from './permissions.js';

describe('isAdministration', () => {
  it('counts users:*, roles:*, members:*, apps:* and keys:admin, with every action under them', () => {
    for (const permission of ['users:read', 'users:write', 'users:*', 'roles:write', 'members:read', 'apps:write', 'keys:admin']) {
      expect({ permission, admin: isAdministration(permission) }).toEqual({ permission, admin: true });
    }
  });

  it('does not count the permissions that act on one’s own things', () => {
    for (const permission of ['contents:read', 'keys:read', 'keys:write', 'audit:read', '*', 'keys:*']) {
      expect({ permission, admin: isAdministration(permission) }).toEqual({ permission, admin: false });
    }
  });
});

describe('defaultKeyScopes', () => {
  it('keeps keys:verify out of a default key, as a service credential asked for by name', () => {
    expect(defaultKeyScopes(['*'])).not.toContain('keys:verify');
    expect(defaultKeyScopes(['keys:*'])).toEqual(['keys:read', 'keys:write']);
  });

  it('writes out everything but administration for an owner holding *', () => {
    const scopes = defaultKeyScopes(['*']);
    expect(scopes).toEqual(['audit:read', 'contents:delete', 'contents:read', 'contents:write', 'keys:read', 'keys:write']);
    expect(effectivePermissions(['*'], scopes)).not.toContain('users:write');
  });

  it('keeps a member’s own permissions as they are', () => {
    const member = ['contents:read', 'contents:write', 'contents:delete', 'keys:read', 'keys:write'];
    expect(defaultKeyScopes(member)).toEqual([...member].sort());
  });

  it('drops administration permissions and splits keys:* into its non-admin actions', () => {
    expect(defaultKeyScopes(['audit:read', 'users:read', 'keys:read'])).toEqual(['audit:read', 'keys:read']);
    expect(defaultKeyScopes(['keys:*', 'roles:*', 'contents:*'])).toEqual(['contents:*', 'keys:read', 'keys:write']);
  });

  it('keeps a custom permission that is not administration', () => {
    expect(defaultKeyScopes(['reports:read', 'users:write'])).toEqual(['reports:read']);
  });
});

describe('instanceOnly', () => {
  it('names user and workspace administration, which only instance roles carry', () => {
    expect(instanceOnly(['users:read', 'workspaces:*', 'users:*', 'contents:read'])).toEqual(['users:read', 'workspaces:*', 'users:*']);
  });

  it('leaves * and every workspace permission alone', () => {
    expect(instanceOnly(['*', 'members:*', 'roles:write', 'audit:read', 'keys:admin'])).toEqual([]);
  });
});

import { NO_QUOTA } from '../access/limits/quota.js';
import type { JwtPrincipal } from '../access/principal.js';
import { isInstanceAdmin, refuseLastOwner, refusePersonal, refuseRemoval, refuseUnlessOwner, refusesWithoutTwoFactor } from './workspace.policies.js';

const user = { id: 'u1', email: 'a@example.com', name: 'A', roles: [], active: true, createdAt: new Date(0), twoFactorEnabled: false };
const jwt = (permissions: string[]): JwtPrincipal => ({ authMethod: 'jwt', user, permissions, sessionId: '00000000-0000-4000-8000-00000000005e' });

describe('isInstanceAdmin', () => {
  it('is true for a signed-in holder of *', () => {
    expect(isInstanceAdmin(jwt(['*']))).toBe(true);
  });

  it('is false for anything narrower, and for a key', () => {
    expect(isInstanceAdmin(jwt(['users:*', 'roles:*']))).toBe(false);
    const key = { id: 'k', name: 'k', keyPrefix: 'kw_1', scopes: ['*'], rateLimit: 1, expiresAt: null, workspaceId: '00000000-0000-4000-8000-0000000000ff', quota: NO_QUOTA };
    expect(isInstanceAdmin({ authMethod: 'api_key', user, permissions: ['*'], apiKey: key })).toBe(false);
  });
});

describe('refuseLastOwner', () => {
  it('refuses to demote or remove the only owner', () => {
    expect(() => refuseLastOwner('owner', 'admin', 1)).toThrow(expect.objectContaining({ code: 'member.last_owner' }));
    expect(() => refuseLastOwner('owner', null, 1)).toThrow(expect.objectContaining({ code: 'member.last_owner' }));
  });

  it('lets an owner go when another stays, and never minds other roles', () => {
    expect(() => refuseLastOwner('owner', null, 2)).not.toThrow();
    expect(() => refuseLastOwner('owner', 'owner', 1)).not.toThrow();
    expect(() => refuseLastOwner('admin', null, 1)).not.toThrow();
  });
});

describe('refuseRemoval', () => {
  it('lets anyone leave', () => {
    expect(() => refuseRemoval('u1', 'u1', [])).not.toThrow();
  });

  it('needs members:write to remove someone else', () => {
    expect(() => refuseRemoval('u1', 'u2', ['members:read'])).toThrow(expect.objectContaining({ code: 'permission.denied' }));
    expect(() => refuseRemoval('u1', 'u2', ['members:*'])).not.toThrow();
  });
});

describe('refuseUnlessOwner and refusePersonal', () => {
  it('lets only an owner delete', () => {
    expect(() => refuseUnlessOwner('admin')).toThrow(expect.objectContaining({ code: 'permission.denied' }));
    expect(() => refuseUnlessOwner('owner')).not.toThrow();
  });

  it('refuses what a personal workspace cannot do', () => {
    expect(() => refusePersonal({ personal: true }, 'no')).toThrow(expect.objectContaining({ code: 'workspace.personal' }));
    expect(() => refusePersonal({ personal: false }, 'no')).not.toThrow();
  });
});

describe('refusesWithoutTwoFactor', () => {
  it('refuses a signed-in member without two-factor where the workspace requires it', () => {
    expect(refusesWithoutTwoFactor(jwt([]), true, false)).toBe(true);
  });

  it('admits them with two-factor on, anywhere it is not required, and keys always', () => {
    expect(refusesWithoutTwoFactor(jwt([]), true, true)).toBe(false);
    expect(refusesWithoutTwoFactor(jwt([]), false, false)).toBe(false);
    const key = { id: 'k', name: 'k', keyPrefix: 'kw_1', scopes: ['*'], rateLimit: 1, expiresAt: null, workspaceId: '00000000-0000-4000-8000-0000000000ff', quota: NO_QUOTA };
    expect(refusesWithoutTwoFactor({ authMethod: 'api_key', user, permissions: [], apiKey: key }, true, false)).toBe(false);
  });
});

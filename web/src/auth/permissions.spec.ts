import { covers, grantableScopes, hasPermission, isPermission } from './permissions';

describe('hasPermission', () => {
  it('grants anything to a holder of *', () => {
    expect(hasPermission(['*'], 'audit:read')).toBe(true);
  });

  it('grants an exact match', () => {
    expect(hasPermission(['keys:read', 'keys:write'], 'keys:write')).toBe(true);
  });

  it('refuses a permission the user does not hold', () => {
    expect(hasPermission(['keys:read'], 'keys:write')).toBe(false);
  });

  it('refuses everything when nothing is granted', () => {
    expect(hasPermission([], 'keys:read')).toBe(false);
  });

  it('lets resource:* cover any action on that resource', () => {
    expect(hasPermission(['contents:*'], 'contents:delete')).toBe(true);
  });

  it('does not let contents:* cover contentsx:read', () => {
    expect(hasPermission(['contents:*'], 'contentsx:read')).toBe(false);
  });

  it('does not let resource:* cover another resource', () => {
    expect(hasPermission(['contents:*'], 'keys:read')).toBe(false);
  });

  it('does not let a narrower grant cover *', () => {
    expect(covers('keys:*', '*')).toBe(false);
  });
});

describe('isPermission', () => {
  it.each(['*', 'keys:read', 'keys:*', 'my-res:do_it'])('accepts %s', (value) => {
    expect(isPermission(value)).toBe(true);
  });

  it.each(['', 'keys', 'Keys:read', 'keys:', ':read', 'keys:read:extra', '*:read', 'keys:re ad'])('rejects "%s"', (value) => {
    expect(isPermission(value)).toBe(false);
  });
});

describe('grantableScopes', () => {
  it("offers a workspace's * holder the built-in permissions a key can carry, without the instance-only users:*", () => {
    expect(grantableScopes(['*'])).toEqual([
      'contents:read', 'contents:write', 'contents:delete', 'keys:read', 'keys:write', 'keys:admin', 'keys:verify', 'roles:read', 'roles:write', 'audit:read',
    ]);
  });

  it('offers only what the user holds, sorted and without duplicates', () => {
    expect(grantableScopes(['keys:write', 'contents:read', 'keys:write'])).toEqual(['contents:read', 'keys:write']);
  });
});

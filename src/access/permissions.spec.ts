import { covers, effectivePermissions, hasPermission, isPermission, normalizePermissions, scopesBeyond, scopesNotHeld } from './permissions.js';

describe('covers', () => {
  it('lets * cover any permission, including another wildcard', () => {
    expect(covers('*', 'contents:read')).toBe(true);
    expect(covers('*', 'contents:*')).toBe(true);
    expect(covers('*', '*')).toBe(true);
  });

  it('lets resource:* cover every action of that resource only', () => {
    expect(covers('contents:*', 'contents:read')).toBe(true);
    expect(covers('contents:*', 'contents:*')).toBe(true);
    expect(covers('contents:*', 'keys:read')).toBe(false);
  });

  it('does not let contents:* cover a resource that merely starts the same', () => {
    expect(covers('contents:*', 'contentsx:read')).toBe(false);
    expect(covers('content:*', 'contents:read')).toBe(false);
  });

  it('never lets a narrower grant cover a wider one', () => {
    expect(covers('contents:read', 'contents:*')).toBe(false);
    expect(covers('contents:*', '*')).toBe(false);
    expect(covers('contents:read', '*')).toBe(false);
  });

  it('matches exact permissions and nothing else', () => {
    expect(covers('contents:read', 'contents:read')).toBe(true);
    expect(covers('contents:read', 'contents:write')).toBe(false);
    expect(covers('contents:read', 'contents:readx')).toBe(false);
  });
});

describe('hasPermission', () => {
  it('is false for no grants', () => {
    expect(hasPermission([], 'contents:read')).toBe(false);
  });

  it('is true when any grant covers the permission', () => {
    expect(hasPermission(['keys:read', 'contents:*'], 'contents:delete')).toBe(true);
  });
});

describe('isPermission', () => {
  it.each(['*', 'contents:read', 'contents:*', 'my-thing:do_it'])('accepts %s', (value) => {
    expect(isPermission(value)).toBe(true);
  });

  it.each(['', 'contents', 'contents:', ':read', '*:read', 'Contents:read', 'a:b:c', 'contents:read ', 42, null])(
    'rejects %s',
    (value) => {
      expect(isPermission(value)).toBe(false);
    },
  );
});

describe('normalizePermissions', () => {
  it('drops duplicates and grants covered by broader ones', () => {
    expect(normalizePermissions(['contents:read', 'contents:*', 'contents:read', 'keys:read'])).toEqual(['contents:*', 'keys:read']);
    expect(normalizePermissions(['keys:read', '*'])).toEqual(['*']);
  });
});

describe('effectivePermissions', () => {
  const member = ['contents:read', 'contents:write', 'contents:delete', 'keys:read', 'keys:write'];

  it('gives a key scoped to * everything its owner has', () => {
    expect(effectivePermissions(member, ['*'])).toEqual(normalizePermissions(member));
  });

  it('narrows an admin owner to the key scopes', () => {
    expect(effectivePermissions(['*'], ['contents:read'])).toEqual(['contents:read']);
    expect(effectivePermissions(['*'], ['contents:*', 'audit:read'])).toEqual(['audit:read', 'contents:*']);
  });

  it('expands a resource wildcard scope only to what the owner holds', () => {
    expect(effectivePermissions(member, ['contents:*'])).toEqual(['contents:delete', 'contents:read', 'contents:write']);
  });

  it('drops scopes the owner no longer holds', () => {
    expect(effectivePermissions(['contents:read'], ['contents:write', 'contents:read'])).toEqual(['contents:read']);
    expect(effectivePermissions([], ['*'])).toEqual([]);
  });

  it('keeps a narrow scope under a wildcard owner grant', () => {
    expect(effectivePermissions(['contents:*'], ['contents:read', 'keys:read'])).toEqual(['contents:read']);
  });
});

describe('scopesBeyond', () => {
  it('lists the scopes the owner does not hold', () => {
    expect(scopesBeyond(['contents:read', 'keys:read'], ['contents:read', 'contents:write', '*'])).toEqual(['contents:write', '*']);
    expect(scopesBeyond(['*'], ['audit:read', '*'])).toEqual([]);
  });

  it('does not treat a complete set of actions as holding the resource wildcard', () => {
    expect(scopesBeyond(['contents:read', 'contents:write', 'contents:delete'], ['contents:*'])).toEqual(['contents:*']);
  });
});

describe('scopesNotHeld', () => {
  const member = ['contents:read', 'contents:write', 'contents:delete', 'keys:read', 'keys:write'];

  it('accepts wildcard scopes that narrow to something the owner holds', () => {
    expect(scopesNotHeld(member, ['*', 'contents:*', 'contents:read'])).toEqual([]);
  });

  it('refuses scopes that share nothing with the owner', () => {
    expect(scopesNotHeld(member, ['audit:read', 'audit:*', 'contents:read'])).toEqual(['audit:read', 'audit:*']);
    expect(scopesNotHeld([], ['*'])).toEqual(['*']);
  });

  it('accepts anything for an admin', () => {
    expect(scopesNotHeld(['*'], ['audit:read', 'roles:*'])).toEqual([]);
  });
});

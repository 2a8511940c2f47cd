import { customPermissions, permissionGroups, permissionProblem, roleNameProblem } from './role-form';

describe('permissionGroups', () => {
  it('groups the built-in permissions by resource', () => {
    expect(permissionGroups()[0]).toEqual({ resource: 'contents', permissions: ['contents:read', 'contents:write', 'contents:delete'] });
    expect(permissionGroups().map((g) => g.resource)).toEqual(['contents', 'keys', 'users', 'roles', 'audit']);
  });
});

describe('customPermissions', () => {
  it('keeps only what the checkboxes cannot show', () => {
    expect(customPermissions(['*', 'keys:read', 'keys:*', 'reports:read', 'reports:*'])).toEqual(['reports:read', 'reports:*']);
  });
});

describe('permissionProblem', () => {
  it('accepts a well-formed custom permission', () => {
    expect(permissionProblem('reports:read', [])).toBeNull();
  });

  it('refuses a malformed permission', () => {
    expect(permissionProblem('Reports', [])).toMatch(/resource:action/);
  });

  it('refuses a duplicate', () => {
    expect(permissionProblem('reports:read', ['reports:read'])).toBe('Already in the list');
  });
});

describe('roleNameProblem', () => {
  it.each(['support', 'on-call', 'team_2'])('accepts %s', (name) => expect(roleNameProblem(name)).toBeNull());
  it.each(['a', 'Support', '2fa', 'with space', ''])('refuses "%s"', (name) => expect(roleNameProblem(name)).not.toBeNull());
});

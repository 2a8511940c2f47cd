import { isBuiltInWorkspaceRole, permissionsInWorkspace, workspaceRolePermissions } from './workspace-roles.js';

describe('workspaceRolePermissions', () => {
  it('gives a built-in role its catalogue whatever a custom row says', () => {
    expect(workspaceRolePermissions('owner', ['contents:read'])).toEqual(['*']);
    expect(workspaceRolePermissions('auditor', null)).toEqual(['audit:read', 'members:read', 'keys:read']);
  });

  it('gives a custom role its own permissions, and none when it is gone', () => {
    expect(workspaceRolePermissions('editor', ['contents:write'])).toEqual(['contents:write']);
    expect(workspaceRolePermissions('editor', null)).toEqual([]);
  });

  it('knows the five built-ins and nothing inherited', () => {
    expect(['owner', 'admin', 'member', 'viewer', 'auditor'].every(isBuiltInWorkspaceRole)).toBe(true);
    expect(isBuiltInWorkspaceRole('toString')).toBe(false);
  });
});

describe('permissionsInWorkspace', () => {
  it('narrows the role by scopes when the credential has some', () => {
    expect(permissionsInWorkspace(['contents:*', 'keys:read'], ['contents:read'])).toEqual(['contents:read']);
  });

  it('keeps the role whole for a signed-in user', () => {
    expect(permissionsInWorkspace(['contents:*'], undefined)).toEqual(['contents:*']);
  });
});

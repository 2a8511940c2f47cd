import { mayManageMember, workspaceAbilities } from './workspace-abilities';

describe('workspaceAbilities', () => {
  it('lets an owner do everything, including naming owners and deleting the workspace', () => {
    expect(workspaceAbilities('owner')).toEqual({
      readMembers: true,
      manageMembers: true,
      deleteWorkspace: true,
      assignableRoles: ['owner', 'admin', 'member', 'viewer', 'auditor'],
      custom: false,
    });
  });

  it('lets an admin manage members with every role but owner, and not delete the workspace', () => {
    const admin = workspaceAbilities('admin');
    expect(admin).toMatchObject({ readMembers: true, manageMembers: true, deleteWorkspace: false });
    expect(admin.assignableRoles).toEqual(['admin', 'member', 'viewer', 'auditor']);
  });

  it('lets an auditor read the members but change nothing', () => {
    expect(workspaceAbilities('auditor')).toMatchObject({ readMembers: true, manageMembers: false, deleteWorkspace: false, assignableRoles: [] });
  });

  it.each(['member', 'viewer'])('shows a %s no members at all', (role) => {
    expect(workspaceAbilities(role)).toMatchObject({ readMembers: false, manageMembers: false, deleteWorkspace: false, assignableRoles: [] });
  });

  it('leaves a custom role to the server: it may try to read, and gets no controls', () => {
    expect(workspaceAbilities('release-manager')).toEqual({ readMembers: true, manageMembers: false, deleteWorkspace: false, assignableRoles: [], custom: true });
  });
});

describe('mayManageMember', () => {
  it('lets an admin manage admins and below, but not an owner', () => {
    expect(mayManageMember('admin', 'admin')).toBe(true);
    expect(mayManageMember('admin', 'viewer')).toBe(true);
    expect(mayManageMember('admin', 'owner')).toBe(false);
  });

  it('lets an owner manage another owner', () => {
    expect(mayManageMember('owner', 'owner')).toBe(true);
  });

  it('lets nobody without members:write manage anyone', () => {
    expect(mayManageMember('auditor', 'viewer')).toBe(false);
    expect(mayManageMember('member', 'viewer')).toBe(false);
  });
});

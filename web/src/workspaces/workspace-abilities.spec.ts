import { BUILT_IN_WORKSPACE_ROLES } from '../../../src/workspaces/roles/workspace-roles';
import { mayManageMember, permissionsKnownFor, workspaceAbilities, type WorkspaceRoleName } from './workspace-abilities';

/** A built-in role with the permissions the server reports for it. */
const abilitiesOf = (role: WorkspaceRoleName) => workspaceAbilities(role, BUILT_IN_WORKSPACE_ROLES[role].permissions);

describe('workspaceAbilities', () => {
  it('lets an owner do everything, including naming owners and deleting the workspace', () => {
    expect(abilitiesOf('owner')).toEqual({
      readMembers: true,
      manageMembers: true,
      deleteWorkspace: true,
      assignableRoles: ['owner', 'admin', 'member', 'viewer', 'auditor'],
    });
  });

  it('lets an admin manage members with every role but owner, and not delete the workspace', () => {
    const admin = abilitiesOf('admin');
    expect(admin).toMatchObject({ readMembers: true, manageMembers: true, deleteWorkspace: false });
    expect(admin.assignableRoles).toEqual(['admin', 'member', 'viewer', 'auditor']);
  });

  it('lets an auditor read the members but change nothing', () => {
    expect(abilitiesOf('auditor')).toMatchObject({ readMembers: true, manageMembers: false, deleteWorkspace: false, assignableRoles: [] });
  });

  it.each(['member', 'viewer'] as const)('shows a %s no members at all', (role) => {
    expect(abilitiesOf(role)).toMatchObject({ readMembers: false, manageMembers: false, deleteWorkspace: false, assignableRoles: [] });
  });

  it('gives a custom role the controls its permissions allow, and only the roles it covers to hand out', () => {
    expect(workspaceAbilities('team-lead', ['members:*', 'contents:*', 'keys:read', 'keys:write'])).toEqual({
      readMembers: true,
      manageMembers: true,
      deleteWorkspace: false,
      assignableRoles: ['member', 'viewer'],
    });
  });

  it('gives a custom role without members permissions no members at all', () => {
    expect(workspaceAbilities('release-manager', ['contents:read'])).toMatchObject({ readMembers: false, manageMembers: false, assignableRoles: [] });
  });
});

describe('mayManageMember', () => {
  it('lets an admin manage admins and below, but not an owner', () => {
    expect(mayManageMember(abilitiesOf('admin'), 'admin')).toBe(true);
    expect(mayManageMember(abilitiesOf('admin'), 'viewer')).toBe(true);
    expect(mayManageMember(abilitiesOf('admin'), 'owner')).toBe(false);
  });

  it('lets an owner manage another owner', () => {
    expect(mayManageMember(abilitiesOf('owner'), 'owner')).toBe(true);
  });

  it('lets a manager manage a member holding a custom role', () => {
    expect(mayManageMember(abilitiesOf('admin'), 'release-manager')).toBe(true);
  });

  it('lets nobody without members:write manage anyone', () => {
    expect(mayManageMember(abilitiesOf('auditor'), 'viewer')).toBe(false);
    expect(mayManageMember(abilitiesOf('member'), 'viewer')).toBe(false);
  });
});

describe('permissionsKnownFor', () => {
  it('knows a built-in role’s permissions without asking the server', () => {
    expect(permissionsKnownFor('admin', [])).toEqual(BUILT_IN_WORKSPACE_ROLES.admin.permissions);
    expect(permissionsKnownFor('member', ['audit:read'])).toEqual(BUILT_IN_WORKSPACE_ROLES.member.permissions);
  });

  it('leaves a custom role to the server, which alone knows what it grants', () => {
    expect(permissionsKnownFor('release-manager', [])).toBeNull();
  });

  it('leaves an instance admin to the server: they act as owner wherever they are, whatever their membership', () => {
    expect(permissionsKnownFor('member', ['*'])).toBeNull();
  });
});

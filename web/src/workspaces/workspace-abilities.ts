import { hasPermission } from '../auth/permissions';
import { BUILT_IN_WORKSPACE_ROLES, isBuiltInWorkspaceRole } from '../../../src/workspaces/roles/workspace-roles';

/** The built-in workspace roles, highest first (the role select offers them in this order). */
export const WORKSPACE_ROLES = ['owner', 'admin', 'member', 'viewer', 'auditor'] as const;

export type WorkspaceRoleName = (typeof WORKSPACE_ROLES)[number];

export interface WorkspaceAbilities {
  /** The members and pending invitations can be listed (members:read). */
  readMembers: boolean;
  /** Invite, change roles, remove members, rename the workspace (members:write). */
  manageMembers: boolean;
  /** Only owners delete a workspace. */
  deleteWorkspace: boolean;
  /** The built-in roles this caller may hand out: none with a permission they lack (so only owners name owners). */
  assignableRoles: WorkspaceRoleName[];
  /** A custom role: its permissions are the server's to know, so the page asks and shows what it answers. */
  custom: boolean;
}

const permissionsOf = (role: WorkspaceRoleName): readonly string[] => BUILT_IN_WORKSPACE_ROLES[role].permissions;

/**
 * What the members and settings pages offer to someone holding `role` in the workspace (README
 * "Workspaces"). The server still decides; this only keeps controls that would be refused out of sight.
 */
export function workspaceAbilities(role: string): WorkspaceAbilities {
  if (!isBuiltInWorkspaceRole(role)) {
    return { readMembers: true, manageMembers: false, deleteWorkspace: false, assignableRoles: [], custom: true };
  }
  const mine = permissionsOf(role);
  const manageMembers = hasPermission(mine, 'members:write');
  return {
    readMembers: hasPermission(mine, 'members:read'),
    manageMembers,
    deleteWorkspace: role === 'owner',
    assignableRoles: manageMembers ? WORKSPACE_ROLES.filter((r) => permissionsOf(r).every((p) => hasPermission(mine, p))) : [],
    custom: false,
  };
}

/** May someone holding `myRole` change or remove a member holding `theirRole`? Not one above them (an owner, for an admin). */
export function mayManageMember(myRole: string, theirRole: string): boolean {
  const abilities = workspaceAbilities(myRole);
  if (!abilities.manageMembers) return false;
  if (!isBuiltInWorkspaceRole(theirRole)) return true;
  return abilities.assignableRoles.includes(theirRole);
}

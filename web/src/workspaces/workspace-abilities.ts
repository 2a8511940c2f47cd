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
}

const permissionsOf = (role: WorkspaceRoleName): readonly string[] => BUILT_IN_WORKSPACE_ROLES[role].permissions;

/**
 * What the members and settings pages offer to someone holding `role` in the workspace, with
 * `permissions` there as the server reports them (a custom role's too). The server still decides;
 * this only keeps controls that would be refused out of sight.
 */
export function workspaceAbilities(role: string, permissions: readonly string[]): WorkspaceAbilities {
  const manageMembers = hasPermission(permissions, 'members:write');
  return {
    readMembers: hasPermission(permissions, 'members:read'),
    manageMembers,
    deleteWorkspace: role === 'owner',
    assignableRoles: manageMembers ? WORKSPACE_ROLES.filter((r) => permissionsOf(r).every((p) => hasPermission(permissions, p))) : [],
  };
}

/** May someone with these abilities change or remove a member holding `theirRole`? Not one above them (an owner, for an admin). */
export function mayManageMember(mine: WorkspaceAbilities, theirRole: string): boolean {
  if (!mine.manageMembers) return false;
  if (!isBuiltInWorkspaceRole(theirRole)) return true;
  return mine.assignableRoles.includes(theirRole);
}

/**
 * What `role` grants in a workspace when the console can tell without asking the server: a
 * built-in role's catalogue. Null for a custom role, and for an instance admin, who acts as owner
 * in every workspace whatever their membership (API.md §9): the server answers for those.
 */
export function permissionsKnownFor(role: string, instancePermissions: readonly string[]): readonly string[] | null {
  if (instancePermissions.includes('*') || !isBuiltInWorkspaceRole(role)) return null;
  return BUILT_IN_WORKSPACE_ROLES[role].permissions;
}

import { effectivePermissions } from '../../access/permissions.js';

/** The workspace roles every workspace has (API.md §9); custom ones live in workspace_roles. */
export const BUILT_IN_WORKSPACE_ROLES = {
  owner: { description: 'Everything in the workspace, including deleting it and naming owners', permissions: ['*'] },
  admin: {
    description: 'Manages members, roles, every member’s keys, apps and the audit log',
    permissions: ['contents:*', 'keys:*', 'members:*', 'roles:*', 'audit:read', 'apps:*', 'keys:verify'],
  },
  member: { description: 'Manages contents and their own API keys', permissions: ['contents:read', 'contents:write', 'contents:delete', 'keys:read', 'keys:write'] },
  viewer: { description: 'Reads contents; manages their own API keys', permissions: ['contents:read', 'keys:read', 'keys:write'] },
  auditor: { description: 'Reviews the audit log, the members and their keys', permissions: ['audit:read', 'members:read', 'keys:read'] },
} as const satisfies Record<string, { description: string; permissions: readonly string[] }>;

export type BuiltInWorkspaceRole = keyof typeof BUILT_IN_WORKSPACE_ROLES;
export const OWNER: BuiltInWorkspaceRole = 'owner';

export function isBuiltInWorkspaceRole(name: string): name is BuiltInWorkspaceRole {
  return Object.hasOwn(BUILT_IN_WORKSPACE_ROLES, name);
}

/**
 * What a workspace role grants: a built-in's catalogue, else the custom role's permissions
 * (none when the custom role is gone). Built-in names always mean the built-in.
 */
export function workspaceRolePermissions(role: string, customPermissions: readonly string[] | null): string[] {
  if (isBuiltInWorkspaceRole(role)) return [...BUILT_IN_WORKSPACE_ROLES[role].permissions];
  return [...(customPermissions ?? [])];
}

/** A credential's permissions in a workspace: the role's, narrowed by the credential's scopes if it has any. */
export function permissionsInWorkspace(rolePermissions: readonly string[], scopes: readonly string[] | undefined): string[] {
  return scopes ? effectivePermissions(rolePermissions, scopes) : [...rolePermissions];
}

import { BUILT_IN_PERMISSIONS, isPermission } from '../auth/permissions';

export const ROLE_NAME = /^[a-z][a-z0-9_-]{1,49}$/;
export const MAX_ROLE_DESCRIPTION = 500;

export interface PermissionGroup {
  resource: string;
  permissions: string[];
}

/** The built-in permissions by resource, for the editor's rows: contents → read, write, delete. */
export function permissionGroups(): PermissionGroup[] {
  const groups = new Map<string, string[]>();
  for (const permission of BUILT_IN_PERMISSIONS) {
    const resource = permission.split(':')[0];
    groups.set(resource, [...(groups.get(resource) ?? []), permission]);
  }
  return [...groups].map(([resource, permissions]) => ({ resource, permissions }));
}

/** Permissions the checkboxes do not show (custom resources), listed separately so none is lost on save. */
export function customPermissions(permissions: string[]): string[] {
  const shown = new Set<string>(['*', ...BUILT_IN_PERMISSIONS, ...permissionGroups().map((g) => `${g.resource}:*`)]);
  return permissions.filter((permission) => !shown.has(permission));
}

export function permissionProblem(candidate: string, current: string[]): string | null {
  if (!isPermission(candidate)) return 'Write a permission as resource:action, e.g. reports:read or reports:*';
  if (current.includes(candidate)) return 'Already in the list';
  return null;
}

export function roleNameProblem(name: string): string | null {
  return ROLE_NAME.test(name) ? null : 'Use 2–50 lowercase letters, digits, - or _, starting with a letter';
}

import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { isBuiltInWorkspaceRole, workspaceRolePermissions } from './workspace-roles.js';

/** The permissions of a role of the workspace (built-in or its own custom one); null when it has none of that name. */
export async function rolePermissions(manager: EntityManager, workspaceId: string, role: string): Promise<string[] | null> {
  if (isBuiltInWorkspaceRole(role)) return workspaceRolePermissions(role, null);
  const [custom] = await manager.query<Array<{ permissions: string[] }>>(
    'SELECT permissions FROM workspace_roles WHERE workspace_id = $1 AND name = $2',
    [workspaceId, role],
  );
  return custom?.permissions ?? null;
}

/** As rolePermissions(), for a role someone is being given: one the workspace lacks is 404 role.not_found. */
export async function existingRolePermissions(manager: EntityManager, workspaceId: string, role: string): Promise<string[]> {
  const permissions = await rolePermissions(manager, workspaceId, role);
  if (!permissions) throw new AppError('role.not_found');
  return permissions;
}

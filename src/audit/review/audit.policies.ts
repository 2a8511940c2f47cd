import { type Caller, callerPermissions } from '../../access/caller.js';
import { hasPermission } from '../../access/permissions.js';
import { AppError } from '../../common/errors/app-error.js';
import type { Visibility } from './audit-filter.js';

/** Instance audit:read, held by a signed-in operator: every workspace's log and the instance's. */
export const isInstanceAuditor = (caller: Caller): boolean => caller.principal.authMethod === 'jwt' && hasPermission(caller.principal.permissions, 'audit:read');

/**
 * Whether a read spans the whole instance: `?all=true` (instance audit:read, else 403), or an
 * instance auditor's un-prefixed call naming no workspace, which read everything before
 * workspaces existed and still does.
 */
export function readsInstanceWide(caller: Caller, asked: { all?: boolean; namedWorkspace: boolean }): boolean {
  if (asked.all && !isInstanceAuditor(caller)) throw new AppError('permission.denied', 'all=true reads every workspace: it takes instance audit:read', [{ required: 'audit:read' }]);
  return isInstanceAuditor(caller) && (asked.all === true || !asked.namedWorkspace);
}

/** Whether the call named its workspace (path or X-Workspace) rather than falling back to the personal one. */
export const namedWorkspace = (ws: string | undefined, header: string | undefined): boolean => ws !== undefined || header !== undefined;

/** What of the audit log a caller sees in the workspace of the call (Visibility). */
export function visibilityOf(caller: Caller, instanceWide = false): Visibility {
  if (instanceWide) return { everything: true };
  const workspaceId = caller.workspace?.id;
  if (hasPermission(callerPermissions(caller), 'audit:read')) return workspaceId ? { everything: false, workspaceId } : { everything: true };
  return { everything: false, userId: caller.principal.user.id, ...(workspaceId && { workspaceId }) };
}

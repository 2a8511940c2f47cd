import type { Principal } from '../access/principal.js';
import { hasPermission } from '../access/permissions.js';
import { AppError } from '../common/errors/app-error.js';
import { OWNER } from './roles/workspace-roles.js';

/** An instance admin (`*` among the instance roles) acts as `owner` in every workspace. */
export function isInstanceAdmin(principal: Principal): boolean {
  return principal.authMethod === 'jwt' && principal.permissions.includes('*');
}

/** A workspace keeps at least one owner: nobody leaves, is removed or is demoted if they are the last. */
export function refuseLastOwner(currentRole: string, nextRole: string | null, owners: number): void {
  if (currentRole === OWNER && nextRole !== OWNER && owners <= 1) throw new AppError('member.last_owner');
}

/** Anyone may leave; removing someone else takes `members:write` there. */
export function refuseRemoval(callerId: string, memberId: string, permissions: readonly string[]): void {
  if (callerId === memberId || hasPermission(permissions, 'members:write')) return;
  throw new AppError('permission.denied', undefined, [{ required: 'members:write' }]);
}

/** A key policy rules over every member's keys, as keys:admin does: changing it takes that as well as the settings' members:write. */
export function refuseKeyPolicyChange(permissions: readonly string[]): void {
  if (!hasPermission(permissions, 'keys:admin')) throw new AppError('permission.denied', 'Changing the key policy takes keys:admin', [{ required: 'keys:admin' }]);
}

/** Deleting a workspace is its owners' decision alone (an admin's `members:*` is not enough). */
export function refuseUnlessOwner(role: string): void {
  if (role !== OWNER) throw new AppError('permission.denied', 'Only an owner can delete a workspace', [{ required: 'owner' }]);
}

/** A personal workspace has its owner and nobody else, and lives as long as they do. */
export function refusePersonal(workspace: { personal: boolean }, message: string): void {
  if (workspace.personal) throw new AppError('workspace.personal', message);
}

/**
 * A workspace that requires two-factor sign-in refuses people who signed in without it; keys
 * and other credentials are not people and keep working (API.md §10).
 */
export function refusesWithoutTwoFactor(principal: Principal, required: boolean, hasTwoFactor: boolean): boolean {
  return required && principal.authMethod === 'jwt' && !hasTwoFactor;
}

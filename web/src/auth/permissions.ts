/** Permissions are `resource:action`; `*` grants everything, `resource:*` every action on one resource. */

// One implementation of wildcard matching for the server and the console.
export { covers, hasPermission, isPermission, KNOWN_PERMISSIONS as BUILT_IN_PERMISSIONS } from '../../../src/access/permissions';
import { KNOWN_PERMISSIONS as BUILT_IN_PERMISSIONS } from '../../../src/access/permissions';
import { instanceOnly } from '../../../src/access/administration';

/** The built-in permissions a key may carry: a key acts in a workspace, where instance-only ones (`users:*`) mean nothing. */
export const WORKSPACE_SCOPES = BUILT_IN_PERMISSIONS.filter((permission) => instanceOnly([permission]).length === 0);

/**
 * The scopes a user may put on a key, as checkbox options, from their permissions in the key's
 * workspace. Someone holding `*` there picks from the built-in workspace permissions; everyone
 * else from exactly what they hold (wildcards included).
 */
export function grantableScopes(permissions: readonly string[]): string[] {
  if (permissions.includes('*')) return [...WORKSPACE_SCOPES];
  return [...new Set(permissions)].sort();
}

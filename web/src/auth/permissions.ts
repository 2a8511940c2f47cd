/** Permissions are `resource:action`; `*` grants everything, `resource:*` every action on one resource. */

// One implementation of wildcard matching for the server and the console.
export { covers, hasPermission, isPermission, KNOWN_PERMISSIONS as BUILT_IN_PERMISSIONS } from '../../../src/access/permissions';
import { KNOWN_PERMISSIONS as BUILT_IN_PERMISSIONS } from '../../../src/access/permissions';

/**
 * The scopes a user may put on a key, as checkbox options. Someone holding `*` picks from the
 * built-in list; everyone else from exactly what they hold (wildcards included).
 */
export function grantableScopes(permissions: readonly string[]): string[] {
  if (permissions.includes('*')) return [...BUILT_IN_PERMISSIONS];
  return [...new Set(permissions)].sort();
}

/** Permissions are `resource:action`; `*` grants everything, `resource:*` every action on one resource. */

export const BUILT_IN_PERMISSIONS = [
  'contents:read',
  'contents:write',
  'contents:delete',
  'keys:read',
  'keys:write',
  'keys:admin',
  'users:read',
  'users:write',
  'roles:read',
  'roles:write',
  'audit:read',
] as const;

const PERMISSION_PATTERN = /^(\*|[a-z][a-z0-9_-]{0,49}:(\*|[a-z][a-z0-9_-]{0,49}))$/;

export function isPermission(value: string): boolean {
  return PERMISSION_PATTERN.test(value);
}

/** Does the single grant `granted` include `wanted`? */
export function covers(granted: string, wanted: string): boolean {
  if (granted === '*' || granted === wanted) return true;
  if (wanted === '*' || !granted.endsWith(':*')) return false;
  // Keep the colon in the prefix so that `contents:*` never covers `contentsx:read`.
  return wanted.startsWith(granted.slice(0, -1));
}

export function hasPermission(granted: readonly string[], wanted: string): boolean {
  return granted.some((grant) => covers(grant, wanted));
}

/**
 * The scopes a user may put on a key, as checkbox options. Someone holding `*` picks from the
 * built-in list; everyone else from exactly what they hold (wildcards included).
 */
export function grantableScopes(permissions: readonly string[]): string[] {
  if (permissions.includes('*')) return [...BUILT_IN_PERMISSIONS];
  return [...new Set(permissions)].sort();
}

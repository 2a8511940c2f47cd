import { covers, KNOWN_PERMISSIONS, normalizePermissions } from './permissions.js';

/**
 * Permissions that administer other people: users, roles, workspace members and apps, and
 * everyone's keys (API.md §5) — and keys:verify (§12), which reads any key's owner and metadata:
 * a service's credential, never an ordinary key's by default. A key gets them only when they are
 * asked for by name (or as "*").
 */
export const ADMINISTRATION_PERMISSIONS = ['users:*', 'roles:*', 'members:*', 'apps:*', 'keys:admin', 'keys:verify'] as const;

export function isAdministration(permission: string): boolean {
  return ADMINISTRATION_PERMISSIONS.some((admin) => covers(admin, permission));
}

/**
 * A key's scopes when its creator names none: everything the owner holds except administration,
 * written out. A grant that spans administration (`*`, `keys:*`) is replaced by the catalogue
 * permissions it covers that are not administration, so the key cannot grow into them later.
 */
export function defaultKeyScopes(ownerPermissions: readonly string[]): string[] {
  const scopes = ownerPermissions.flatMap((grant) => {
    if (isAdministration(grant)) return [];
    if (!ADMINISTRATION_PERMISSIONS.some((admin) => covers(grant, admin))) return [grant];
    return KNOWN_PERMISSIONS.filter((known) => covers(grant, known) && !isAdministration(known));
  });
  return normalizePermissions(scopes);
}

/** Permissions only an instance role carries (API.md §9): a workspace role or a key never holds them. */
export const INSTANCE_ONLY_PERMISSIONS = ['users:*', 'workspaces:*'] as const;

/** The permissions among `permissions` that only an instance role may hold (`*` is not one: in a workspace it means every workspace permission). */
export function instanceOnly(permissions: readonly string[]): string[] {
  return permissions.filter((permission) => INSTANCE_ONLY_PERMISSIONS.some((only) => covers(only, permission) || covers(permission, only)) && permission !== '*');
}

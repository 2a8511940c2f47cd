/**
 * Permissions are `resource:action`. `*` grants everything; `resource:*` every action on one
 * resource. Pure functions: the guard, key scopes and role management all use these.
 */

export const KNOWN_PERMISSIONS = [
  'contents:read',
  'contents:write',
  'contents:delete',
  'keys:read',
  'keys:write',
  'keys:admin',
  'keys:verify',
  'users:read',
  'users:write',
  'roles:read',
  'roles:write',
  'audit:read',
] as const;

const PERMISSION_PATTERN = /^(\*|[a-z][a-z0-9_-]{0,49}:(\*|[a-z][a-z0-9_-]{0,49}))$/;

export function isPermission(value: unknown): value is string {
  return typeof value === 'string' && PERMISSION_PATTERN.test(value);
}

/** Does the grant `granted` include the permission `wanted`? Both may be wildcards. */
export function covers(granted: string, wanted: string): boolean {
  if (granted === '*' || granted === wanted) return true;
  if (wanted === '*') return false;
  if (!granted.endsWith(':*')) return false;
  const resource = granted.slice(0, -1); // keeps the colon: "contents:" never matches "contentsx:read"
  return wanted.startsWith(resource);
}

export function hasPermission(granted: readonly string[], wanted: string): boolean {
  for (const grant of granted) if (covers(grant, wanted)) return true;
  return false;
}

/** Drops duplicates and grants already covered by a broader one; sorted for stable output. */
export function normalizePermissions(permissions: readonly string[]): string[] {
  const unique = [...new Set(permissions)];
  return unique.filter((p) => !unique.some((other) => other !== p && covers(other, p))).sort();
}

/**
 * What a key may do: the owner's permissions narrowed by the key's scopes, with wildcards on
 * both sides. `["*"]` as scopes means "everything the owner has".
 */
export function effectivePermissions(ownerPermissions: readonly string[], scopes: readonly string[]): string[] {
  const result: string[] = [];
  for (const scope of scopes) {
    for (const owned of ownerPermissions) {
      if (covers(scope, owned)) result.push(owned);
      else if (covers(owned, scope)) result.push(scope);
    }
  }
  return normalizePermissions(result);
}

/** The scopes in `requested` that `owned` does not cover: a key may never exceed its owner. */
export function scopesBeyond(owned: readonly string[], requested: readonly string[]): string[] {
  return requested.filter((scope) => !hasPermission(owned, scope));
}

/**
 * The key scopes in `requested` that share nothing with `owned`. A scope only ever narrows its
 * owner (see effectivePermissions), so a wildcard scope is fine as long as the owner holds
 * something under it; `audit:read` for an owner without it is refused.
 */
export function scopesNotHeld(owned: readonly string[], requested: readonly string[]): string[] {
  return requested.filter((scope) => !owned.some((grant) => covers(grant, scope) || covers(scope, grant)));
}

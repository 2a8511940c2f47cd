import { KNOWN_PERMISSIONS, isPermission, normalizePermissions } from '../access/permissions.js';

// What an OAuth app may be registered with (API.md §11). Pure functions: the DTO validators and
// the authorization server both ask them.

export const OAUTH_APP_TYPES = ['confidential', 'public'] as const;
export type OAuthAppType = (typeof OAUTH_APP_TYPES)[number];

/** The scope aliases of API.md §11 and the permission patterns each stands for. */
export const SCOPE_ALIASES = {
  read: ['*:read'],
  write: ['*:write'],
  delete: ['*:delete'],
  admin: ['members:*', 'roles:*', 'apps:*'],
} as const satisfies Record<string, readonly string[]>;

export const DEFAULT_APP_SCOPES = ['read'];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
export const MAX_REDIRECT_URI_LENGTH = 2000;

/**
 * A redirect URI an app may register: absolute https, or plain http on a loopback host (native
 * and development clients, RFC 8252 §7.3). No fragment (RFC 6749 §3.1.2), no credentials, no
 * wildcard: the authorization server compares it byte for byte.
 */
export function isRedirectUri(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_REDIRECT_URI_LENGTH || value.includes('*')) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.hash || value.includes('#') || url.username || url.password) return false;
  if (url.protocol === 'https:') return url.hostname !== '';
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

export function isScopeAlias(value: string): value is keyof typeof SCOPE_ALIASES {
  return Object.hasOwn(SCOPE_ALIASES, value);
}

/** A scope token an app may ask for: an alias or a permission (`contents:read`, `keys:*`). */
export function isOAuthScope(value: unknown): value is string {
  return typeof value === 'string' && (isScopeAlias(value) || isPermission(value));
}

/**
 * The permissions a set of scope tokens grants, aliases expanded against the known permissions.
 * `*:read` is not a permission pattern `covers` understands, so the aliases are expanded here.
 */
export function scopePermissions(scopes: readonly string[]): string[] {
  const granted: string[] = [];
  for (const scope of scopes) {
    if (!isScopeAlias(scope)) {
      granted.push(scope);
      continue;
    }
    for (const pattern of SCOPE_ALIASES[scope]) {
      if (!pattern.startsWith('*:')) granted.push(pattern);
      else granted.push(...[...KNOWN_PERMISSIONS, 'members:read', 'members:write', 'apps:read', 'apps:write'].filter((p) => p.endsWith(pattern.slice(1))));
    }
  }
  return normalizePermissions(granted);
}

/** Scope tokens as stored: duplicates dropped, in a stable order. */
export function normalizeScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes)].sort();
}

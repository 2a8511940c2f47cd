import { covers } from '../../../src/access/permissions';
import { isScopeAlias, SCOPE_ALIASES } from '../../../src/oauth/oauth-app.policies';

/**
 * What an OAuth scope lets an app do, in words a person consents to (API.md §11: scopes are the
 * aliases read, write, delete, admin, or permission names). The consent page says where.
 */

const EVERYTHING = 'Do anything you can do in the workspace';

const ALIAS_SENTENCES: Record<keyof typeof SCOPE_ALIASES, string> = {
  read: 'Read everything you can read in the workspace',
  write: 'Create and change anything you can change in the workspace',
  delete: 'Delete anything you can delete in the workspace',
  admin: 'Manage the workspace’s members, roles and OAuth apps',
};

// In the order a person reads them: the workspace's content first, its administration last.
const PERMISSION_SENTENCES: Record<string, string> = {
  'contents:read': 'Read content',
  'contents:write': 'Create and edit content',
  'contents:delete': 'Delete content',
  'keys:read': 'See API keys',
  'keys:write': 'Create, change and revoke API keys',
  'keys:admin': 'Manage every member’s API keys',
  'keys:verify': 'Check API keys for other services',
  'members:read': 'See who is in the workspace',
  'members:write': 'Invite and remove members, and change their roles',
  'roles:read': 'See the workspace’s roles',
  'roles:write': 'Create and change roles',
  'apps:read': 'See OAuth apps',
  'apps:write': 'Register, change and delete OAuth apps',
  'audit:read': 'Read the audit log',
};

const RESOURCE_NOUNS: Record<string, string> = {
  contents: 'content',
  keys: 'API keys',
  members: 'members',
  roles: 'roles',
  apps: 'OAuth apps',
  audit: 'the audit log',
};

const ORDER = Object.keys(PERMISSION_SENTENCES);
const rank = (permission: string) => {
  const resource = permission.split(':')[0];
  const exact = ORDER.indexOf(permission);
  if (exact >= 0) return exact;
  const first = ORDER.findIndex((known) => known.startsWith(`${resource}:`));
  return first >= 0 ? first - 0.5 : ORDER.length; // a resource's wildcard before its actions; unknown ones last
};

function aliasCovers(alias: keyof typeof SCOPE_ALIASES, permission: string): boolean {
  return SCOPE_ALIASES[alias].some((pattern) => (pattern.startsWith('*:') ? permission.endsWith(pattern.slice(1)) : covers(pattern, permission)));
}

/** One scope in words: an alias, a permission, a resource wildcard, or (unknown) the permission's name. */
export function describeScope(scope: string): string {
  if (scope === '*') return EVERYTHING;
  if (isScopeAlias(scope)) return ALIAS_SENTENCES[scope];
  if (PERMISSION_SENTENCES[scope]) return PERMISSION_SENTENCES[scope];
  const [resource, action] = scope.split(':');
  if (action === '*' && RESOURCE_NOUNS[resource]) return `Do anything with ${RESOURCE_NOUNS[resource]}`;
  return `Use the ${scope} permission`;
}

/**
 * The sentences for the scopes an app asks for, each once: the aliases first, then the permissions
 * in reading order, leaving out any a broader scope in the same request already says.
 */
export function describeScopes(scopes: readonly string[]): string[] {
  const unique = [...new Set(scopes)];
  if (unique.includes('*')) return [EVERYTHING];
  const aliases = (Object.keys(ALIAS_SENTENCES) as Array<keyof typeof SCOPE_ALIASES>).filter((alias) => unique.includes(alias));
  const permissions = unique
    .filter((scope) => !isScopeAlias(scope))
    .filter((scope) => !aliases.some((alias) => aliasCovers(alias, scope)))
    .filter((scope) => !unique.some((other) => other !== scope && !isScopeAlias(other) && covers(other, scope)))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return [...aliases, ...permissions].map(describeScope);
}

import { KNOWN_PERMISSIONS } from '../../access/permissions.js';
import { SCOPE_ALIASES } from '../oauth-app.policies.js';

const WORKSPACE_PERMISSIONS = [...KNOWN_PERMISSIONS, 'members:read', 'members:write', 'apps:read', 'apps:write'];
const RESOURCE_WILDCARDS = [...new Set(WORKSPACE_PERMISSIONS.map((permission) => `${permission.split(':')[0]}:*`))];

/**
 * Every scope token the authorization server knows: the aliases, each permission and each
 * resource wildcard. What one app may ask for is narrower: its registered scopes.
 */
export const OAUTH_SCOPES = [...Object.keys(SCOPE_ALIASES), ...WORKSPACE_PERMISSIONS, ...RESOURCE_WILDCARDS];

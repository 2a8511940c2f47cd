import type { ApiKey, AuditEvent, CreatedApiKey, Invitation, MeResponse, Role, User, Workspace } from '../api/types';
import { BUILT_IN_WORKSPACE_ROLES, isBuiltInWorkspaceRole } from '../../../src/workspaces/roles/workspace-roles';
import type { MemberRow } from '../workspaces/workspaces-api';

/** API objects as the server would answer them, overridable per test. */

export function newKey(id: string, overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id, name: `key ${id}`, description: '', keyPrefix: `kw_${id.padEnd(8, '0')}`, scopes: ['keys:read'], rateLimit: 1000, allowedIps: [],
    metadata: {}, active: true, status: 'active', validFrom: null, expiresAt: null, revokedAt: null, lastUsedAt: null, lastUsedIp: null,
    usageCount: 0, rotatedFromId: null, createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z', userId: 'u1', workspaceId: 'w1', credits: null, limits: [], ...overrides,
  };
}

export function newCreatedKey(id: string, overrides: Partial<CreatedApiKey> = {}): CreatedApiKey {
  const key = newKey(id, overrides);
  return { key: `${key.keyPrefix}_${'a'.repeat(32)}AbCdE1`, message: 'Save this key securely. It will not be shown again.', ...key, ...overrides };
}

export function newEvent(id: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id, occurredAt: '2026-11-23T10:00:00.000Z', type: 'api_key.used', severity: 'info', userId: 'u1', apiKeyId: 'k1',
    keyPrefix: 'kw_a1b2c3d4', ip: '203.0.113.7', userAgent: 'curl/8', method: 'GET', path: '/api/v1/contents', statusCode: 200,
    details: { latencyMs: 4 }, workspaceId: 'w1', ...overrides,
  };
}

export function newUser(id: string, overrides: Partial<User> = {}): User {
  return { id, email: `${id}@example.com`, name: '', roles: ['member'], active: true, createdAt: '2026-11-01T10:00:00.000Z', twoFactorEnabled: false, ...overrides };
}

export const BUILT_IN_ROLES: Role[] = [
  { name: 'admin', description: 'Everything', permissions: ['*'], builtIn: true },
  { name: 'auditor', description: 'Reads the audit log', permissions: ['audit:read', 'users:read', 'keys:read'], builtIn: true },
  { name: 'member', description: 'The default role', permissions: ['contents:read', 'contents:write', 'contents:delete', 'keys:read', 'keys:write'], builtIn: true },
];

export function newWorkspace(id: string, overrides: Partial<Workspace> = {}): Workspace {
  return {
    id, slug: id, name: `Workspace ${id}`, personal: false, role: 'owner', requireTwoFactor: false, plan: { maxRateLimit: 10000, maxKeysPerUser: 50 },
    keyPolicy: { maxLifetimeDays: null, requireIpAllowlist: false, allowedScopes: null, maxRateLimit: null },
    createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z', ...overrides,
  };
}

/** What a built-in workspace role grants, as the server reports it (a custom role: nothing, unless a test says otherwise). */
export const rolePermissions = (role: string): string[] => (isBuiltInWorkspaceRole(role) ? [...BUILT_IN_WORKSPACE_ROLES[role].permissions] : []);

/** GET /auth/me asked about `workspace` (X-Workspace): my role there and its permissions. */
export function newMe(user: User, workspace: Workspace, permissions = rolePermissions(workspace.role)): MeResponse {
  const { id, slug, name, role } = workspace;
  return { user, authMethod: 'jwt', permissions, instancePermissions: [], workspace: { id, slug, name, role } };
}

/** A member as the members list answers it (the `id` the console adds is the user's). */
export function newMember(userId: string, role: string, overrides: Partial<MemberRow['user']> = {}): MemberRow {
  return { id: userId, user: { id: userId, email: `${userId}@example.com`, name: '', ...overrides }, role, joinedAt: '2026-11-02T10:00:00.000Z' };
}

export function newInvitation(id: string, overrides: Partial<Invitation> = {}): Invitation {
  return { id, email: `${id}@example.com`, role: 'member', expiresAt: '2030-01-01T00:00:00.000Z', createdAt: '2026-11-20T10:00:00.000Z', ...overrides };
}

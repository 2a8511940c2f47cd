import type { ApiKey, AuditEvent, CreatedApiKey, Role, User } from '../api/types';

/** API objects as the server would answer them, overridable per test. */

export function newKey(id: string, overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id, name: `key ${id}`, description: '', keyPrefix: `kw_${id.padEnd(8, '0')}`, scopes: ['keys:read'], rateLimit: 1000, allowedIps: [],
    metadata: {}, active: true, status: 'active', validFrom: null, expiresAt: null, revokedAt: null, lastUsedAt: null, lastUsedIp: null,
    usageCount: 0, rotatedFromId: null, createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z', userId: 'u1', ...overrides,
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
    details: { latencyMs: 4 }, ...overrides,
  };
}

export function newUser(id: string, overrides: Partial<User> = {}): User {
  return { id, email: `${id}@example.com`, name: '', roles: ['member'], active: true, createdAt: '2026-11-01T10:00:00.000Z', ...overrides };
}

export const BUILT_IN_ROLES: Role[] = [
  { name: 'admin', description: 'Everything', permissions: ['*'], builtIn: true },
  { name: 'auditor', description: 'Reads the audit log', permissions: ['audit:read', 'users:read', 'keys:read'], builtIn: true },
  { name: 'member', description: 'The default role', permissions: ['contents:read', 'contents:write', 'contents:delete', 'keys:read', 'keys:write'], builtIn: true },
];

import type { MeResponse } from '../auth/auth.dto.js';

const user = {
  id: '0b5a7c1e-8d2f-4a6b-9c3d-1e2f3a4b5c6d',
  email: 'benchmark@example.com',
  name: 'Benchmark',
  roles: ['member'],
  active: true,
  createdAt: new Date('2026-11-23T10:00:00.000Z'),
  twoFactorEnabled: false,
};
const permissions = ['contents:delete', 'contents:read', 'contents:write', 'keys:read', 'keys:write'];
const workspace = { id: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b', slug: 'benchmark', name: 'Benchmark', role: 'member' };

/** GET /auth/me's answer for a member, as a JWT and as a key with all the member's permissions. */
export const SAMPLE_ME: { jwt: MeResponse; apiKey: MeResponse } = {
  jwt: { user, authMethod: 'jwt', permissions, instancePermissions: [], workspace },
  apiKey: {
    user,
    authMethod: 'api_key',
    permissions,
    instancePermissions: [],
    workspace,
    apiKey: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', name: 'benchmark', keyPrefix: 'kw_a1b2c3d4', scopes: ['*'], rateLimit: 1_000_000_000, expiresAt: null },
  },
};

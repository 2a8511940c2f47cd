import { NO_QUOTA } from '../access/limits/quota.js';
import type { Principal } from '../access/principal.js';
import { accessLevel, accessLine } from './access-log.js';

describe('accessLine', () => {
  const principal: Principal = {
    user: { id: 'u1', email: 'a@b.c', name: '', roles: [], active: true, createdAt: new Date(), twoFactorEnabled: false },
    authMethod: 'api_key',
    permissions: [],
    apiKey: { id: 'k1', name: 'n', keyPrefix: 'kw_a1b2c3d4', scopes: ['*'], rateLimit: 10, expiresAt: null, workspaceId: '00000000-0000-4000-8000-0000000000ff', quota: NO_QUOTA },
  };

  it('records id, method, redacted path, status, latency and the principal without its email', () => {
    expect(accessLine({ id: 'r1', method: 'GET', url: '/api/v1/auth/me?apikey=secret' }, 200, 1.23456, principal)).toEqual({
      reqId: 'r1',
      method: 'GET',
      path: '/api/v1/auth/me?apikey=[REDACTED]',
      status: 200,
      responseTime: 1.23,
      principal: { userId: 'u1', authMethod: 'api_key', keyPrefix: 'kw_a1b2c3d4' },
    });
  });

  it('leaves the principal out for anonymous requests', () => {
    expect(accessLine({ id: 'r2', method: 'GET', url: '/api/v1/ping' }, 200, 0.5)).not.toHaveProperty('principal');
  });
});

describe('accessLevel', () => {
  it('is info for success, warn for client errors, error for server errors', () => {
    expect([200, 304, 401, 429, 500, 503].map(accessLevel)).toEqual(['info', 'info', 'warn', 'warn', 'error', 'error']);
  });
});

import { NO_QUOTA } from './quota.js';
import type { Principal } from '../principal.js';
import { rateLimitPolicy } from './rate-limit-policy.js';

const settings = { userPerHour: 10_000, authPerMinute: 10, windowSeconds: 3600 };
const user = { id: 'u1', email: 'a@b.c', name: '', roles: [], active: true, createdAt: new Date(), twoFactorEnabled: false };
const jwtPrincipal: Principal = { user, authMethod: 'jwt', permissions: [], sessionId: '00000000-0000-4000-8000-00000000005e' };
const keyPrincipal: Principal = {
  user,
  authMethod: 'api_key',
  permissions: [],
  apiKey: { id: 'k1', name: 'n', keyPrefix: 'kw_00000000', scopes: ['*'], rateLimit: 50, expiresAt: null, workspaceId: '00000000-0000-4000-8000-0000000000ff', quota: NO_QUOTA },
};

describe('rateLimitPolicy', () => {
  it('gives a key its own hourly limit, tracked by key', () => {
    expect(rateLimitPolicy(keyPrincipal, false, '1.1.1.1', settings)).toEqual({ tracker: 'key:k1', limit: 50, windowMs: 3_600_000 });
  });

  it('gives a signed-in user USER_RATE_LIMIT per hour, tracked by user', () => {
    expect(rateLimitPolicy(jwtPrincipal, false, '1.1.1.1', settings)).toEqual({ tracker: 'user:u1', limit: 10_000, windowMs: 3_600_000 });
  });

  it('limits sign-in routes per IP per minute', () => {
    expect(rateLimitPolicy(undefined, true, '1.1.1.1', settings)).toEqual({ tracker: 'ip:1.1.1.1', limit: 10, windowMs: 60_000 });
  });

  it('limits an IPv6 client on sign-in routes by its /64, so hopping addresses within it shares one budget', () => {
    expect(rateLimitPolicy(undefined, true, '2001:db8:1:2::1', settings)?.tracker).toBe('ip:2001:db8:1:2::/64');
    expect(rateLimitPolicy(undefined, true, '2001:db8:1:2:ffff::9', settings)?.tracker).toBe('ip:2001:db8:1:2::/64');
  });

  it('leaves other public routes alone', () => {
    expect(rateLimitPolicy(undefined, false, '1.1.1.1', settings)).toBeNull();
  });
});

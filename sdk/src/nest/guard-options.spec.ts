import { MAX_CACHE_TTL_MS, resolveGuardOptions } from './guard-options.js';

const base = { baseUrl: 'https://keys.example.com', serviceKey: 'kw_service' };

describe('resolveGuardOptions', () => {
  it('caches for the bound by default, reads x-api-key and passes the client address on', () => {
    expect(resolveGuardOptions(base)).toMatchObject({ cacheTtlMs: MAX_CACHE_TTL_MS, cacheMaxEntries: 10_000, header: 'x-api-key', forwardClientIp: true, retry: false });
    expect(MAX_CACHE_TTL_MS).toBe(10_000);
  });

  it('takes a shorter cache, or none', () => {
    expect(resolveGuardOptions({ ...base, cacheTtlMs: 500 }).cacheTtlMs).toBe(500);
    expect(resolveGuardOptions({ ...base, cacheTtlMs: 0 }).cacheTtlMs).toBe(0);
  });

  it('refuses a cache longer than the bound, in which a revoked key would still pass', () => {
    expect(() => resolveGuardOptions({ ...base, cacheTtlMs: 10_001 })).toThrow(RangeError);
    expect(() => resolveGuardOptions({ ...base, cacheTtlMs: -1 })).toThrow(RangeError);
  });

  it('refuses options without a service key', () => {
    expect(() => resolveGuardOptions({ ...base, serviceKey: '' })).toThrow('serviceKey is required');
  });

  it('reads a header named in any case', () => {
    expect(resolveGuardOptions({ ...base, header: 'X-Client-Key' }).header).toBe('x-client-key');
  });
});

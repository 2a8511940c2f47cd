import type { ChainedEvent } from '../chain/hash-chain.js';
import { counterNeeds, type DetectorSettings, fires } from './detector-rules.js';

const settings: DetectorSettings = { scopeProbingThreshold: 5, scopeProbingWindowMs: 600_000, rateLimitAbuseThreshold: 3, rateLimitAbuseWindowMs: 86_400_000 };

function event(type: string, details: Record<string, unknown> = {}, overrides: Partial<ChainedEvent> = {}): ChainedEvent {
  return {
    id: 'e',
    occurredAt: new Date(),
    type,
    severity: 'info',
    userId: 'u',
    apiKeyId: 'k',
    keyPrefix: 'kw_00000000',
    ip: '1.2.3.4',
    userAgent: null,
    method: 'GET',
    path: '/',
    statusCode: 200,
    details,
    ...overrides,
  };
}

describe('counterNeeds', () => {
  it('ignores events that are not about a key', () => {
    expect(counterNeeds(event('permission.denied', {}, { apiKeyId: null }), settings)).toEqual([]);
    expect(counterNeeds(event('auth.login'), settings)).toEqual([]);
  });

  it('watches refusals after a proven secret, not plain wrong keys', () => {
    for (const reason of ['revoked', 'disabled', 'expired']) {
      expect(counterNeeds(event('api_key.auth_failed', { reason }), settings).map((n) => n.detector)).toEqual(['revoked_key_used']);
    }
    for (const reason of ['wrong_secret', 'unknown_key', 'malformed', 'ip_not_allowed', 'not_yet_valid']) {
      expect(counterNeeds(event('api_key.auth_failed', { reason }), settings)).toEqual([]);
    }
  });

  it('tracks the IPs of every key use, and query-string transport', () => {
    expect(counterNeeds(event('api_key.used', { transport: 'header' }), settings).map((n) => n.detector)).toEqual(['new_ip']);
    expect(counterNeeds(event('api_key.used', { transport: 'query' }), settings).map((n) => n.detector)).toEqual(['new_ip', 'key_in_url']);
  });

  it('counts denials per key and distinct rate-limit windows per key', () => {
    expect(counterNeeds(event('permission.denied'), settings)[0]).toMatchObject({ detector: 'scope_probing', key: 'det:probe:k', windowMs: 600_000 });
    expect(counterNeeds(event('rate_limit.exceeded', { firstInWindow: true }), settings)[0]).toMatchObject({ detector: 'rate_limit_abuse', key: 'det:rlabuse:k' });
    expect(counterNeeds(event('rate_limit.exceeded', { firstInWindow: false }), settings)).toEqual([]);
  });
});

describe('fires', () => {
  const need = (e: ChainedEvent) => counterNeeds(e, settings)[0];

  it('fires scope probing at exactly the threshold, not below and not again above', () => {
    const probe = need(event('permission.denied'));
    expect([4, 5, 6].map((count) => fires(probe, { count }, settings))).toEqual([false, true, false]);
  });

  it('fires rate-limit abuse when the third window is exceeded', () => {
    const abuse = need(event('rate_limit.exceeded', { firstInWindow: true }));
    expect([2, 3, 4].map((count) => fires(abuse, { count }, settings))).toEqual([false, true, false]);
  });

  it('fires new_ip only for a key that already has history', () => {
    const newIp = need(event('api_key.used'));
    expect(fires(newIp, { added: true, size: 1 }, settings)).toBe(false);
    expect(fires(newIp, { added: true, size: 2 }, settings)).toBe(true);
    expect(fires(newIp, { added: false, size: 2 }, settings)).toBe(false);
  });

  it('fires revoked_key_used and key_in_url on the first occurrence in their window', () => {
    const revoked = need(event('api_key.auth_failed', { reason: 'revoked' }));
    expect([1, 2].map((count) => fires(revoked, { count }, settings))).toEqual([true, false]);
    const inUrl = counterNeeds(event('api_key.used', { transport: 'query' }), settings)[1];
    expect([1, 2].map((count) => fires(inUrl, { count }, settings))).toEqual([true, false]);
  });
});

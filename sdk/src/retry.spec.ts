import { DEFAULT_RETRY, nextRetryDelay, parseRetryAfter, retryPolicyFor } from './retry.js';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const failed = (overrides: Partial<Parameters<typeof nextRetryDelay>[1]> = {}) => ({ attempt: 1, status: 429, retryAfterMs: null, elapsedMs: 0, ...overrides });
const half = () => 0.5;

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP-date as the time left until it, never below zero', () => {
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', NOW)).toBe(5000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:59:00 GMT', NOW)).toBe(0);
  });

  it('answers null for an absent or unreadable header', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter(undefined, NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('-1', NOW)).toBeNull();
  });
});

describe('retryPolicyFor', () => {
  it('retries GET, PUT and DELETE with the defaults', () => {
    for (const method of ['GET', 'PUT', 'DELETE']) expect(retryPolicyFor(method, undefined, undefined)).toEqual(DEFAULT_RETRY);
  });

  it('does not retry POST or PATCH unless the client or the call asks', () => {
    expect(retryPolicyFor('POST', undefined, undefined)).toBeNull();
    expect(retryPolicyFor('PATCH', {}, undefined)).toBeNull();
    expect(retryPolicyFor('POST', undefined, true)).toEqual({ ...DEFAULT_RETRY, nonIdempotent: true });
    expect(retryPolicyFor('PATCH', { nonIdempotent: true }, undefined)).toEqual({ ...DEFAULT_RETRY, nonIdempotent: true });
  });

  it('lets a call turn retries off, or on when the client turned them off', () => {
    expect(retryPolicyFor('GET', undefined, false)).toBeNull();
    expect(retryPolicyFor('GET', false, undefined)).toBeNull();
    expect(retryPolicyFor('GET', false, { maxAttempts: 2 })).toEqual({ ...DEFAULT_RETRY, maxAttempts: 2 });
  });

  it("lays a call's settings over the client's", () => {
    expect(retryPolicyFor('GET', { maxAttempts: 5, baseDelayMs: 100 }, { maxElapsedMs: 1000 })).toEqual({ ...DEFAULT_RETRY, maxAttempts: 5, baseDelayMs: 100, maxElapsedMs: 1000 });
  });

  it('answers null when only one attempt is allowed', () => {
    expect(retryPolicyFor('GET', { maxAttempts: 1 }, undefined)).toBeNull();
  });
});

describe('nextRetryDelay', () => {
  it("waits the server's Retry-After on 429 and on 503", () => {
    expect(nextRetryDelay(DEFAULT_RETRY, failed({ retryAfterMs: 2000 }), half)).toBe(2000);
    expect(nextRetryDelay(DEFAULT_RETRY, failed({ status: 503, retryAfterMs: 1000 }), half)).toBe(1000);
  });

  it('backs off by doubling, with jitter of half to all of it, when there is no Retry-After', () => {
    const policy = { ...DEFAULT_RETRY, maxAttempts: 5, baseDelayMs: 100 };
    expect([1, 2, 3].map((attempt) => nextRetryDelay(policy, failed({ attempt }), () => 1))).toEqual([100, 200, 400]);
    expect(nextRetryDelay(policy, failed({ attempt: 2 }), () => 0)).toBe(100);
  });

  it('gives up on any other status', () => {
    for (const status of [400, 401, 403, 404, 409, 500, 502]) expect(nextRetryDelay(DEFAULT_RETRY, failed({ status }), half)).toBeNull();
  });

  it('gives up after the last attempt', () => {
    expect(nextRetryDelay({ ...DEFAULT_RETRY, maxAttempts: 3 }, failed({ attempt: 2, retryAfterMs: 0 }), half)).toBe(0);
    expect(nextRetryDelay({ ...DEFAULT_RETRY, maxAttempts: 3 }, failed({ attempt: 3, retryAfterMs: 0 }), half)).toBeNull();
  });

  it('gives up when the wait would end past the time budget, as for an hourly limit spent', () => {
    const policy = { ...DEFAULT_RETRY, maxElapsedMs: 10_000 };
    expect(nextRetryDelay(policy, failed({ retryAfterMs: 3_600_000 }), half)).toBeNull();
    expect(nextRetryDelay(policy, failed({ retryAfterMs: 4000, elapsedMs: 6000 }), half)).toBe(4000);
    expect(nextRetryDelay(policy, failed({ retryAfterMs: 4001, elapsedMs: 6000 }), half)).toBeNull();
  });
});

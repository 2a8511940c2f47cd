import type { KeyVerification } from '../types.js';
import { VerdictCache } from './verdict-cache.js';

const T0 = 1_000_000;
const valid = (remaining: number, reset = 3600): KeyVerification => ({ valid: true, keyId: 'k1', rateLimit: { limit: 10, remaining, reset } });
const refused = (code: KeyVerification['code'], reset?: number): KeyVerification => ({ valid: false, code, ...(reset !== undefined && { rateLimit: { limit: 10, remaining: 0, reset } }) });

describe('VerdictCache', () => {
  it('reuses an answer until its TTL ends, then asks again', () => {
    const cache = new VerdictCache(10_000, 100);
    cache.store('q', 'k', valid(5), T0);
    expect(cache.lookup('q', T0 + 9_999).kind).toBe('hit');
    expect(cache.lookup('q', T0 + 10_000).kind).toBe('miss');
  });

  it('keeps a refusal no longer than the TTL either', () => {
    const cache = new VerdictCache(2_000, 100);
    cache.store('q', 'k', refused('api_key.revoked'), T0);
    expect(cache.lookup('q', T0 + 1_999)).toEqual({ kind: 'hit', verdict: refused('api_key.revoked') });
    expect(cache.lookup('q', T0 + 2_000).kind).toBe('miss');
  });

  it('keeps a spent limit only until its window resets', () => {
    const cache = new VerdictCache(10_000, 100);
    cache.store('q', 'k', refused('rate_limit.exceeded', 3), T0);
    expect(cache.lookup('q', T0 + 2_999).kind).toBe('hit');
    expect(cache.lookup('q', T0 + 3_000).kind).toBe('miss');
  });

  it('admits from the cache only as many uses as the key had left, then refuses until the window resets', () => {
    const cache = new VerdictCache(10_000, 100);
    cache.store('q', 'k', valid(2, 5), T0);
    expect([cache.lookup('q', T0).kind, cache.lookup('q', T0).kind]).toEqual(['hit', 'hit']);
    expect(cache.lookup('q', T0 + 1_000)).toEqual({ kind: 'limited', retryAfterMs: 4_000, verdict: valid(2, 5) });
    expect(cache.lookup('q', T0 + 5_000).kind).toBe('miss');
  });

  it("counts the cache's uses across answers of the same window, which Keyward never saw", () => {
    const cache = new VerdictCache(1_000, 100);
    cache.store('q', 'k', valid(3, 60), T0);
    cache.lookup('q', T0);
    cache.lookup('q', T0);
    // Keyward saw one more verification since: 2 left by its count, 2 of them already used here
    cache.store('q', 'k', valid(2, 59), T0 + 1_000);
    expect(cache.lookup('q', T0 + 1_000).kind).toBe('limited');
  });

  it('starts the count afresh in a new window', () => {
    const cache = new VerdictCache(1_000, 100);
    cache.store('q', 'k', valid(1, 2), T0);
    cache.lookup('q', T0);
    cache.store('q', 'k', valid(9, 3600), T0 + 2_000);
    expect(cache.lookup('q', T0 + 2_000).kind).toBe('hit');
  });

  it('shares one budget between the questions about one key', () => {
    const cache = new VerdictCache(10_000, 100);
    cache.store('read', 'k', valid(1), T0);
    cache.store('write', 'k', valid(1), T0);
    expect(cache.lookup('read', T0).kind).toBe('hit');
    expect(cache.lookup('write', T0).kind).toBe('limited');
  });

  it('stores nothing with a TTL of 0', () => {
    const cache = new VerdictCache(0, 100);
    cache.store('q', 'k', valid(5), T0);
    expect(cache.lookup('q', T0).kind).toBe('miss');
  });

  it('forgets the oldest answers past maxEntries', () => {
    const cache = new VerdictCache(10_000, 2);
    for (const id of ['a', 'b', 'c']) cache.store(id, id, refused('api_key.invalid'), T0);
    expect(['a', 'b', 'c'].map((id) => cache.lookup(id, T0).kind)).toEqual(['miss', 'hit', 'hit']);
  });
});

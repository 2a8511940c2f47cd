import { hourOf, UsageBuffer, usageBatchOf, usageRows } from './usage-buffer.js';

const at = (iso: string) => new Date(iso);

describe('UsageBuffer', () => {
  it('folds many requests into one row per key and one per key-hour', () => {
    const buffer = new UsageBuffer();
    buffer.record('k1', 'used', at('2026-11-23T10:05:00Z'), '1.1.1.1');
    buffer.record('k1', 'used', at('2026-11-23T10:50:00Z'), '2.2.2.2');
    buffer.record('k1', 'denied', at('2026-11-23T10:51:00Z'), '3.3.3.3');
    buffer.record('k1', 'rate_limited', at('2026-11-23T11:01:00Z'), '2.2.2.2');
    const batch = buffer.drain();
    expect(batch.keys).toEqual([{ keyId: 'k1', uses: 2, creditsUsed: 0, lastUsedAt: at('2026-11-23T10:50:00Z'), lastUsedIp: '2.2.2.2' }]);
    expect(batch.buckets).toEqual([
      { keyId: 'k1', bucket: at('2026-11-23T10:00:00Z'), requests: 3, denied: 1, rateLimited: 0, creditsUsed: 0, rateLimitedBy: {} },
      { keyId: 'k1', bucket: at('2026-11-23T11:00:00Z'), requests: 1, denied: 0, rateLimited: 1, creditsUsed: 0, rateLimitedBy: {} },
    ]);
    expect(buffer.size).toBe(0);
  });

  it('keeps the latest use as last used, whatever the order of arrival', () => {
    const buffer = new UsageBuffer();
    buffer.record('k1', 'used', at('2026-11-23T10:50:00Z'), 'late');
    buffer.record('k1', 'used', at('2026-11-23T10:05:00Z'), 'early');
    expect(buffer.drain().keys[0].lastUsedIp).toBe('late');
  });

  it('restores a failed batch without losing or doubling counts', () => {
    const buffer = new UsageBuffer();
    buffer.record('k1', 'used', at('2026-11-23T10:05:00Z'), 'a');
    const failed = buffer.drain();
    buffer.record('k1', 'used', at('2026-11-23T10:06:00Z'), 'b');
    buffer.restore(failed);
    const batch = buffer.drain();
    expect(batch.keys).toEqual([{ keyId: 'k1', uses: 2, creditsUsed: 0, lastUsedAt: at('2026-11-23T10:06:00Z'), lastUsedIp: 'b' }]);
    expect(batch.buckets[0].requests).toBe(2);
  });

  it('truncates times to the hour', () => {
    expect(hourOf(at('2026-11-23T10:59:59.999Z'))).toEqual(at('2026-11-23T10:00:00Z'));
  });

  it('splits a batch into rows and puts any subset of them back together as a batch', () => {
    const buffer = new UsageBuffer();
    buffer.record('k1', 'used', at('2026-11-23T10:05:00Z'), 'a');
    buffer.record('k2', 'denied', at('2026-11-23T10:06:00Z'), 'b');
    const batch = buffer.drain();
    const rows = usageRows(batch);
    expect(rows).toHaveLength(3);
    expect(usageBatchOf(rows)).toEqual(batch);
    expect(usageBatchOf(rows.slice(1))).toEqual({ keys: [], buckets: batch.buckets });
  });

  it('keeps the credits a refused request spent, without counting it as a use', () => {
    const buffer = new UsageBuffer();
    buffer.record('k1', 'used', at('2026-11-23T10:05:00Z'), 'a', 3);
    buffer.record('k1', 'denied', at('2026-11-23T10:06:00Z'), 'b', 2);
    const batch = buffer.drain();
    expect(batch.keys).toEqual([{ keyId: 'k1', uses: 1, creditsUsed: 5, lastUsedAt: at('2026-11-23T10:05:00Z'), lastUsedIp: 'a' }]);
    expect(batch.buckets[0]).toMatchObject({ requests: 2, denied: 1, creditsUsed: 5 });
  });

  it('counts refusals by the name of the limit that refused, and folds them back on a failed write', () => {
    const buffer = new UsageBuffer();
    buffer.record('k1', 'rate_limited', at('2026-11-23T10:05:00Z'), 'a', 0, 'writes');
    buffer.record('k1', 'rate_limited', at('2026-11-23T10:06:00Z'), 'a', 0, 'default');
    const failed = buffer.drain();
    buffer.record('k1', 'rate_limited', at('2026-11-23T10:07:00Z'), 'a', 0, 'writes');
    buffer.restore(failed);
    expect(buffer.drain().buckets[0]).toMatchObject({ rateLimited: 3, rateLimitedBy: { writes: 2, default: 1 } });
  });
});

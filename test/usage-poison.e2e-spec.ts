import { randomUUID } from 'node:crypto';
import { KeyUsageRecorder } from '../src/api-keys/usage/key-usage.recorder.js';
import { AuditWriter } from '../src/audit/chain/audit-writer.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { createKey, eventually, register, type Session } from './helpers/factories.js';
import { metricValue } from './helpers/metrics.js';

let app: TestApp;
let owner: Session;
let recorder: KeyUsageRecorder;

beforeAll(async () => {
  app = await startTestApp({ env: { TRUST_PROXY: 'true' } });
  owner = await register(app.api);
  recorder = app.keyward.app.get(KeyUsageRecorder);
});

afterAll(async () => {
  await app.close();
});

async function usageOf(id: string): Promise<{ usageCount: number; lastUsedIp: string | null; requests: number }> {
  const { rows } = await app.db.query(
    `SELECT k.usage_count::int AS "usageCount", k.last_used_ip AS "lastUsedIp", coalesce((SELECT sum(requests)::int FROM api_key_usage WHERE api_key_id = k.id), 0) AS requests
     FROM api_keys k WHERE k.id = $1`,
    [id],
  );
  return rows[0];
}

describe('client addresses are stored normalised and bounded', () => {
  it('stores an over-long or garbage client IP as none, an IPv6 one canonical, and counts every key', async () => {
    const [junk, spaced, v6, plain] = await Promise.all(Array.from({ length: 4 }, () => createKey(app.api, owner.accessToken)));
    recorder.record(junk.id, 'used', `203.0.113.1${'9'.repeat(100)}`);
    recorder.record(spaced.id, 'used', '203.0.113.1, 198.51.100.2');
    recorder.record(v6.id, 'used', '2001:DB8:0:0:0:0:0:1');
    recorder.record(plain.id, 'used', '203.0.113.9');
    await recorder.flush();
    expect(await usageOf(junk.id)).toEqual({ usageCount: 1, lastUsedIp: null, requests: 1 });
    expect(await usageOf(spaced.id)).toEqual({ usageCount: 1, lastUsedIp: null, requests: 1 });
    expect(await usageOf(v6.id)).toEqual({ usageCount: 1, lastUsedIp: '2001:db8::1', requests: 1 });
    expect(await usageOf(plain.id)).toEqual({ usageCount: 1, lastUsedIp: '203.0.113.9', requests: 1 });
  });

  it('keeps counting usage, and auditing, when a request carries a spoofed X-Forwarded-For far longer than an address', async () => {
    const [spoofed, honest] = await Promise.all([createKey(app.api, owner.accessToken), createKey(app.api, owner.accessToken)]);
    const spoof = `${'1'.repeat(80)}.example`;
    expect((await app.api.get('/auth/me', { apiKey: spoofed.key, headers: { 'x-forwarded-for': spoof } })).status).toBe(200);
    expect((await app.api.get('/auth/me', { apiKey: honest.key })).status).toBe(200);
    await recorder.flush();
    await eventually(async () => {
      expect((await usageOf(spoofed.id)).usageCount).toBe(1);
      expect(await usageOf(honest.id)).toEqual({ usageCount: 1, lastUsedIp: '127.0.0.1', requests: 1 });
    });
    expect((await usageOf(spoofed.id)).lastUsedIp?.length ?? 0).toBeLessThanOrEqual(45);
    await app.keyward.app.get(AuditWriter).flush();
    await eventually(async () => {
      const { rows } = await app.db.query(`SELECT ip FROM audit_events WHERE type = 'api_key.used' AND api_key_id = $1`, [spoofed.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].ip === null || rows[0].ip.length <= 45).toBe(true);
    });
  });
});

describe('the usage writer isolates a row PostgreSQL refuses', () => {
  it('drops only the refused rows (a key deleted before the flush, an id that is not one) and writes every other key, once', async () => {
    const [before, after] = await Promise.all([createKey(app.api, owner.accessToken), createKey(app.api, owner.accessToken)]);
    const rejectedBefore = await metricValue(app.url, 'keyward_usage_rows_rejected_total').catch(() => 0);
    recorder.record(before.id, 'used', '203.0.113.10');
    recorder.record(randomUUID(), 'used', '203.0.113.11'); // no such key: its hourly row breaks the foreign key
    recorder.record('not-a-uuid', 'denied', '203.0.113.12');
    recorder.record(after.id, 'used', '203.0.113.13');
    recorder.record(after.id, 'rate_limited', '203.0.113.13');
    await recorder.flush();
    expect(await usageOf(before.id)).toEqual({ usageCount: 1, lastUsedIp: '203.0.113.10', requests: 1 });
    expect(await usageOf(after.id)).toEqual({ usageCount: 1, lastUsedIp: '203.0.113.13', requests: 2 });
    // The unknown key's totals update nothing and pass; its hourly row and the bad id's are refused.
    expect((await metricValue(app.url, 'keyward_usage_rows_rejected_total')) - rejectedBefore).toBe(2);

    // Nothing was put back to be retried: the next flush writes only what came since.
    recorder.record(after.id, 'used', '203.0.113.14');
    await recorder.flush();
    expect(await usageOf(after.id)).toEqual({ usageCount: 2, lastUsedIp: '203.0.113.14', requests: 3 });
    expect((await metricValue(app.url, 'keyward_usage_rows_rejected_total')) - rejectedBefore).toBe(2);
  });
});

import { jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { InvalidationBus } from '../../redis/invalidation.bus.js';
import type { AppConfig } from '../../config/app-config.js';
import { Metrics } from '../../metrics/metrics.js';
import { UserSnapshots } from '../../users/user-snapshots.js';
import { ApiKeyRecords, INDEX_SYNC_MS } from './api-key.records.js';

const KEY_ID = '0a1b2c3d';
const OWNER = '00000000-0000-4000-8000-000000000001';

/** One lookup row (the key joined with its owner and one role), as the database answers it. */
function lookupRow(change: { revokedAt?: Date | null; permissions?: string[] } = {}) {
  return {
    key_uuid: '00000000-0000-4000-8000-00000000000a',
    key_id: KEY_ID,
    key_prefix: `kw_${KEY_ID}`,
    user_id: OWNER,
    key_name: 'k',
    scopes: ['*'],
    rate_limit: 1000,
    allowed_ips: [],
    key_active: true,
    valid_from: null,
    expires_at: null,
    revoked_at: change.revokedAt ?? null,
    key_hash: '00'.repeat(32),
    id: OWNER,
    email: 'owner@example.com',
    name: 'Owner',
    active: true,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    role: 'member',
    permissions: change.permissions ?? ['contents:write'],
  };
}

/**
 * The cache logic against a database whose every query waits until the test answers it, so a
 * change can be made to land while a read is in flight.
 */
function setup(cacheTtlSeconds = 30, syncedIds: string[] = []) {
  const pending: Array<(rows: unknown[]) => void> = [];
  const db = { query: () => new Promise<unknown[]>((resolve) => pending.push(resolve)) } as unknown as DataSource;
  const config = { get: () => ({ cacheTtlSeconds }) } as unknown as ConfigService<AppConfig, true>;
  const bus = new InvalidationBus();
  const snapshots = new UserSnapshots(db, config, bus);
  // The id index's sync: empty at start, then `syncedIds` as keys created since (a lost broadcast).
  const pool = {
    query: async (sql: string) => ({
      rows: sql.includes('string_agg') ? [{ ids: Buffer.alloc(0), newest: null }] : syncedIds.map((key_id) => ({ key_id, newest: new Date() })),
    }),
  } as unknown as pg.Pool;
  const records = new ApiKeyRecords(pool, snapshots, new Metrics(), bus, config);
  records.known(KEY_ID);
  return { records, snapshots, bus, pending };
}

describe('ApiKeyRecords while a read is in flight', () => {
  it('does not re-cache a key record read before a revocation that landed while it was in flight', async () => {
    const { records, bus, pending } = setup();
    const before = records.find(KEY_ID);
    bus.publish({ kind: 'api_key', keyId: KEY_ID }); // the revocation committed; its read is still out
    const after = records.find(KEY_ID);
    expect(pending).toHaveLength(2); // the later request did not join the stale read
    const revokedAt = new Date('2026-06-01T00:00:00Z');
    pending[1]([lookupRow({ revokedAt })]);
    expect((await after)?.revokedAt).toEqual(revokedAt);
    pending[0]([lookupRow()]); // the stale answer arrives last
    expect((await before)?.revokedAt).toBeNull();

    expect((await records.find(KEY_ID))?.revokedAt).toEqual(revokedAt);
    expect(pending).toHaveLength(2);
  });

  it('does not cache the old record when a revocation overtakes a background refresh', async () => {
    // A TTL under the refresh-ahead margin: every cache hit also re-reads the key in the background.
    const { records, bus, pending } = setup(4);
    const first = records.find(KEY_ID);
    pending[0]([lookupRow()]);
    await first;
    expect((await records.find(KEY_ID))?.revokedAt).toBeNull(); // served from the cache; the refresh is out
    expect(pending).toHaveLength(2);
    bus.publish({ kind: 'api_key', keyId: KEY_ID });
    pending[1]([lookupRow()]); // the refresh read the key before the revocation committed
    await new Promise((resolve) => setImmediate(resolve));

    const next = records.find(KEY_ID);
    expect(pending).toHaveLength(3);
    const revokedAt = new Date('2026-06-01T00:00:00Z');
    pending[2]([lookupRow({ revokedAt })]);
    expect((await next)?.revokedAt).toEqual(revokedAt);
  });

  it('does not let a read in flight during a demotion cache the owner as they were', async () => {
    const { records, snapshots, bus, pending } = setup();
    const read = records.find(KEY_ID);
    bus.publish({ kind: 'user', id: OWNER });
    pending[0]([lookupRow({ permissions: ['contents:write'] })]);
    await read;
    expect(snapshots.peek(OWNER)).toBeUndefined();
  });

  it('warms the owner snapshot from a read that nothing overtook', async () => {
    const { records, snapshots, pending } = setup();
    const read = records.find(KEY_ID);
    pending[0]([lookupRow({ permissions: ['contents:read'] })]);
    await read;
    expect(snapshots.peek(OWNER)?.permissions).toEqual(['contents:read']);
  });

  it('does not cache "no such key" from a read that began before the key was created', async () => {
    const { records, bus, pending } = setup();
    const unknownId = 'ffff0000';
    const before = records.find(unknownId);
    bus.publish({ kind: 'api_key_created', keyId: unknownId });
    pending[0]([]);
    expect(await before).toBeNull();
    void records.find(unknownId);
    expect(pending).toHaveLength(2);
  });

  it('does not cache "no such key" from a read in flight when the id sync finds the key (its broadcast lost)', async () => {
    jest.useFakeTimers();
    const unknownId = 'ffff0001';
    const { records, pending } = setup(30, [unknownId]);
    try {
      await records.onModuleInit();
      const before = records.find(unknownId);
      await jest.advanceTimersByTimeAsync(INDEX_SYNC_MS); // the sync lands while the read is out
      pending[0]([]);
      expect(await before).toBeNull();
      void records.find(unknownId);
      expect(pending).toHaveLength(2);
    } finally {
      records.onModuleDestroy();
      jest.useRealTimers();
    }
  });
});

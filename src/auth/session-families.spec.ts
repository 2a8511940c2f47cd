import type { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import { InvalidationBus } from '../redis/invalidation.bus.js';
import type { AppConfig } from '../config/app-config.js';
import { SessionFamilies } from './session-families.js';

const FAMILY = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const USER = '00000000-0000-4000-8000-000000000001';

/** SessionFamilies against a database whose every query waits until the test answers it. */
function setup() {
  const pending: Array<(rows: unknown[]) => void> = [];
  const db = { query: () => new Promise<unknown[]>((resolve) => pending.push(resolve)) } as unknown as DataSource;
  const config = { get: () => ({ cacheTtlSeconds: 30 }) } as unknown as ConfigService<AppConfig, true>;
  const bus = new InvalidationBus();
  return { families: new SessionFamilies(db, bus, config), bus, pending };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('SessionFamilies', () => {
  it('reads a family once, then answers from the cache', async () => {
    const { families, pending } = setup();
    const first = families.isLive(FAMILY, USER);
    await flush();
    pending.shift()?.([{ user_id: USER }]);
    expect(await first).toBe(true);
    expect(await families.isLive(FAMILY, USER)).toBe(true);
    expect(pending).toHaveLength(0);
  });

  it('refuses a live family presented for another user', async () => {
    const { families, pending } = setup();
    const check = families.isLive(FAMILY, '00000000-0000-4000-8000-000000000002');
    await flush();
    pending.shift()?.([{ user_id: USER }]);
    expect(await check).toBe(false);
  });

  it('refuses a cached family at once after its revocation, without a read', async () => {
    const { families, pending } = setup();
    const first = families.isLive(FAMILY, USER);
    await flush();
    pending.shift()?.([{ user_id: USER }]);
    await first;
    families.revoked(FAMILY);
    expect(await families.isLive(FAMILY, USER)).toBe(false);
    expect(pending).toHaveLength(0);
  });

  it('does not cache a read that a revocation overtook', async () => {
    const { families, bus, pending } = setup();
    const inFlight = families.isLive(FAMILY, USER);
    await flush();
    // Delivered from another instance while the read, begun before the revocation committed, is out.
    bus.deliver({ kind: 'session_revoked', familyId: FAMILY });
    pending.shift()?.([{ user_id: USER }]);
    expect(await inFlight).toBe(true);
    expect(await families.isLive(FAMILY, USER)).toBe(false);
  });
});

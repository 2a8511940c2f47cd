import type { ThrottlerStorage } from '@nestjs/throttler';
import type { CounterStore } from '../../counters/counter-store.js';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * @nestjs/throttler's storage as a fixed window over a CounterStore: one atomic increment per
 * request. A request past the limit is blocked until the window resets.
 */
export class CounterThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly counters: CounterStore) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const { count, resetMs } = await this.counters.hit(`rl:${key}`, ttl);
    const seconds = Math.max(1, Math.ceil(resetMs / 1000));
    return { totalHits: count, timeToExpire: seconds, isBlocked: count > limit, timeToBlockExpire: seconds };
  }
}

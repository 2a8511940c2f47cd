import { Logger, type Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../redis/redis.client.js';
import { type CounterStore, MemoryCounterStore } from './counter-store.js';
import { RedisCounterStore } from './redis-counter-store.js';
import { ResilientCounterStore } from './resilient-counter-store.js';

export const COUNTER_STORE = Symbol('COUNTER_STORE');

/** Fallback state, for the metrics: 1 while Redis is away and limits are per instance. */
export const redisFallback = { active: false, activations: 0 };

export const counterStoreProvider: Provider = {
  provide: COUNTER_STORE,
  inject: [REDIS],
  useFactory: (redis: Redis | null): CounterStore => {
    if (!redis) return new MemoryCounterStore();
    const logger = new Logger('RateLimits');
    return new ResilientCounterStore(new RedisCounterStore(redis), new MemoryCounterStore(), () => redis.ping(), {
      onFallback: (error) => {
        redisFallback.active = true;
        redisFallback.activations++;
        logger.warn({ error: String((error as Error)?.message ?? error) }, 'Redis unreachable: rate limits and counters are per instance until it returns');
      },
      onRecovered: () => {
        redisFallback.active = false;
        logger.log('Redis is back: shared rate limits resumed');
      },
    });
  },
};

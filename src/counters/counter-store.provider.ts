import { Logger, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { Metrics } from '../metrics/metrics.js';
import { REDIS } from '../redis/redis.client.js';
import { type CounterStore, MemoryCounterStore } from './counter-store.js';
import { RedisCounterStore } from './redis-counter-store.js';
import { ResilientCounterStore } from './resilient-counter-store.js';

export const COUNTER_STORE = Symbol('COUNTER_STORE');

export const counterStoreProvider: Provider = {
  provide: COUNTER_STORE,
  inject: [REDIS, Metrics, ConfigService],
  useFactory: (redis: Redis | null, metrics: Metrics, config: ConfigService<AppConfig, true>): CounterStore => {
    if (!redis) {
      metrics.gauge('keyward_redis_fallback_active', '1 while Redis is unreachable and limits are per instance', () => 0);
      return new MemoryCounterStore();
    }
    const logger = new Logger('RateLimits');
    let activations = 0;
    const shared = new RedisCounterStore(redis, config.get('redisKeyPrefix', { infer: true }));
    const store = new ResilientCounterStore(shared, new MemoryCounterStore(), () => redis.ping(), {
      onFallback: (error) => {
        activations++;
        logger.warn({ error: String((error as Error)?.message ?? error) }, 'Redis unreachable: rate limits and counters are per instance until it returns');
      },
      onRecovered: () => logger.log('Redis is back: shared rate limits resumed'),
    });
    metrics.gauge('keyward_redis_fallback_active', '1 while Redis is unreachable and limits are per instance', () => (store.usingFallback ? 1 : 0));
    metrics.gauge('keyward_redis_fallback_activations_total', 'Times Redis became unreachable since start', () => activations);
    return store;
  },
};

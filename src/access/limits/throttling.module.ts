import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { BruteForceService } from './brute-force.service.js';
import type { CounterStore } from '../../counters/counter-store.js';
import { COUNTER_STORE, counterStoreProvider } from '../../counters/counter-store.provider.js';
import { CounterThrottlerStorage } from './counter-throttler.storage.js';
import { RateLimitGuard } from './rate-limit.guard.js';

@Global()
@Module({
  providers: [counterStoreProvider, BruteForceService],
  exports: [COUNTER_STORE, BruteForceService],
})
class CountersModule {}

@Module({
  imports: [
    CountersModule,
    ThrottlerModule.forRootAsync({
      imports: [CountersModule],
      inject: [COUNTER_STORE],
      useFactory: (counters: CounterStore) => ({
        storage: new CounterThrottlerStorage(counters),
        throttlers: [
          {
            name: 'default',
            limit: (context) => RateLimitGuard.policy(context)?.limit ?? Number.MAX_SAFE_INTEGER,
            ttl: (context) => RateLimitGuard.policy(context)?.windowMs ?? 60_000,
          },
        ],
      }),
    }),
  ],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard, ThrottlerModule],
})
export class ThrottlingModule {}

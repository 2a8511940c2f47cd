import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditLogModule } from '../../audit/chain/audit-log.module.js';
import type { CounterStore } from '../../counters/counter-store.js';
import { COUNTER_STORE } from '../../counters/counter-store.provider.js';
import { CountersModule } from '../../counters/counters.module.js';
import { BruteForceService } from './brute-force.service.js';
import { CounterThrottlerStorage } from './counter-throttler.storage.js';
import { QuotaGuard } from './quota.guard.js';
import { RateLimitGuard } from './rate-limit.guard.js';

@Module({
  imports: [
    AuditLogModule,
    CountersModule,
    ThrottlerModule.forRootAsync({
      imports: [CountersModule],
      inject: [COUNTER_STORE],
      useFactory: (counters: CounterStore) => ({
        storage: new CounterThrottlerStorage(counters),
        // The one named throttler RateLimitGuard counts under. Its limit and window are never read:
        // the guard passes each request's own, from rateLimitPolicy().
        throttlers: [{ name: 'default', limit: 0, ttl: 0 }],
      }),
    }),
  ],
  providers: [RateLimitGuard, QuotaGuard, BruteForceService],
  exports: [RateLimitGuard, QuotaGuard, BruteForceService, ThrottlerModule, CountersModule],
})
export class ThrottlingModule {}

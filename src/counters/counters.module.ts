import { Module } from '@nestjs/common';
import { COUNTER_STORE, counterStoreProvider } from './counter-store.provider.js';

/** The shared counters (Redis, or memory when alone) behind rate limits, brute force and the detectors. */
@Module({
  providers: [counterStoreProvider],
  exports: [COUNTER_STORE],
})
export class CountersModule {}

import { Global, Module } from '@nestjs/common';
import { HttpMetricsHook } from './http-metrics.hook.js';
import { Metrics } from './metrics.js';

@Global()
@Module({
  providers: [Metrics, HttpMetricsHook],
  exports: [Metrics],
})
export class MetricsModule {}

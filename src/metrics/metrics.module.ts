import { Global, Module } from '@nestjs/common';
import { HttpMetricsHook } from './http-metrics.hook.js';
import { MetricsController } from '../health/metrics.controller.js';
import { Metrics } from './metrics.js';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics, HttpMetricsHook],
  exports: [Metrics],
})
export class MetricsModule {}

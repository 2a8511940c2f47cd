import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from './audit/audit.module.js';
import { BenchModule } from './bench/bench.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { InvalidationBus } from './redis/invalidation.bus.js';
import type { AppConfig } from './config/app-config.js';
import { ContentsModule } from './contents/contents.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { RedisModule } from './redis/redis.module.js';
import { RolesModule } from './roles/roles.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  /** The whole service for one validated configuration (tests build theirs with overrides). */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => config] }),
        LoggingModule,
        MetricsModule,
        DatabaseModule,
        RedisModule,
        AuditModule,
        UsersModule,
        RolesModule,
        AuthModule,
        ContentsModule,
        HealthModule,
        ...(config.benchRoutes ? [BenchModule] : []),
      ],
      providers: [InvalidationBus, { provide: APP_FILTER, useClass: AllExceptionsFilter }],
      exports: [InvalidationBus],
    };
  }
}

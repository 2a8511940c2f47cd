import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlingModule } from './access/limits/throttling.module.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuditDigestsModule } from './audit/digests/audit-digests.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BenchModule } from './bench/bench.module.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import type { AppConfig } from './config/app-config.js';
import { ContentsModule } from './contents/contents.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { OAuthModule } from './oauth/oauth.module.js';
import { RedisModule } from './redis/redis.module.js';
import { RolesModule } from './roles/roles.module.js';
import { UsersModule } from './users/users.module.js';
import { WorkspacesModule } from './workspaces/workspaces.module.js';

/**
 * The whole service, and its map: infrastructure first (the only global modules: configuration,
 * database, Redis, metrics), then access control, then every feature. A feature imports what it
 * uses from another through that module's exports.
 */
@Module({})
export class AppModule {
  /** The whole service for one validated configuration (tests build theirs with overrides). */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => config] }),
        LoggingModule,
        MetricsModule,
        DatabaseModule,
        RedisModule,
        ThrottlingModule,
        AuthModule,
        ApiKeysModule,
        WorkspacesModule,
        UsersModule,
        RolesModule,
        AuditModule,
        AuditDigestsModule,
        ContentsModule,
        OAuthModule,
        HealthModule,
        ...(config.benchRoutes ? [BenchModule] : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}

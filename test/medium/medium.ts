import 'reflect-metadata';
import { type DynamicModule, type INestApplication, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import pg from 'pg';
import type { AppConfig } from '../../src/config/app-config.js';
import type { Env } from '../../src/config/env-parsers.js';
import { BATCH_POOL } from '../../src/database/batch-pool.js';
import { recordAuditRetention } from '../../src/database/database-target.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { MetricsModule } from '../../src/metrics/metrics.module.js';
import { InvalidationBus } from '../../src/redis/invalidation.bus.js';
import { RedisModule } from '../../src/redis/redis.module.js';
import { testConfig } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';

export interface MediumOptions {
  /**
   * The feature module under test, plus every module whose providers it needs (today several
   * come from @Global modules: UsersModule's UserSnapshots, AuditModule's AuditLog, the counters
   * of ThrottlingModule). Config, database, Redis (null without REDIS_URL), metrics and the
   * invalidation bus are always there.
   */
  imports: NonNullable<ModuleMetadata['imports']>;
  env?: Env;
}

export interface Medium {
  /** A provider of the compiled modules: the service under test, or one it works with. */
  get<T>(token: Type<T> | string | symbol): T;
  config: AppConfig;
  /** The same database as its owner, for factories and assertions (the services serve as the serving role). */
  db: pg.Pool;
  close(): Promise<void>;
}

/** What AppModule itself provides to every feature module, besides the modules it imports. */
@Module({})
class MediumRoot {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: MediumRoot,
      global: true,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => config] }),
        DatabaseModule,
        RedisModule,
        MetricsModule,
      ],
      providers: [InvalidationBus],
      exports: [InvalidationBus],
    };
  }
}

/**
 * A service-level test context (immich's "medium" tests): the named feature modules and the
 * database module, against a fresh clone of the migrated database, with the lifecycle the service
 * has in production (init hooks, flushing on close) but no listening socket. Specs call the
 * services directly; the HTTP layer is test/*.e2e-spec.ts's business.
 */
export async function startMedium(options: MediumOptions): Promise<Medium> {
  const databaseUrl = await createTestDatabase();
  const config = testConfig(databaseUrl, options.env);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // As main.ts does before serving: the owner records what the serving role may not change.
  await recordAuditRetention((sql, params) => db.query(sql, params), config.audit.retentionDays);
  const moduleRef = await Test.createTestingModule({ imports: [MediumRoot.forRoot(config), ...options.imports] }).compile();
  // Some providers hook into Fastify on init (key usage, metrics), so the modules run inside an app that never listens.
  const app: INestApplication = moduleRef.createNestApplication(new FastifyAdapter(), { logger: ['error'] });
  await app.init();
  return {
    get: (token) => app.get(token, { strict: false }),
    config,
    db,
    close: async () => {
      const batchPool = app.get<pg.Pool>(BATCH_POOL);
      await app.close();
      await batchPool.end();
      await db.end();
    },
  };
}

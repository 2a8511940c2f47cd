import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { BATCH_POOL, createBatchPool } from './batch-pool.js';
import { dataSourceOptions } from './data-source.js';

function databaseUrl(config: ConfigService<AppConfig, true>): string {
  const url = config.get('database', { infer: true }).url;
  if (!url) throw new Error('database.url must be resolved (embedded or DATABASE_URL) before the app starts');
  return url;
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => {
        const database = config.get('database', { infer: true });
        const options = dataSourceOptions({ url: databaseUrl(config), poolSize: database.poolSize, statementTimeoutMs: database.statementTimeoutMs });
        // Each feature registers the entities it uses (TypeOrmModule.forFeature): this layer names none.
        return { ...options, autoLoadEntities: true };
      },
    }),
  ],
  providers: [
    {
      provide: BATCH_POOL,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        createBatchPool(databaseUrl(config), config.get('database', { infer: true }).statementTimeoutMs),
    },
  ],
  exports: [BATCH_POOL],
})
export class DatabaseModule {}

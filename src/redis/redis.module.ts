import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import { createRedis, REDIS } from './redis.client.js';
import type { AppConfig } from '../config/app-config.js';
import { InvalidationBus } from './invalidation.bus.js';
import { RedisInvalidationTransport } from './redis-invalidation.transport.js';

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');

  constructor(@Inject(REDIS) private readonly redis: Redis | null) {
    redis?.on('ready', () => this.logger.log('connected'));
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => {
        const url = config.get('redisUrl', { infer: true });
        return url ? createRedis(url, 'keyward') : null;
      },
    },
    RedisCloser,
    InvalidationBus,
    RedisInvalidationTransport,
  ],
  exports: [REDIS, InvalidationBus],
})
export class RedisModule {}

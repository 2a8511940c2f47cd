import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type Invalidation, InvalidationBus, type InvalidationTransport } from './invalidation.bus.js';
import type { AppConfig } from '../config/app-config.js';
import { createRedis, REDIS } from './redis.client.js';

interface Envelope {
  from: string;
  event: Invalidation;
}

/**
 * Carries cache invalidations to the other instances over Redis pub/sub, so a key revoked on
 * one is refused by all within a second. If a message is lost, the cache TTL bounds the damage.
 */
@Injectable()
export class RedisInvalidationTransport implements InvalidationTransport, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisInvalidationTransport.name);
  private readonly instanceId = randomUUID();
  private readonly channel: string;
  private subscriber?: Redis;

  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly bus: InvalidationBus,
    private readonly config: ConfigService<AppConfig, true>,
  ) {
    this.channel = `${config.get('redisKeyPrefix', { infer: true })}invalidations`;
  }

  onModuleInit(): void {
    const url = this.config.get('redisUrl', { infer: true });
    if (!this.redis || !url) return;
    // A connection in subscriber mode can do nothing else, so it is a second one.
    this.subscriber = createRedis(url, 'keyward-subscriber');
    this.subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    this.subscriber.on('ready', () => {
      this.subscriber?.subscribe(this.channel).catch(() => undefined);
    });
    this.bus.useTransport(this);
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  async publish(event: Invalidation): Promise<void> {
    await this.redis?.publish(this.channel, JSON.stringify({ from: this.instanceId, event } satisfies Envelope));
  }

  private receive(message: string): void {
    try {
      const { from, event } = JSON.parse(message) as Envelope;
      if (from !== this.instanceId) this.bus.deliver(event);
    } catch {
      this.logger.warn('ignored a malformed invalidation message');
    }
  }
}

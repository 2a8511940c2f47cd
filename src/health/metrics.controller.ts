import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../access/access.decorators.js';
import { AppError } from '../common/errors/app-error.js';
import type { AppConfig } from '../config/app-config.js';
import { Metrics } from '../metrics/metrics.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Prometheus text format at /metrics; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly token?: Buffer;

  constructor(
    private readonly metrics: Metrics,
    config: ConfigService<AppConfig, true>,
  ) {
    const token = config.get('metricsToken', { infer: true });
    this.token = token ? digest(token) : undefined;
  }

  @Public()
  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (this.token) {
      const presented = /^bearer\s+(.+)$/i.exec(authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(presented), this.token)) throw new AppError('auth.required', 'Metrics need the METRICS_TOKEN bearer token');
    }
    const { contentType, body } = await this.metrics.exposition();
    reply.header('content-type', contentType);
    return body;
  }
}

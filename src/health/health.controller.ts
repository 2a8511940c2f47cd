import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthIndicatorFunction, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { Public } from '../access/access.decorators.js';
import { REDIS } from '../redis/redis.client.js';
import { toHealthResponse, type HealthResponse } from './health-response.js';
import { HealthResponseSchema, PongResponse } from './health.responses.js';

const CHECK_TIMEOUT_MS = 2000;

@ApiTags('operations')
@Controller()
export class HealthController {
  private readonly checks: HealthIndicatorFunction[];

  constructor(
    private readonly health: HealthCheckService,
    database: TypeOrmHealthIndicator,
    indicators: HealthIndicatorService,
    @Inject(REDIS) redis: Redis | null,
  ) {
    this.checks = [() => database.pingCheck('database', { timeout: CHECK_TIMEOUT_MS })];
    if (redis) this.checks.push(() => indicators.check('redis').attempt(() => redis.ping().then(() => undefined)).withTimeout(CHECK_TIMEOUT_MS));
  }

  @Public()
  @ApiOkResponse({ type: PongResponse })
  @Get('ping')
  ping(): { pong: true } {
    return { pong: true };
  }

  /** 503 naming the dependency that is down (API.md §8). */
  @Public()
  @ApiOkResponse({ type: HealthResponseSchema })
  @ApiServiceUnavailableResponse({ type: HealthResponseSchema, description: 'a dependency is down' })
  @Get('health')
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check(this.checks);
    } catch (error) {
      result = (error as { getResponse?: () => HealthCheckResult }).getResponse?.() ?? { status: 'error', details: {} };
    }
    const response = toHealthResponse(result);
    reply.status(response.status === 'ok' ? 200 : 503);
    return response;
  }
}

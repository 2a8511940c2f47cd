import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import type { AuthenticatedRequest } from '../access/access.decorators.js';
import { accessLevel, accessLine } from './access-log.js';

/**
 * The access log: one line per response. It asks the logger first, so a level that hides the
 * line costs the request nothing (no child logger, no serialisation).
 */
@Injectable()
export class AccessLogHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly pino: PinoLogger,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const logger = this.pino.logger;
      const level = accessLevel(reply.statusCode);
      if (logger.isLevelEnabled(level)) {
        const line = accessLine(request, reply.statusCode, reply.elapsedTime, (request as AuthenticatedRequest).user);
        logger[level](line, level === 'error' ? 'request failed' : 'request completed');
      }
      done();
    });
  }
}

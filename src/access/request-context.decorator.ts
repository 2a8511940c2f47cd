import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { requestContext } from './request-context.js';

/** The request's ip, user agent, method and redacted path, for the audit events a handler records. */
export const AuditContext = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestContext(context.switchToHttp().getRequest<FastifyRequest>()),
);

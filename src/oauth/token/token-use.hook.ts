import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../../access/access.decorators.js';
import { requestContext } from '../../access/request-context.js';
import { AuditLog } from '../../audit/chain/audit-log.js';

/**
 * When an OAuth-authenticated response has gone out, records `oauth.token_used` with the app, the
 * grant, the status and the latency — whatever guard, handler or filter produced the response.
 * Through AuditLog.record, so uses are written in batches like `api_key.used`, in the chain of
 * the grant's workspace.
 */
@Injectable()
export class TokenUseHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const principal = (request as AuthenticatedRequest).user;
      if (principal?.authMethod === 'oauth') {
        const { grant } = principal;
        this.audit.record({
          type: 'oauth.token_used',
          userId: principal.user.id,
          ...requestContext(request),
          statusCode: reply.statusCode,
          chainId: grant.workspaceId,
          details: { clientId: grant.clientId, grantId: grant.grantId, latencyMs: Math.round(reply.elapsedTime * 100) / 100 },
        });
      }
      done();
    });
  }
}

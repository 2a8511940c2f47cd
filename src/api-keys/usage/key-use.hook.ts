import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { requestContext } from '../../access/request-context.js';
import type { AuthenticatedRequest } from '../../access/access.decorators.js';
import { credentialOf } from '../../access/credentials.js';
import { principalKey, type PrincipalKey } from '../../access/principal.js';
import { creditsSpentOn, refusedByLimit } from '../../access/limits/request-spend.js';
import { KeyUsageRecorder } from './key-usage.recorder.js';
import type { UsageOutcome } from './usage-buffer.js';

function outcomeOf(statusCode: number): UsageOutcome {
  if (statusCode === 429) return 'rate_limited';
  if (statusCode === 401 || statusCode === 403) return 'denied';
  return 'used';
}

/**
 * When a key-authenticated response has gone out, counts the use and records `api_key.used`
 * with its status and latency — whatever guard, handler or filter produced the response.
 */
@Injectable()
export class KeyUseHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly usage: KeyUsageRecorder,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const principal = (request as AuthenticatedRequest).user;
      const key = principal && principalKey(principal);
      if (principal && key) this.recordUse(request, reply, principal.user.id, key);
      done();
    });
  }

  private recordUse(request: FastifyRequest, reply: FastifyReply, userId: string, key: PrincipalKey): void {
    this.usage.record(key.id, outcomeOf(reply.statusCode), request.ip, new Date(), creditsSpentOn.get(request) ?? 0, refusedByLimit.get(request));
    this.audit.record({
      type: 'api_key.used',
      userId,
      apiKeyId: key.id,
      keyPrefix: key.keyPrefix,
      ...requestContext(request),
      statusCode: reply.statusCode,
      // A key's uses are its workspace's events: that workspace's admins review and verify them.
      chainId: key.workspaceId,
      details: { latencyMs: Math.round(reply.elapsedTime * 100) / 100, transport: credentialOf(request)?.transport },
    });
  }
}

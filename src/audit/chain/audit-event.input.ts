import type { FastifyRequest } from 'fastify';
import { redactUrl } from '../../common/redact-url.js';
import type { AuditEventType, Severity } from './audit-event-types.js';

/** What a caller hands the audit log; id, time, severity default and hash are filled in for it. */
export interface AuditEventInput {
  type: AuditEventType;
  severity?: Severity;
  occurredAt?: Date;
  userId?: string | null;
  apiKeyId?: string | null;
  keyPrefix?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  method?: string | null;
  path?: string | null;
  statusCode?: number | null;
  details?: Record<string, unknown>;
}

export type RequestContext = Pick<AuditEventInput, 'ip' | 'userAgent' | 'method' | 'path'>;

/** Where a request came from, as the audit log keeps it: credentials in the URL are redacted. */
export function requestContext(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 500) : null,
    method: request.method,
    path: redactUrl(request.url).slice(0, 1000),
  };
}

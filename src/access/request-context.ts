import type { FastifyRequest } from 'fastify';
import type { AuditEventInput } from '../audit/chain/audit-event.input.js';
import { redactUrl } from '../common/redact-url.js';

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

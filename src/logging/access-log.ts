import { redactUrl } from '../common/redact-url.js';
import { type Principal, principalKey } from '../access/principal.js';

export type AccessLevel = 'info' | 'warn' | 'error';

/** Flat fields: pino-http's serializers own the `req` and `res` keys. */
export interface AccessLine {
  reqId: string;
  method: string;
  path: string;
  status: number;
  responseTime: number;
  principal?: { userId: string; authMethod: string; keyPrefix?: string };
}

export function accessLevel(statusCode: number): AccessLevel {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}

/** One request as the access log records it: never headers or bodies, never a credential. */
export function accessLine(request: { id: string; method: string; url: string }, statusCode: number, elapsedMs: number, principal?: Principal): AccessLine {
  const line: AccessLine = {
    reqId: request.id,
    method: request.method,
    path: redactUrl(request.url),
    status: statusCode,
    responseTime: Math.round(elapsedMs * 100) / 100,
  };
  if (principal) line.principal = { userId: principal.user.id, authMethod: principal.authMethod, keyPrefix: principalKey(principal)?.keyPrefix };
  return line;
}

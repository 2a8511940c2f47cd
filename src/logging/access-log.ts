import { redactUrl } from '../common/redact-url.js';
import type { Principal } from '../access/principal.js';

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

/** The log sits below the access layer, so it tells the kinds apart itself (tsc checks the switch). */
function keyPrefixOf(principal: Principal): string | undefined {
  switch (principal.authMethod) {
    case 'jwt':
    case 'oauth':
      return undefined;
    case 'api_key':
      return principal.apiKey.keyPrefix;
    default: {
      const unknownKind: never = principal;
      return unknownKind;
    }
  }
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
  if (principal) line.principal = { userId: principal.user.id, authMethod: principal.authMethod, keyPrefix: keyPrefixOf(principal) };
  return line;
}

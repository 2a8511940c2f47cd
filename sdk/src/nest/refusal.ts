import type { KeyVerification, KeywardErrorBody, KeywardErrorCode } from '../types.js';

/** What the guard answers instead of the route: API.md §1's status and body, and Retry-After (seconds) on 429 and 503. */
export interface Refusal {
  status: number;
  body: KeywardErrorBody;
  retryAfter?: number;
}

/** The messages of the codes a guard answers with, as Keyward words them (refusal.spec.ts compares them with its catalogue). */
export const GUARD_MESSAGES = {
  'auth.required': 'Authentication required',
  'api_key.invalid': 'API key is invalid',
  'api_key.expired': 'API key has expired',
  'api_key.disabled': 'API key is disabled',
  'api_key.revoked': 'API key has been revoked',
  'api_key.not_yet_valid': 'API key is not valid yet',
  'api_key.owner_not_member': 'The owner of this API key is no longer a member of its workspace',
  'user.disabled': 'User account is disabled',
  'permission.denied': 'Permission denied',
  'api_key.ip_not_allowed': 'Client IP is not allowed for this API key',
  'rate_limit.exceeded': 'Rate limit exceeded',
  'service.unavailable': 'Service temporarily unavailable',
} as const satisfies Partial<Record<KeywardErrorCode, string>>;

/** 429 for a spent limit, 403 for a key that is known but may not do this, 401 for any key that does not authenticate. */
export function statusOfRefusal(code: KeywardErrorCode): number {
  if (code === 'rate_limit.exceeded' || code === 'auth.too_many_attempts') return 429;
  if (code === 'permission.denied' || code === 'api_key.ip_not_allowed') return 403;
  if (code === 'service.unavailable') return 503;
  return 401;
}

export function refusalOf(code: KeywardErrorCode, path: string, now: Date, extra: { details?: Record<string, unknown>[]; retryAfter?: number } = {}): Refusal {
  const body: KeywardErrorBody = {
    statusCode: statusOfRefusal(code),
    code,
    message: (GUARD_MESSAGES as Partial<Record<KeywardErrorCode, string>>)[code] ?? 'API key refused',
    path,
    timestamp: now.toISOString(),
  };
  if (extra.details?.length) body.details = extra.details;
  return { status: body.statusCode, body, ...(extra.retryAfter !== undefined && { retryAfter: extra.retryAfter }) };
}

/** The refusal for a key Keyward answered `valid: false` about: the code it would get, what it lacks, when its limit resets. */
export function refusalOfVerdict(verdict: KeyVerification, path: string, now: Date): Refusal {
  const code = verdict.code ?? 'api_key.invalid';
  return refusalOf(code, path, now, {
    details: code === 'permission.denied' ? (verdict.missing ?? []).map((required) => ({ required })) : undefined,
    retryAfter: code === 'rate_limit.exceeded' ? Math.max(1, verdict.rateLimit?.reset ?? 1) : undefined,
  });
}

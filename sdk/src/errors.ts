import { parseRetryAfter } from './retry.js';
import type { KeywardErrorBody, KeywardErrorCode } from './types.js';

export type { KeywardErrorCode } from './types.js';

export interface KeywardErrorInit {
  status: number;
  code: KeywardErrorCode;
  message: string;
  details?: ReadonlyArray<Record<string, unknown>>;
  retryAfter?: number;
  path?: string;
}

/**
 * A refusal by Keyward, in API.md §1's terms: the HTTP status, the catalogued `code`, its message,
 * `details` (validation: `[{field, message}]`; permissions: `[{required}]`) and, on 429 (or a 503
 * that said so), `retryAfter` in seconds. Failures to reach Keyward at all stay fetch's own errors.
 */
export class KeywardError extends Error {
  override readonly name = 'KeywardError';
  readonly status: number;
  readonly code: KeywardErrorCode;
  readonly details: ReadonlyArray<Record<string, unknown>>;
  readonly retryAfter?: number;
  /** The request path the server names in its answer. */
  readonly path?: string;

  constructor(init: KeywardErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter;
    if (init.path !== undefined) this.path = init.path;
  }

  /** Whether `error` is a KeywardError (with `code`, when given): `if (KeywardError.is(e, 'api_key.revoked'))`. */
  static is(error: unknown, code?: KeywardErrorCode): error is KeywardError {
    return error instanceof KeywardError && (code === undefined || error.code === code);
  }
}

function isErrorBody(body: unknown): body is KeywardErrorBody {
  const candidate = body as Partial<KeywardErrorBody> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.code === 'string' && typeof candidate.message === 'string';
}

/** What a status means when the answer is not Keyward's (a proxy's 502 page, an empty 429). */
function codeOfBareStatus(status: number): KeywardErrorCode {
  if (status === 429) return 'rate_limit.exceeded';
  if (status === 502 || status === 503 || status === 504) return 'service.unavailable';
  if (status === 404) return 'not_found';
  return 'internal.error';
}

/** The KeywardError for a failed answer: its status, its parsed body (or null) and its Retry-After header. */
export function keywardErrorOf(status: number, body: unknown, retryAfterHeader: string | null, nowMs = Date.now()): KeywardError {
  const retryAfterMs = parseRetryAfter(retryAfterHeader, nowMs);
  const retryAfter = retryAfterMs === null ? undefined : Math.ceil(retryAfterMs / 1000);
  if (isErrorBody(body)) {
    return new KeywardError({ status, code: body.code, message: body.message, details: body.details, retryAfter, path: body.path });
  }
  return new KeywardError({ status, code: codeOfBareStatus(status), message: `Keyward answered ${status} without an error body`, retryAfter });
}

/** Reads a failed Response into a KeywardError. */
export async function errorFromResponse(response: Response): Promise<KeywardError> {
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return keywardErrorOf(response.status, body, response.headers.get('retry-after'));
}

/**
 * When to try a request again (pure: the transport supplies the clock and the randomness).
 * Only 429 and 503 are retried — the answers that mean "later, unchanged" — after the server's
 * Retry-After, or a backoff when it gave none, within a bound on attempts and on total time.
 */

export interface RetryOptions {
  /** Attempts in all, the first one included (1 = never retry). Default 3. */
  maxAttempts?: number;
  /** No retry is started that would end later than this after the first attempt began. Default 15 000 ms. */
  maxElapsedMs?: number;
  /** The first backoff when the server sent no Retry-After; doubled on each retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Retry POST and PATCH too. Off by default: a retried create can create twice. */
  nonIdempotent?: boolean;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, maxElapsedMs: 15_000, baseDelayMs: 500, nonIdempotent: false };

/** The statuses that mean the same request may succeed later. */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** A per-call `retry` overrides the client's: `true` asks for retries even of a POST or PATCH, `false` turns them off. */
export type RetrySetting = boolean | RetryOptions;

/** The client's policy with a call's override applied; null when this call is not retried at all. */
export function retryPolicyFor(method: string, client: RetrySetting | undefined, call: RetrySetting | undefined): RetryPolicy | null {
  if (client === false && call === undefined) return null;
  if (call === false) return null;
  const base = { ...DEFAULT_RETRY, ...(typeof client === 'object' ? client : {}) };
  const policy = { ...base, ...(typeof call === 'object' ? call : {}), ...(call === true && { nonIdempotent: true }) };
  if (!IDEMPOTENT_METHODS.has(method.toUpperCase()) && !policy.nonIdempotent) return null;
  return policy.maxAttempts > 1 ? policy : null;
}

/**
 * Retry-After (RFC 9110 §10.2.3) in milliseconds: delay-seconds or an HTTP-date; null when absent
 * or unreadable (the caller then backs off on its own).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP-date names its weekday and month; Date.parse alone would read "-1" as a year.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

export interface FailedAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  status: number;
  /** The server's Retry-After in ms, or null. */
  retryAfterMs: number | null;
  /** Time since the first attempt began. */
  elapsedMs: number;
}

/** How long to wait before the next attempt, or null to give up and hand the error to the caller. */
export function nextRetryDelay(policy: RetryPolicy, failed: FailedAttempt, random: () => number = Math.random): number | null {
  if (!RETRIED_STATUSES.has(failed.status) || failed.attempt >= policy.maxAttempts) return null;
  // Half to all of the doubled backoff: clients that failed together do not all come back together.
  const backoff = policy.baseDelayMs * 2 ** (failed.attempt - 1) * (0.5 + random() / 2);
  const delay = failed.retryAfterMs ?? Math.round(backoff);
  // A Retry-After past the budget (an hourly limit spent) is the caller's to decide, not ours to sleep through.
  return failed.elapsedMs + delay > policy.maxElapsedMs ? null : delay;
}

import type { ChainedEvent } from '../chain/hash-chain.js';

/**
 * The suspicious-activity rules of API.md §7, as pure functions. Each reads one audit event and,
 * where it matters, a counter the caller keeps (in memory or Redis), and says whether to raise
 * a `suspicious.*` event. suspicious.brute_force lives with the block it drives
 * (throttling/brute-force.service.ts).
 */

export interface DetectorSettings {
  scopeProbingThreshold: number;
  scopeProbingWindowMs: number;
  rateLimitAbuseThreshold: number;
  rateLimitAbuseWindowMs: number;
}

/** What a detector needs counted for an event, if anything. */
export type CounterNeed =
  | { detector: 'revoked_key_used'; op: 'hit'; key: string; windowMs: number }
  | { detector: 'key_in_url'; op: 'hit'; key: string; windowMs: number }
  | { detector: 'scope_probing'; op: 'hit'; key: string; windowMs: number }
  | { detector: 'rate_limit_abuse'; op: 'hit'; key: string; windowMs: number }
  | { detector: 'new_ip'; op: 'remember'; key: string; member: string; windowMs: number };

export type CounterResult = { count: number } | { added: boolean; size: number };

const HOUR_MS = 3_600_000;
/** How long a key's IPs are remembered as its history. */
const IP_HISTORY_MS = 90 * 24 * HOUR_MS;
const REFUSED_AFTER_SECRET = new Set(['revoked', 'disabled', 'expired']);

export function counterNeeds(event: ChainedEvent, settings: DetectorSettings): CounterNeed[] {
  const keyId = event.apiKeyId;
  if (!keyId) return [];
  switch (event.type) {
    case 'api_key.auth_failed':
      // The secret was right (only then is the reason revoked/disabled/expired): someone holds a dead key.
      return REFUSED_AFTER_SECRET.has(String(event.details.reason))
        ? [{ detector: 'revoked_key_used', op: 'hit', key: `det:revoked:${keyId}:${event.ip}`, windowMs: HOUR_MS }]
        : [];
    case 'api_key.used': {
      const needs: CounterNeed[] = [];
      if (event.ip) needs.push({ detector: 'new_ip', op: 'remember', key: `det:ips:${keyId}`, member: event.ip, windowMs: IP_HISTORY_MS });
      if (event.details.transport === 'query') needs.push({ detector: 'key_in_url', op: 'hit', key: `det:url:${keyId}`, windowMs: HOUR_MS });
      return needs;
    }
    case 'permission.denied':
      return [{ detector: 'scope_probing', op: 'hit', key: `det:probe:${keyId}`, windowMs: settings.scopeProbingWindowMs }];
    case 'rate_limit.exceeded':
    case 'credits.exhausted':
      // Only the first refusal of each window counts: the detector counts windows, not requests.
      return event.details.firstInWindow === true
        ? [{ detector: 'rate_limit_abuse', op: 'hit', key: `det:rlabuse:${keyId}`, windowMs: settings.rateLimitAbuseWindowMs }]
        : [];
    default:
      return [];
  }
}

/** Does the counter result cross the detector's line? Each fires once, on reaching it. */
export function fires(need: CounterNeed, result: CounterResult, settings: DetectorSettings): boolean {
  switch (need.detector) {
    case 'revoked_key_used':
    case 'key_in_url':
      return 'count' in result && result.count === 1;
    case 'scope_probing':
      return 'count' in result && result.count === settings.scopeProbingThreshold;
    case 'new_ip':
      return 'added' in result && result.added && result.size > 1;
    case 'rate_limit_abuse':
      return 'count' in result && result.count === settings.rateLimitAbuseThreshold;
  }
}

export function detectionDetails(need: CounterNeed, result: CounterResult, event: ChainedEvent, settings: DetectorSettings): Record<string, unknown> {
  switch (need.detector) {
    case 'revoked_key_used':
      return { reason: event.details.reason };
    case 'key_in_url':
      return { advice: 'send the key in the x-api-key header instead' };
    case 'scope_probing':
      return { denials: 'count' in result ? result.count : 0, windowSeconds: settings.scopeProbingWindowMs / 1000, lastRequired: event.details.required };
    case 'new_ip':
      return { knownIps: 'size' in result ? result.size - 1 : 0 };
    case 'rate_limit_abuse':
      return { windowsExceeded: 'count' in result ? result.count : 0, periodSeconds: settings.rateLimitAbuseWindowMs / 1000 };
  }
}

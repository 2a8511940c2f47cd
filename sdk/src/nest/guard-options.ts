import type { RetrySetting } from '../retry.js';

/** A valid answer is kept at most this long, so a revoked key is refused within it. */
export const MAX_CACHE_TTL_MS = 10_000;

export interface KeywardGuardOptions {
  /** Where Keyward runs, e.g. `https://keys.example.com`. */
  baseUrl: string;
  /** A key of the same workspace as your clients' keys, holding `keys:verify`. */
  serviceKey: string;
  /** How long an answer (valid or not) is reused: at most, and by default, 10 000 ms; 0 asks Keyward every time. */
  cacheTtlMs?: number;
  /** Answers kept at most; the oldest go first. Default 10 000. */
  cacheMaxEntries?: number;
  /** The header your clients send their key in. Default `x-api-key`. */
  header?: string;
  /** Pass the client's address on, for keys with an IP allowlist. Default true. */
  forwardClientIp?: boolean;
  /** For tests, or a proxy agent. */
  fetch?: typeof fetch;
  /** Retries of the verify call itself; off by default, as a guard should answer now. */
  retry?: RetrySetting;
}

export type ResolvedGuardOptions = Required<Omit<KeywardGuardOptions, 'fetch' | 'retry'>> & Pick<KeywardGuardOptions, 'fetch' | 'retry'>;

/** The options with their defaults, refusing a cache that would outlive the bound or a missing service key. */
export function resolveGuardOptions(options: KeywardGuardOptions): ResolvedGuardOptions {
  const cacheTtlMs = options.cacheTtlMs ?? MAX_CACHE_TTL_MS;
  if (!(cacheTtlMs >= 0 && cacheTtlMs <= MAX_CACHE_TTL_MS)) throw new RangeError(`KeywardModule: cacheTtlMs must be 0–${MAX_CACHE_TTL_MS}, got ${cacheTtlMs}`);
  if (!options.serviceKey) throw new TypeError('KeywardModule: serviceKey is required (a key holding keys:verify)');
  return {
    baseUrl: options.baseUrl,
    serviceKey: options.serviceKey,
    cacheTtlMs,
    cacheMaxEntries: options.cacheMaxEntries ?? 10_000,
    header: (options.header ?? 'x-api-key').toLowerCase(),
    forwardClientIp: options.forwardClientIp ?? true,
    fetch: options.fetch,
    retry: options.retry ?? false,
  };
}

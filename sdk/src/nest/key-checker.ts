import { Inject, Injectable, Logger } from '@nestjs/common';
import { KeywardError } from '../errors.js';
import { Keyward } from '../keyward.js';
import type { KeyVerification } from '../types.js';
import type { ResolvedGuardOptions } from './guard-options.js';
import { type Refusal, refusalOf, refusalOfVerdict } from './refusal.js';
import { VerdictCache } from './verdict-cache.js';

export const KEYWARD_GUARD_OPTIONS = Symbol('KeywardGuardOptions');

/** A key Keyward vouched for: whose it is, what it may do, its metadata. */
export type VerifiedKey = Required<Pick<KeyVerification, 'keyId' | 'keyPrefix' | 'workspaceId' | 'owner' | 'permissions' | 'metadata'>> & Pick<KeyVerification, 'expiresAt' | 'rateLimit'>;

export type KeyCheck = { verified: VerifiedKey } | { refusal: Refusal };

export interface KeyQuestion {
  key: string | undefined;
  permissions: readonly string[];
  ip: string | undefined;
  path: string;
}

const encoder = new TextEncoder();

/** The cache's name for a question: the key only as its SHA-256, so no raw key is held as a map key. */
async function idsOf(key: string, permissions: readonly string[], ip: string | undefined): Promise<{ id: string; keyId: string }> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(key)));
  const keyId = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return { keyId, id: `${keyId} ${[...permissions].sort().join(',')} ${ip ?? ''}` };
}

/** Asks Keyward about a client's key (POST /keys/verify with the service key), reusing answers briefly. */
@Injectable()
export class KeyChecker {
  private readonly logger = new Logger('Keyward');
  private readonly keyward: Keyward;
  private readonly cache: VerdictCache;

  constructor(@Inject(KEYWARD_GUARD_OPTIONS) private readonly options: ResolvedGuardOptions) {
    this.keyward = new Keyward({ baseUrl: options.baseUrl, apiKey: options.serviceKey, fetch: options.fetch, retry: options.retry });
    this.cache = new VerdictCache(options.cacheTtlMs, options.cacheMaxEntries);
  }

  async check(question: KeyQuestion): Promise<KeyCheck> {
    const now = Date.now();
    if (!question.key) return { refusal: refusalOf('auth.required', question.path, new Date(now)) };
    const { id, keyId } = await idsOf(question.key, question.permissions, question.ip);
    const cached = this.cache.lookup(id, now);
    if (cached.kind === 'limited') return { refusal: refusalOf('rate_limit.exceeded', question.path, new Date(now), { retryAfter: Math.max(1, Math.ceil(cached.retryAfterMs / 1000)) }) };
    const verdict = cached.kind === 'hit' ? cached.verdict : await this.ask(question);
    if ('refusal' in verdict) return verdict;
    if (cached.kind === 'miss') this.cache.store(id, keyId, verdict, now);
    return verdict.valid ? { verified: verifiedKeyOf(verdict) } : { refusal: refusalOfVerdict(verdict, question.path, new Date(now)) };
  }

  /** Keyward's answer, or — when Keyward cannot answer — a 503: the guard fails closed. */
  private async ask(question: KeyQuestion): Promise<KeyVerification | { refusal: Refusal }> {
    try {
      return await this.keyward.keys.verify(question.key!, { permissions: [...question.permissions], ...(question.ip && { ip: question.ip }) });
    } catch (error) {
      // The code only: the message of a failed fetch can carry the URL, never the key, but says nothing more.
      this.logger.warn(`Keyward did not verify the key: ${KeywardError.is(error) ? `${error.status} ${error.code}` : 'unreachable'}`);
      const retryAfter = KeywardError.is(error) ? error.retryAfter : undefined;
      return { refusal: refusalOf('service.unavailable', question.path, new Date(), { retryAfter }) };
    }
  }
}

function verifiedKeyOf(verdict: KeyVerification): VerifiedKey {
  return {
    keyId: verdict.keyId!,
    keyPrefix: verdict.keyPrefix!,
    workspaceId: verdict.workspaceId!,
    owner: verdict.owner!,
    permissions: verdict.permissions ?? [],
    metadata: verdict.metadata ?? {},
    expiresAt: verdict.expiresAt ?? null,
    ...(verdict.rateLimit && { rateLimit: verdict.rateLimit }),
  };
}

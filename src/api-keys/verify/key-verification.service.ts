import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { CALL_WORKSPACES, type CallWorkspaces } from '../../access/call-workspace.js';
import { type Caller, workspaceOf } from '../../access/caller.js';
import { rateLimitPolicy, type RateLimitSettings } from '../../access/limits/rate-limit-policy.js';
import type { ApiKeyPrincipal } from '../../access/principal.js';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../config/app-config.js';
import { KeyUsageRecorder } from '../usage/key-usage.recorder.js';
import { ApiKeyVerifier } from '../verification/api-key.verifier.js';
import type { VerifyKeyDto } from './verify.dto.js';
import { type RateLimitState, refused, type Verdict, verdictOf } from './verdict.js';

/**
 * POST /keys/verify (API.md §12): another service hands over a key its own client sent. The key
 * goes through the same checks as on a request of its own — format, secret, status, owner, IP,
 * workspace membership — then the permissions asked for and its own rate limit, and the check is
 * audited as its use. Every outcome is a 200 answer; a key of another workspace than the caller's
 * is `api_key.invalid`, exactly like one that does not exist.
 */
@Injectable()
export class KeyVerification {
  private readonly rateLimits: RateLimitSettings;

  constructor(
    private readonly verifier: ApiKeyVerifier,
    @Inject(CALL_WORKSPACES) private readonly workspaces: CallWorkspaces,
    @InjectThrottlerStorage() private readonly counters: ThrottlerStorage,
    private readonly usage: KeyUsageRecorder,
    private readonly audit: AuditLog,
    config: ConfigService<AppConfig, true>,
  ) {
    this.rateLimits = config.get('rateLimits', { infer: true });
  }

  async verify(caller: Caller, dto: VerifyKeyDto): Promise<Verdict> {
    const callerWorkspace = workspaceOf(caller);
    const ip = dto.ip ?? '';
    let verified: Awaited<ReturnType<ApiKeyVerifier['verifyKey']>>;
    try {
      // A refusal is recorded with the client's address the caller passed on, not the caller's own:
      // a service relaying its clients' bad keys must not look like it is guessing keys itself.
      verified = await this.verifier.verifyKey(dto.key, { ip, transport: 'body', context: () => ({ ...caller.context, ip: dto.ip ?? null }) });
    } catch (error) {
      return refusalOf(error);
    }
    const { principal, key } = verified;
    if (key.workspaceId !== callerWorkspace.id) return refused('api_key.invalid');
    let workspace;
    try {
      workspace = await this.workspaces.resolve(principal, key.workspaceId);
    } catch (error) {
      return refusalOf(error);
    }
    const { state, limited } = await this.spend(principal);
    const verdict = verdictOf(principal, key, workspace, dto.permissions, state, limited);
    this.recordUse(caller, principal, verdict, ip);
    return verdict;
  }

  /** One hit on the verified key's own budget, the very counter its direct requests spend. */
  private async spend(principal: ApiKeyPrincipal): Promise<{ state: RateLimitState; limited: boolean }> {
    const policy = rateLimitPolicy(principal, false, '', this.rateLimits);
    if (!policy) throw new Error('a key always has a rate limit');
    const hit = await this.counters.increment(policy.tracker, policy.windowMs, policy.limit, policy.windowMs, 'default');
    return { state: { limit: policy.limit, remaining: Math.max(0, policy.limit - hit.totalHits), reset: hit.timeToExpire }, limited: hit.isBlocked };
  }

  private recordUse(caller: Caller, principal: ApiKeyPrincipal, verdict: Verdict, ip: string): void {
    const key = principal.apiKey;
    this.usage.record(key.id, verdict.valid ? 'used' : verdict.code === 'rate_limit.exceeded' ? 'rate_limited' : 'denied', ip || null);
    this.audit.record({
      type: 'api_key.used',
      userId: principal.user.id,
      apiKeyId: key.id,
      keyPrefix: key.keyPrefix,
      ...caller.context,
      statusCode: 200,
      chainId: key.workspaceId,
      details: { via: 'verify', valid: verdict.valid, ...(verdict.code && { code: verdict.code }), verifiedBy: caller.principal.user.id },
    });
  }
}

/** A refusal the key would get on a request of its own becomes the verdict; anything else is a real failure. */
function refusalOf(error: unknown): Verdict {
  if (error instanceof AppError && error.status >= 400 && error.status < 500) return refused(error.code);
  throw error;
}

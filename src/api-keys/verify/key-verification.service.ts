import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { CALL_WORKSPACES, type CallWorkspace, type CallWorkspaces } from '../../access/call-workspace.js';
import { planQuota } from '../../access/limits/quota-plan.js';
import type { CounterStore } from '../../counters/counter-store.js';
import { COUNTER_STORE } from '../../counters/counter-store.provider.js';
import { type Caller, workspaceOf } from '../../access/caller.js';
import { rateLimitPolicy, type RateLimitSettings } from '../../access/limits/rate-limit-policy.js';
import type { ApiKeyPrincipal } from '../../access/principal.js';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../config/app-config.js';
import { KeyUsageRecorder } from '../usage/key-usage.recorder.js';
import { ApiKeyVerifier } from '../verification/api-key.verifier.js';
import type { VerifyKeyDto } from './verify.dto.js';
import { missingPermissions, type QuotaState, type RateLimitState, refused, type Verdict, verdictOf } from './verdict.js';

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
    @Inject(COUNTER_STORE) private readonly quotaCounters: CounterStore,
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
    // As on a request of its own: a key refused its permissions or its hourly limit spends no credits.
    const spendsQuota = !limited && missingPermissions(workspace.permissions, dto.permissions).length === 0;
    const quota = spendsQuota ? await this.spendQuota(principal, workspace, dto) : undefined;
    const verdict = verdictOf(principal, key, workspace, dto.permissions, state, limited, quota?.state);
    this.recordUse(caller, principal, verdict, ip, quota?.spent ?? 0);
    return verdict;
  }

  /** One hit on the verified key's own budget, the very counter its direct requests spend. */
  private async spend(principal: ApiKeyPrincipal): Promise<{ state: RateLimitState; limited: boolean }> {
    const policy = rateLimitPolicy(principal, false, '', this.rateLimits);
    if (!policy) throw new Error('a key always has a rate limit');
    const hit = await this.counters.increment(policy.tracker, policy.windowMs, policy.limit, policy.windowMs, 'default');
    return { state: { limit: policy.limit, remaining: Math.max(0, policy.limit - hit.totalHits), reset: hit.timeToExpire }, limited: hit.isBlocked };
  }

  /** The verified key's credits and named limits (API.md §15), spent as QuotaGuard spends them. */
  private async spendQuota(principal: ApiKeyPrincipal, workspace: CallWorkspace, dto: VerifyKeyDto): Promise<{ state: QuotaState; spent: number } | undefined> {
    const key = principal.apiKey;
    const plan = planQuota({ keyId: key.id, userId: principal.user.id, workspaceId: key.workspaceId, quota: key.quota, shared: workspace.limits }, { cost: dto.cost ?? 1, limits: dto.limits ?? [] }, Date.now());
    if (!plan) return undefined;
    const outcome = await this.quotaCounters.consumeQuota(plan);
    const limits = plan.windows.map((window, i) => ({ name: window.name, limit: window.limit, remaining: Math.max(0, window.limit - outcome.counts[i]), reset: window.resetSeconds }));
    const credits = outcome.creditsRemaining === null ? undefined : { remaining: outcome.creditsRemaining };
    if (outcome.admitted) return { state: { credits, limits }, spent: plan.credits?.cost ?? 0 };
    return { state: { credits, limits, refusedWith: outcome.refusedBy === 'credits' ? 'credits.exhausted' : 'rate_limit.exceeded' }, spent: 0 };
  }

  private recordUse(caller: Caller, principal: ApiKeyPrincipal, verdict: Verdict, ip: string, creditsSpent: number): void {
    const key = principal.apiKey;
    const outcome = verdict.valid ? 'used' : verdict.code === 'rate_limit.exceeded' || verdict.code === 'credits.exhausted' ? 'rate_limited' : 'denied';
    this.usage.record(key.id, outcome, ip || null, new Date(), creditsSpent);
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

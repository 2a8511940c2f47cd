import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { AppError } from '../../common/errors/app-error.js';
import type { CounterStore } from '../../counters/counter-store.js';
import { COUNTER_STORE } from '../../counters/counter-store.provider.js';
import type { QuotaOutcome } from '../../counters/quota-consumption.js';
import { Metrics } from '../../metrics/metrics.js';
import type { AuthenticatedRequest } from '../access.decorators.js';
import { actorOf, type ApiKeyPrincipal } from '../principal.js';
import { requestContext } from '../request-context.js';
import { RouteMemo } from '../route-memo.js';
import { CREDIT_COST, ROUTE_LIMITS } from './quota.decorators.js';
import { planQuota, type QuotaPlan, rateLimitHeaders, type RouteQuota, tightestWindow } from './quota-plan.js';
import { NO_SHARED_LIMITS } from './quota.js';
import { creditsSpentOn, refusedByLimit } from './request-spend.js';

const HOUR_MS = 3_600_000;
const FREE_OF_LIMITS: RouteQuota = { cost: 1, limits: [] };

/**
 * Credits and named limits (API.md §15), after the workspace of the call is known (its member and
 * workspace limits come with it): one all-or-nothing spend in the counter store — a Lua script on
 * Redis, a synchronous step in memory — refused by the first limit that is exhausted. A key with
 * no credits and no applicable limit costs a map lookup.
 */
@Injectable()
export class QuotaGuard implements CanActivate {
  private readonly routes = new RouteMemo<RouteQuota>((targets) => {
    const cost = this.reflector.getAllAndOverride<number | undefined>(CREDIT_COST, targets);
    const limits = this.reflector.getAllAndOverride<string[] | undefined>(ROUTE_LIMITS, targets);
    return cost === undefined && !limits ? FREE_OF_LIMITS : { cost: cost ?? 1, limits: limits ?? [] };
  });

  constructor(
    private readonly reflector: Reflector,
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    private readonly audit: AuditLog,
    private readonly metrics: Metrics,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.user;
    if (principal?.authMethod !== 'api_key') return true;
    const key = principal.apiKey;
    const shared = request.workspace?.limits ?? NO_SHARED_LIMITS;
    if (!key.quota.credits && !key.quota.limits.length && !shared.member.length && !shared.workspace.length) return true;
    const plan = planQuota({ keyId: key.id, userId: principal.user.id, workspaceId: key.workspaceId, quota: key.quota, shared }, this.routes.of(context), Date.now());
    return plan ? this.spend(context, request, principal, plan) : true;
  }

  private async spend(context: ExecutionContext, request: AuthenticatedRequest, principal: ApiKeyPrincipal, plan: QuotaPlan): Promise<boolean> {
    const outcome = await this.counters.consumeQuota(plan);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (outcome.creditsRemaining !== null) reply.header('X-Credits-Remaining', String(outcome.creditsRemaining));
    this.describeTightest(reply, plan, outcome);
    if (outcome.admitted) {
      if (plan.credits?.cost) creditsSpentOn.set(request, plan.credits.cost);
      return true;
    }
    throw await this.refusal(request, reply, principal, plan, outcome);
  }

  /**
   * A refused request spends nothing, so the windows cannot tell a first refusal from the next:
   * a marker per refused window can (the rate-limit-abuse detector counts windows, not requests).
   */
  private async firstRefusalIn(marker: string, ttlMs: number): Promise<boolean> {
    return (await this.counters.hit(`qr:${marker}`, Math.max(1, ttlMs))).count === 1;
  }

  /** The headers describe the tightest limit the request met, if it is tighter than the hourly one the throttler described. */
  private describeTightest(reply: FastifyReply, plan: QuotaPlan, outcome: QuotaOutcome): void {
    const counts = outcome.admitted ? outcome.counts : outcome.counts.map((count, i) => (i === outcome.refusedBy ? Math.max(count, plan.windows[i].limit) : count));
    const tightest = tightestWindow(plan, counts);
    if (!tightest) return;
    const hourlyRemaining = Number(reply.getHeader('X-RateLimit-Remaining') ?? Infinity);
    if (tightest.remaining > hourlyRemaining) return;
    const { window, remaining } = tightest;
    const headers = rateLimitHeaders(window.name, window.limit, window.windowSeconds, remaining, window.resetSeconds);
    reply
      .header('X-RateLimit-Limit', String(window.limit))
      .header('X-RateLimit-Remaining', String(remaining))
      .header('X-RateLimit-Reset', String(window.resetSeconds))
      .header('RateLimit-Policy', headers.policy)
      .header('RateLimit', headers.state);
  }

  private async refusal(request: AuthenticatedRequest, reply: FastifyReply, principal: ApiKeyPrincipal, plan: QuotaPlan, outcome: Extract<QuotaOutcome, { admitted: false }>): Promise<AppError> {
    const key = principal.apiKey;
    const event = { ...actorOf(principal), ...requestContext(request), statusCode: 429, chainId: key.workspaceId };
    if (outcome.refusedBy === 'credits') {
      const nextRefillAt = key.quota.credits?.nextRefillAt ?? null;
      if (nextRefillAt) reply.header('Retry-After', String(Math.max(1, Math.ceil((nextRefillAt.getTime() - Date.now()) / 1000))));
      this.metrics.rateLimitRejections.inc({ tracker: 'credits' });
      const firstInWindow = await this.firstRefusalIn(`credits:${key.id}:${Math.floor(Date.now() / HOUR_MS)}`, HOUR_MS);
      this.audit.record({ ...event, type: 'credits.exhausted', details: { cost: plan.credits?.cost ?? 1, remaining: outcome.creditsRemaining, nextRefillAt: nextRefillAt?.toISOString() ?? null, firstInWindow } });
      return new AppError('credits.exhausted', nextRefillAt ? `This API key has no credits left; they are refilled at ${nextRefillAt.toISOString()}` : undefined, [{ nextRefillAt: nextRefillAt?.toISOString() ?? null }]);
    }
    const window = plan.windows[outcome.refusedBy];
    refusedByLimit.set(request, window.name);
    reply.header('Retry-After', String(window.resetSeconds));
    this.metrics.rateLimitRejections.inc({ tracker: window.scope });
    const firstInWindow = await this.firstRefusalIn(window.key, window.ttlMs);
    this.audit.record({
      ...event,
      type: 'rate_limit.exceeded',
      details: { tracker: window.scope, limit: window.limit, name: window.name, scope: window.scope, windowSeconds: window.windowSeconds, retryAfterSeconds: window.resetSeconds, firstInWindow },
    });
    return new AppError('rate_limit.exceeded', `The ${window.scope} limit "${window.name}" of ${window.limit} per ${window.windowSeconds} s is used up; retry in ${window.resetSeconds} s`, [{ limit: window.name, scope: window.scope }]);
  }
}

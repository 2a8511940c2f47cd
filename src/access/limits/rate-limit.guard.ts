import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { requestContext } from '../request-context.js';
import type { AuthenticatedRequest } from '../access.decorators.js';
import { actorOf, type Principal, principalKey } from '../principal.js';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../config/app-config.js';
import { Metrics } from '../../metrics/metrics.js';
import { signInRefusedFor } from './brute-force.js';
import { BruteForceService, tooManyAttempts } from './brute-force.service.js';
import { type RateLimitPolicy, rateLimitPolicy, type RateLimitSettings } from './rate-limit-policy.js';
import { RouteMemo } from '../route-memo.js';
import { SIGN_IN_ROUTE } from './throttling.decorators.js';
import { rateLimitHeaders } from './quota-plan.js';
import { refusedByLimit } from './request-spend.js';
import { DEFAULT_LIMIT_NAME } from './quota.js';

/**
 * @nestjs/throttler, with each request's budget chosen by rateLimitPolicy(): a key's own
 * `rateLimit`, the user's, or the sign-in IP's. One budget per tracker across every route.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly settings: RateLimitSettings;
  private readonly signInRoutes = new RouteMemo((targets) => this.reflector.getAllAndOverride<boolean>(SIGN_IN_ROUTE, targets) ?? false);

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly audit: AuditLog,
    private readonly metrics: Metrics,
    private readonly bruteForce: BruteForceService,
    config: ConfigService<AppConfig, true>,
  ) {
    super(options, storage, reflector);
    this.settings = config.get('rateLimits', { infer: true });
  }

  /**
   * One budget per request, chosen by rateLimitPolicy(), goes straight to the throttler's own
   * handleRequest (count, headers, 429): the generic loop over named throttlers and their
   * per-route decorators, which Keyward does not use, costs five metadata lookups a request.
   */
  override canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const signIn = this.signInRoutes.of(context);
    const policy = rateLimitPolicy(request.user, signIn, request.ip, this.settings);
    // Synchronous where nothing is limited (public routes): Nest's guard consumer awaits only a
    // promise. ThrottlerGuard's signature says Promise; its caller takes either.
    if (!policy) return NOT_LIMITED;
    return this.spend(context, request, policy, signIn);
  }

  private async spend(context: ExecutionContext, request: AuthenticatedRequest, policy: RateLimitPolicy, signIn: boolean): Promise<boolean> {
    const admitted = await this.handleRequest({
      context,
      limit: policy.limit,
      ttl: policy.windowMs,
      blockDuration: policy.windowMs,
      throttler: this.throttlers[0],
      getTracker: async () => policy.tracker,
      generateKey: (_context, tracker) => tracker,
    });
    if (signIn) await this.refuseBlockedAccount(request, context);
    this.describeInIetfTerms(context.switchToHttp().getResponse<FastifyReply>(), policy.windowMs);
    return admitted;
  }

  /** The throttler's X-RateLimit-* of the hourly limit as the IETF draft's RateLimit-Policy / RateLimit too (API.md §15). */
  private describeInIetfTerms(reply: FastifyReply, windowMs: number): void {
    const limit = Number(reply.getHeader('X-RateLimit-Limit'));
    if (!Number.isFinite(limit)) return;
    const headers = rateLimitHeaders(DEFAULT_LIMIT_NAME, limit, Math.round(windowMs / 1000), Number(reply.getHeader('X-RateLimit-Remaining')), Number(reply.getHeader('X-RateLimit-Reset')));
    reply.header('RateLimit-Policy', headers.policy).header('RateLimit', headers.state);
  }

  /**
   * A sign-in naming an account under a brute-force block — for this client's network, or for
   * everyone — is refused here, not in AuthService, because the answer carries Retry-After and only
   * the guard holds the reply (as for IP blocks). The body is not validated yet: anything but a
   * string email is left to validation.
   */
  private async refuseBlockedAccount(request: AuthenticatedRequest, context: ExecutionContext): Promise<void> {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    if (typeof email !== 'string') return;
    const blocks = await this.bruteForce.signInBlocks(email.toLowerCase(), request.ip);
    // No second factor exists yet; see signInRefusedFor() for where it will pass the account-wide block.
    const blockedMs = signInRefusedFor(blocks, false);
    if (blockedMs > 0) throw tooManyAttempts(context, blockedMs, this.metrics);
  }

  /** The throttler has set Retry-After; API.md §3 wants the X-RateLimit-* headers on the 429 too. */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & FastifyRequest>();
    context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .header('X-RateLimit-Limit', String(detail.limit))
      .header('X-RateLimit-Remaining', '0')
      .header('X-RateLimit-Reset', String(detail.timeToExpire));
    const ietf = rateLimitHeaders(DEFAULT_LIMIT_NAME, detail.limit, Math.round(detail.ttl / 1000), 0, detail.timeToExpire);
    context.switchToHttp().getResponse<FastifyReply>().header('RateLimit-Policy', ietf.policy).header('RateLimit', ietf.state);
    this.metrics.rateLimitRejections.inc({ tracker: detail.tracker.split(':')[0] });
    refusedByLimit.set(request, DEFAULT_LIMIT_NAME);
    const error = new AppError('rate_limit.exceeded', `Rate limit of ${detail.limit} requests exceeded; retry in ${detail.timeToBlockExpire} s`);
    this.audit.record({
      type: 'rate_limit.exceeded',
      ...(request.user ? actorOf(request.user) : { userId: null, apiKeyId: null, keyPrefix: null }),
      ...requestContext(request),
      statusCode: error.status,
      ...keyChain(request.user),
      details: {
        tracker: detail.tracker.replace(/^ip:.*/, 'ip'),
        limit: detail.limit,
        windowSeconds: Math.round(detail.ttl / 1000),
        retryAfterSeconds: detail.timeToBlockExpire,
        firstInWindow: detail.totalHits === detail.limit + 1,
      },
    });
    throw error;
  }
}

const NOT_LIMITED = true as unknown as Promise<boolean>;

/** A key's refusals are its workspace's events; a user's or an address's belong to the instance. */
function keyChain(principal: Principal | undefined): { chainId?: string } {
  const key = principal && principalKey(principal);
  return key ? { chainId: key.workspaceId } : {};
}

import { type ExecutionContext, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditLog } from '../audit/audit-log.js';
import type { ChainedEvent } from '../audit/hash-chain.js';
import { AppError } from '../common/errors/app-error.js';
import { InvalidationBus } from '../common/invalidation.js';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import type { Metrics } from '../metrics/metrics.js';
import { type BruteForceRule, reachesThreshold, retryAfterSeconds } from './brute-force.js';
import type { CounterStore } from './counter-store.js';
import { COUNTER_STORE } from './counter-store.provider.js';

const FAILURES = new Set(['api_key.auth_failed', 'auth.login_failed']);

/** What a guard throws for a blocked IP or account: 429 auth.too_many_attempts with Retry-After, counted. */
export function tooManyAttempts(context: ExecutionContext, blockedMs: number, metrics: Metrics): AppError {
  metrics.bruteForceBlocks.inc();
  context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(retryAfterSeconds(blockedMs)));
  return new AppError('auth.too_many_attempts');
}

/**
 * Counts failed key checks and logins per IP (and failed logins per account) in the shared
 * counters. At the threshold the source is blocked for the block period: the IP on every
 * authenticated and sign-in route, the account on login. The IP block is also held in memory
 * and broadcast, so checking it costs the hot path nothing.
 */
@Injectable()
export class BruteForceService implements OnModuleInit {
  private readonly logger = new Logger(BruteForceService.name);
  private readonly rule: BruteForceRule;
  private readonly blockedIps = new Map<string, number>();

  constructor(
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    private readonly audit: AuditLog,
    private readonly bus: InvalidationBus,
    config: ConfigService<AppConfig, true>,
  ) {
    const detectors = config.get('detectors', { infer: true });
    this.rule = { threshold: detectors.bruteForceThreshold, windowMs: detectors.bruteForceWindowSeconds * 1000, blockMs: detectors.bruteForceBlockSeconds * 1000 };
  }

  onModuleInit(): void {
    this.audit.observe((event) => {
      if (FAILURES.has(event.type) && event.ip) void this.recordFailure(event).catch((error: unknown) => this.logger.warn({ error: String(error) }, 'failed attempt not counted'));
    });
    this.bus.subscribe((event) => {
      if (event.kind === 'ip_blocked') this.blockedIps.set(event.ip, event.until);
    });
  }

  /** Milliseconds this IP stays blocked (0: not blocked). In memory: safe for the hot path. */
  ipBlockedFor(ip: string): number {
    const until = this.blockedIps.get(ip);
    if (until === undefined) return 0;
    const left = until - Date.now();
    if (left <= 0) this.blockedIps.delete(ip);
    return Math.max(0, left);
  }

  /** Milliseconds logins to this account stay blocked. */
  accountBlockedFor(email: string): Promise<number> {
    return this.counters.remaining(`bf:block:account:${email}`);
  }

  private async recordFailure(event: ChainedEvent): Promise<void> {
    const ip = event.ip!;
    const { count } = await this.counters.hit(`bf:ip:${ip}`, this.rule.windowMs);
    if (count >= this.rule.threshold) this.blockIp(ip, count, event);

    const email = typeof event.details.email === 'string' ? event.details.email : undefined;
    if (event.type === 'auth.login_failed' && email) {
      const account = await this.counters.hit(`bf:account:${email}`, this.rule.windowMs);
      if (reachesThreshold(account.count, this.rule)) {
        await this.counters.mark(`bf:block:account:${email}`, this.rule.blockMs);
        this.audit.record({ type: 'suspicious.brute_force', userId: event.userId, ip, details: { target: 'account', email, failures: account.count, blockSeconds: this.rule.blockMs / 1000 } });
      }
    }
  }

  private blockIp(ip: string, count: number, event: ChainedEvent): void {
    if (this.ipBlockedFor(ip) > 0) return;
    const until = Date.now() + this.rule.blockMs;
    this.blockedIps.set(ip, until);
    this.bus.publish({ kind: 'ip_blocked', ip, until });
    if (reachesThreshold(count, this.rule)) {
      this.audit.record({
        type: 'suspicious.brute_force',
        ip,
        userAgent: event.userAgent,
        details: { target: 'ip', failures: count, windowSeconds: this.rule.windowMs / 1000, blockSeconds: this.rule.blockMs / 1000, lastFailure: event.type },
      });
    }
  }
}

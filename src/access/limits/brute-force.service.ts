import { type ExecutionContext, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditLog } from '../../audit/chain/audit-log.js';
import type { ChainedEvent } from '../../audit/chain/hash-chain.js';
import { AppError } from '../../common/errors/app-error.js';
import { InvalidationBus } from '../../redis/invalidation.bus.js';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../config/app-config.js';
import type { Metrics } from '../../metrics/metrics.js';
import { accountNetworkOf, ipSourceOf } from '../../common/ip-prefix.js';
import { type BruteForceRule, reachesThreshold, retryAfterSeconds, type SignInBlocks } from './brute-force.js';
import type { CounterStore } from '../../counters/counter-store.js';
import { COUNTER_STORE } from '../../counters/counter-store.provider.js';

// A wrong second-factor code counts like a wrong password (API.md §10).
const FAILURES = new Set(['api_key.auth_failed', 'auth.login_failed', 'auth.mfa_failed']);

/** What a guard throws for a blocked IP or account: 429 auth.too_many_attempts with Retry-After, counted. */
export function tooManyAttempts(context: ExecutionContext, blockedMs: number, metrics: Metrics): AppError {
  metrics.bruteForceBlocks.inc();
  context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(retryAfterSeconds(blockedMs)));
  return new AppError('auth.too_many_attempts');
}

/**
 * Counts failed key checks and logins per IP (an IPv6 client per /64), and failed logins per
 * (account, network) and per account, in the shared counters. At BRUTE_FORCE_THRESHOLD the IP is
 * blocked on every authenticated and sign-in route, and the account for sign-ins from that
 * network (/24, IPv6 /64); at BRUTE_FORCE_ACCOUNT_THRESHOLD, failures from all networks together
 * block the account for everyone. The IP block is also held in memory and broadcast, so checking
 * it costs the hot path nothing.
 */
@Injectable()
export class BruteForceService implements OnModuleInit {
  private readonly logger = new Logger(BruteForceService.name);
  private readonly rule: BruteForceRule;
  /** Keyed by ipSourceOf(): an IPv4 address or an IPv6 /64. */
  private readonly blockedIps = new Map<string, number>();

  constructor(
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    private readonly audit: AuditLog,
    private readonly bus: InvalidationBus,
    config: ConfigService<AppConfig, true>,
  ) {
    const detectors = config.get('detectors', { infer: true });
    this.rule = {
      threshold: detectors.bruteForceThreshold,
      accountThreshold: detectors.bruteForceAccountThreshold,
      windowMs: detectors.bruteForceWindowSeconds * 1000,
      blockMs: detectors.bruteForceBlockSeconds * 1000,
    };
  }

  onModuleInit(): void {
    this.audit.observe((event) => {
      if (FAILURES.has(event.type) && event.ip) void this.recordFailure(event).catch((error: unknown) => this.logger.warn({ error: String(error) }, 'failed attempt not counted'));
    });
    this.bus.subscribe((event) => {
      if (event.kind === 'ip_blocked') this.blockedIps.set(event.ip, event.until);
    });
  }

  /** Milliseconds this IP (its /64 for IPv6) stays blocked (0: not blocked). In memory: safe for the hot path. */
  ipBlockedFor(ip: string): number {
    const source = ipSourceOf(ip);
    const until = this.blockedIps.get(source);
    if (until === undefined) return 0;
    const left = until - Date.now();
    if (left <= 0) this.blockedIps.delete(source);
    return Math.max(0, left);
  }

  /** The blocks on sign-ins naming this account from this IP's network, and from anywhere. */
  async signInBlocks(email: string, ip: string): Promise<SignInBlocks> {
    const [networkMs, accountMs] = await Promise.all([
      this.counters.remaining(`bf:block:pair:${email}:${accountNetworkOf(ip)}`),
      this.counters.remaining(`bf:block:account:${email}`),
    ]);
    return { networkMs, accountMs };
  }

  private async recordFailure(event: ChainedEvent): Promise<void> {
    const ip = event.ip!;
    const source = ipSourceOf(ip);
    const { count } = await this.counters.hit(`bf:ip:${source}`, this.rule.windowMs);
    if (count >= this.rule.threshold) this.blockIp(source, count, event);

    const email = typeof event.details.email === 'string' ? event.details.email : undefined;
    if (event.type !== 'api_key.auth_failed' && email) await this.recordAccountFailure(email, event);
  }

  /**
   * The (account, network) pair is locked first, so one network hammering an account locks out
   * only itself; the account is locked for everyone once failures from several networks add up.
   */
  private async recordAccountFailure(email: string, event: ChainedEvent): Promise<void> {
    const ip = event.ip!;
    const network = accountNetworkOf(ip);
    const pair = await this.counters.hit(`bf:pair:${email}:${network}`, this.rule.windowMs);
    if (reachesThreshold(pair.count, this.rule.threshold)) {
      await this.counters.mark(`bf:block:pair:${email}:${network}`, this.rule.blockMs);
      this.audit.record({ type: 'suspicious.brute_force', userId: event.userId, ip, details: { target: 'account_network', email, network, failures: pair.count, blockSeconds: this.rule.blockMs / 1000 } });
    }
    const account = await this.counters.hit(`bf:account:${email}`, this.rule.windowMs);
    if (reachesThreshold(account.count, this.rule.accountThreshold)) {
      await this.counters.mark(`bf:block:account:${email}`, this.rule.blockMs);
      this.audit.record({ type: 'suspicious.brute_force', userId: event.userId, ip, details: { target: 'account', email, failures: account.count, blockSeconds: this.rule.blockMs / 1000 } });
    }
  }

  private blockIp(source: string, count: number, event: ChainedEvent): void {
    if (this.ipBlockedFor(source) > 0) return;
    const until = Date.now() + this.rule.blockMs;
    this.blockedIps.set(source, until);
    this.bus.publish({ kind: 'ip_blocked', ip: source, until });
    if (reachesThreshold(count, this.rule.threshold)) {
      this.audit.record({
        type: 'suspicious.brute_force',
        ip: event.ip,
        userAgent: event.userAgent,
        details: { target: 'ip', source, failures: count, windowSeconds: this.rule.windowMs / 1000, blockSeconds: this.rule.blockMs / 1000, lastFailure: event.type },
      });
    }
  }
}

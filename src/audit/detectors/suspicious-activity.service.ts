import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../../config/app-config.js';
import type { CounterStore } from '../../counters/counter-store.js';
import { COUNTER_STORE } from '../../counters/counter-store.provider.js';
import type { AuditEventType } from '../chain/audit-event-types.js';
import { AuditLog } from '../chain/audit-log.js';
import type { ChainedEvent } from '../chain/hash-chain.js';
import { type CounterNeed, counterNeeds, type CounterResult, detectionDetails, type DetectorSettings, fires } from './detector-rules.js';

/** Watches the audit stream and raises suspicious.* events by the rules in detector-rules.ts. */
@Injectable()
export class SuspiciousActivityDetector implements OnModuleInit {
  private readonly logger = new Logger(SuspiciousActivityDetector.name);
  private readonly settings: DetectorSettings;

  constructor(
    private readonly audit: AuditLog,
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    config: ConfigService<AppConfig, true>,
  ) {
    const detectors = config.get('detectors', { infer: true });
    this.settings = {
      scopeProbingThreshold: detectors.scopeProbingThreshold,
      scopeProbingWindowMs: detectors.scopeProbingWindowSeconds * 1000,
      rateLimitAbuseThreshold: detectors.rateLimitAbuseThreshold,
      rateLimitAbuseWindowMs: detectors.rateLimitAbuseWindowSeconds * 1000,
    };
  }

  onModuleInit(): void {
    this.audit.observe((event) => {
      const needs = counterNeeds(event, this.settings);
      for (const need of needs) {
        void this.check(need, event).catch((error: unknown) => this.logger.warn({ detector: need.detector, error: String(error) }, 'detector skipped an event'));
      }
    });
  }

  private async check(need: CounterNeed, event: ChainedEvent): Promise<void> {
    const result: CounterResult =
      need.op === 'hit' ? await this.counters.hit(need.key, need.windowMs) : await this.counters.remember(need.key, need.member, need.windowMs);
    if (!fires(need, result, this.settings)) return;
    this.audit.record({
      type: `suspicious.${need.detector}` as AuditEventType,
      userId: event.userId,
      apiKeyId: event.apiKeyId,
      keyPrefix: event.keyPrefix,
      ip: event.ip,
      userAgent: event.userAgent,
      method: event.method,
      path: event.path,
      statusCode: event.statusCode,
      // Raised in the chain of what triggered it: a workspace's key probing is that workspace's to see.
      ...(event.chainId && { chainId: event.chainId }),
      details: { ...detectionDetails(need, result, event, this.settings), triggeredBy: event.id },
    });
  }
}

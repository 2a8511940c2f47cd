import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../../config/app-config.js';
import { AuditLog } from '../chain/audit-log.js';
import type { ChainedEvent } from '../chain/hash-chain.js';

const MAX_ATTEMPTS = 5;
const MAX_QUEUE = 1000;
const TIMEOUT_MS = 5000;

/** 1 s, 2 s, 4 s, 8 s between attempts. */
export function retryDelayMs(attempt: number): number {
  return 1000 * 2 ** (attempt - 1);
}

/**
 * POSTs every critical audit event to ALERT_WEBHOOK_URL as JSON, retrying with backoff. It never
 * holds up a request: events queue here and are sent in the background.
 */
@Injectable()
export class AlertWebhook implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AlertWebhook.name);
  private readonly url?: string;
  private readonly pending = new Set<NodeJS.Timeout>();
  private queued = 0;

  constructor(
    private readonly audit: AuditLog,
    config: ConfigService<AppConfig, true>,
  ) {
    this.url = config.get('audit', { infer: true }).alertWebhookUrl;
  }

  onModuleInit(): void {
    if (!this.url) return;
    this.audit.observe((event) => {
      if (event.severity !== 'critical') return;
      if (this.queued >= MAX_QUEUE) return void this.logger.error({ type: event.type }, 'alert queue full; alert dropped');
      this.queued++;
      void this.send(event, 1);
    });
  }

  onApplicationShutdown(): void {
    for (const timer of this.pending) clearTimeout(timer);
  }

  private async send(event: ChainedEvent, attempt: number): Promise<void> {
    try {
      const response = await fetch(this.url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'keyward-alerts' },
        body: JSON.stringify({ source: 'keyward', event }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
      this.queued--;
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS) {
        this.queued--;
        this.logger.error({ type: event.type, id: event.id, error: String((error as Error).message ?? error) }, 'alert not delivered');
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        void this.send(event, attempt + 1);
      }, retryDelayMs(attempt));
      timer.unref();
      this.pending.add(timer);
    }
  }
}

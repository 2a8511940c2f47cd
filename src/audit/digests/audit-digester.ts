import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { KeyObject } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import { ed25519PublicJwk } from '../../common/ed25519-keys.js';
import { uuidv7 } from '../../common/uuid7.js';
import type { AppConfig } from '../../config/app-config.js';
import { BATCH_POOL, inTransaction } from '../../database/batch-pool.js';
import { Metrics } from '../../metrics/metrics.js';
import { digestHash, signDigest } from './digest-form.js';
import { databaseNow, type DigestRow, movedHeads, recordRun, windowSigned } from './digest-store.js';
import { delayToNextWindow, windowStart } from './digest-window.js';
import { AUDIT_SIGNING_KEY } from './signing-key.js';

/**
 * One digest run at a time across instances (a transaction-level advisory lock; the others skip).
 * Beside the chain locks (7340002, two-int) and the retention purge's (7340004).
 */
export const AUDIT_DIGEST_LOCK = 7_340_008;

export type DigestRun = { ran: false; reason: 'busy' | 'window signed' } | { ran: true; window: Date; signed: number };

/**
 * Signs, once per AUDIT_DIGEST_INTERVAL_SECONDS window across every instance, each chain head
 * that moved since its chain's last digest (API.md §13). Every instance wakes at each window; the
 * first to take the lock and find the window unsigned signs it, and records that it did.
 */
@Injectable()
export class AuditDigester implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditDigester.name);
  private readonly intervalSeconds: number;
  private readonly keyId: string;
  private readonly runner = `${hostname()}:${process.pid}`;
  private timer?: NodeJS.Timeout;
  private signed = 0;

  constructor(
    @Inject(BATCH_POOL) private readonly pool: pg.Pool,
    @Inject(AUDIT_SIGNING_KEY) private readonly key: KeyObject,
    config: ConfigService<AppConfig, true>,
    metrics: Metrics,
  ) {
    this.intervalSeconds = config.get('audit', { infer: true }).digestIntervalSeconds;
    this.keyId = ed25519PublicJwk(key).kid;
    metrics.gauge('keyward_audit_digests_signed_total', 'Chain heads this instance signed since start', () => this.signed);
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.run()
        .catch((error: unknown) => this.logger.warn({ error: String(error) }, 'audit digest run failed'))
        .finally(() => this.timer && this.schedule());
    }, delayToNextWindow(Date.now(), this.intervalSeconds));
    this.timer.unref();
  }

  /** Signs the current window if no instance has; says what it did. */
  async run(): Promise<DigestRun> {
    const result = await inTransaction(this.pool, async (query): Promise<DigestRun> => {
      const [{ locked }] = (await query('SELECT pg_try_advisory_xact_lock($1) AS locked', [AUDIT_DIGEST_LOCK])) as Array<{ locked: boolean }>;
      if (!locked) return { ran: false, reason: 'busy' };
      const at = await databaseNow(query);
      const window = windowStart(at, this.intervalSeconds);
      if (await windowSigned(query, window)) return { ran: false, reason: 'window signed' };
      const digests = (await movedHeads(query)).map((head): DigestRow => {
        const signed = signDigest({ ...head, at: at.toISOString(), keyId: this.keyId }, this.key);
        return { id: uuidv7(at.getTime()), ...signed, digestHash: digestHash(signed) };
      });
      await recordRun(query, window, this.runner, digests);
      return { ran: true, window, signed: digests.length };
    });
    if (result.ran && result.signed > 0) {
      this.signed += result.signed;
      this.logger.log({ window: result.window.toISOString(), signed: result.signed }, 'audit digests signed');
    }
    return result;
  }
}

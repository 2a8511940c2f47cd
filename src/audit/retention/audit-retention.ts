import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import { BATCH_POOL } from '../../database/batch-pool.js';

const DAY_MS = 86_400_000;
const FIRST_RUN_DELAY_MS = 60_000;

/**
 * Deletes events older than AUDIT_RETENTION_DAYS, daily, through audit_purge(): a SECURITY DEFINER
 * function, since the serving role may not delete audit events itself. The function reads the
 * retention the owner recorded at startup (not one the caller names), removes only a prefix of
 * the chain, and writes the checkpoint of where the chain now starts. One instance purges at a
 * time (an advisory lock inside it); the others get 0 that day.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditRetention.name);
  private timers: NodeJS.Timeout[] = [];

  constructor(@Inject(BATCH_POOL) private readonly pool: pg.Pool) {}

  onApplicationBootstrap(): void {
    const run = () => void this.purge().catch((error: unknown) => this.logger.warn({ error: String(error) }, 'audit retention purge failed'));
    this.timers = [setTimeout(run, FIRST_RUN_DELAY_MS), setInterval(run, DAY_MS)];
    for (const timer of this.timers) timer.unref();
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  /** Returns how many events were purged. */
  async purge(): Promise<number> {
    const { rows } = await this.pool.query<{ purged: number }>('SELECT audit_purge()::int AS purged');
    const purged = rows[0].purged;
    if (purged > 0) this.logger.log({ purged }, 'audit retention purge');
    return purged;
  }
}

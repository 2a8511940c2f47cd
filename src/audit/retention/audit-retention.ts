import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import { BATCH_POOL } from '../../database/batch-pool.js';
import { failureCode, IntervalJob, type JobRun } from '../../database/interval-job.js';
import { AuditPartitions } from '../partitions/audit-partitions.js';
import { expiredPartitions } from './expired-partitions.js';

const DAY_SECONDS = 86_400;
const FIRST_RUN_DELAY_MS = 60_000;

/** The database's clock and the retention the owner recorded: what audit_drop_partition() itself goes by. */
const RETENTION_SQL = 'SELECT now() AS now, retention_days AS "retentionDays" FROM audit_settings';

/**
 * Drops whole monthly partitions older than AUDIT_RETENTION_DAYS, daily (once a day across
 * instances), oldest first, each in its own transaction: audit_drop_partition() checkpoints every
 * chain in it first, so each chain verifies from where the kept events start. It is a SECURITY
 * DEFINER function that reads the retention the owner recorded at startup, not one the caller
 * names, and refuses a partition that is not entirely older: the serving role can neither delete
 * a row nor drop a younger partition.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditRetention.name);
  private readonly job: IntervalJob<number>;

  constructor(
    @Inject(BATCH_POOL) private readonly pool: pg.Pool,
    private readonly partitions: AuditPartitions,
  ) {
    this.job = new IntervalJob(pool, { name: 'audit.retention', intervalSeconds: DAY_SECONDS }, () => this.purge(), (outcome) => this.report(outcome));
  }

  onApplicationBootstrap(): void {
    this.job.start(FIRST_RUN_DELAY_MS);
  }

  onModuleDestroy(): void {
    this.job.stop();
  }

  /** Returns how many events were dropped. */
  async purge(): Promise<number> {
    // Events the default partition caught go to their month's partition first, or an old month would stay.
    await this.partitions.moveDefaultRows();
    const { rows } = await this.pool.query<{ now: Date; retentionDays: number }>(RETENTION_SQL);
    const [{ now, retentionDays }] = rows;
    let purged = 0;
    for (const partition of expiredPartitions(await this.partitions.list(), now, retentionDays)) {
      const dropped = await this.partitions.drop(partition.name);
      this.logger.log({ partition: partition.name, dropped }, 'audit partition dropped by retention');
      purged += dropped;
    }
    return purged;
  }

  private report(outcome: JobRun<number> | { ran: false; error: unknown }): void {
    if ('error' in outcome) this.logger.warn({ job: 'audit.retention', error: failureCode(outcome.error) }, 'audit retention failed; retried at the next check');
  }
}

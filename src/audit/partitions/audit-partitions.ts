import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type pg from 'pg';
import type { AppConfig } from '../../config/app-config.js';
import { BATCH_POOL, inTransaction } from '../../database/batch-pool.js';
import { failureCode, IntervalJob, type JobRun } from '../../database/interval-job.js';
import { missingMonths, monthsAhead, type AuditPartition } from './partition-months.js';

/**
 * How long DDL waits for its lock on audit_events. Writers queue behind a waiting ACCESS
 * EXCLUSIVE request, so a long reader (an export, a full verify) must make the DDL give up and
 * retry later rather than hold every append up behind it.
 */
const DDL_LOCK_TIMEOUT = '1s';

const LIST_SQL = 'SELECT name, lower_bound AS "lowerBound", upper_bound AS "upperBound" FROM audit_partitions()';

export interface Maintenance {
  /** Rows the default partition had caught, now in their month's partition. */
  moved: number;
  created: string[];
}

/**
 * Keeps audit_events partitioned ahead of time: at startup and every AUDIT_PARTITION_INTERVAL_SECONDS
 * (once per interval across instances), moves what the default partition caught into partitions of
 * their own and makes this month's and the next two. The DDL runs in the owner's SECURITY DEFINER
 * functions: the serving role cannot create, detach or drop a table itself.
 */
@Injectable()
export class AuditPartitions implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditPartitions.name);
  private readonly job: IntervalJob<Maintenance>;

  constructor(@Inject(BATCH_POOL) private readonly pool: pg.Pool, config: ConfigService<AppConfig, true>) {
    const job = { name: 'audit.partitions', intervalSeconds: config.get('audit', { infer: true }).partitionIntervalSeconds };
    this.job = new IntervalJob(pool, job, () => this.maintain(), (outcome) => this.report(outcome));
  }

  /** A write into a month without a partition lands in the default one, so startup never waits on this to serve. */
  async onApplicationBootstrap(): Promise<void> {
    await this.job.check();
    this.job.start(this.job.tickMs);
  }

  onModuleDestroy(): void {
    this.job.stop();
  }

  /** Runs maintenance now if no instance has within the interval. */
  runIfDue(): Promise<JobRun<Maintenance>> {
    return this.job.check();
  }

  async maintain(now = new Date()): Promise<Maintenance> {
    const moved = await this.moveDefaultRows();
    const created: string[] = [];
    for (const month of missingMonths(monthsAhead(now), await this.list())) {
      const [{ name }] = await this.ddl<{ name: string | null }>('SELECT audit_create_partition($1) AS name', [month]);
      if (name) created.push(name);
    }
    return { moved, created };
  }

  async moveDefaultRows(): Promise<number> {
    const [{ moved }] = await this.ddl<{ moved: number }>('SELECT audit_move_default_rows()::int AS moved');
    return moved;
  }

  /** The monthly partitions, oldest first. */
  async list(): Promise<AuditPartition[]> {
    return (await this.pool.query<AuditPartition>(LIST_SQL)).rows;
  }

  /** Drops one expired partition after checkpointing every chain in it; returns the events dropped. */
  async drop(name: string): Promise<number> {
    const [{ dropped }] = await this.ddl<{ dropped: number }>('SELECT audit_drop_partition($1)::int AS dropped', [name]);
    return dropped;
  }

  private ddl<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return inTransaction(this.pool, async (query) => {
      await query(`SET LOCAL lock_timeout = '${DDL_LOCK_TIMEOUT}'`);
      return (await query(sql, params)) as T[];
    });
  }

  private report(outcome: JobRun<Maintenance> | { ran: false; error: unknown }): void {
    if ('error' in outcome) this.logger.warn({ job: 'audit.partitions', error: failureCode(outcome.error) }, 'audit partition maintenance failed; retried at the next check');
    else if (outcome.ran) this.logger.log({ job: 'audit.partitions', run: outcome.run, ...outcome.result }, 'audit partitions maintained');
  }
}

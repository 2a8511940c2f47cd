import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { BATCH_POOL, inTransaction } from '../database/batch-pool.js';
import { AUDIT_CHAIN_LOCK } from './audit-chain.js';

/** One instance purges at a time; the others skip that day's run. */
const PURGE_LOCK = 7_340_004;
const DAY_MS = 86_400_000;
const FIRST_RUN_DELAY_MS = 60_000;

/**
 * Deletes events older than AUDIT_RETENTION_DAYS, daily. It is the only writer the append-only
 * trigger lets through: it names its cut-off in keyward.audit_purge_before for its transaction,
 * and the trigger deletes nothing younger than that (nor than a day). It only ever removes a
 * prefix of the chain, and it records where the chain now starts (audit_checkpoints).
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditRetention.name);
  private readonly retentionDays: number;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(BATCH_POOL) private readonly pool: pg.Pool,
    config: ConfigService<AppConfig, true>,
  ) {
    this.retentionDays = config.get('audit', { infer: true }).retentionDays;
  }

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
    return inTransaction(this.pool, async (query) => {
      const [{ locked }] = await query('SELECT pg_try_advisory_xact_lock($1) AS locked', [PURGE_LOCK]);
      if (!locked) return 0;
      await query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
      // The database's clock, which the trigger also reads: a purge never asks it for a younger row.
      const [{ cutoff }] = (await query(`SELECT now() - make_interval(days => $1) AS cutoff`, [this.retentionDays])) as Array<{ cutoff: Date }>;
      // Everything before the first event young enough to keep: a prefix, so the rest still verifies.
      const [boundary] = await query(
        `SELECT coalesce((SELECT min(seq) FROM audit_events WHERE occurred_at >= $1), (SELECT max(seq) + 1 FROM audit_events)) AS seq`,
        [cutoff],
      );
      const [last] = await query('SELECT seq, hash FROM audit_events WHERE seq < $1 ORDER BY seq DESC LIMIT 1', [boundary.seq]);
      if (!last) return 0;
      await query(`SELECT set_config('keyward.audit_purge_before', $1, true)`, [cutoff.toISOString()]);
      const deleted = await query('WITH gone AS (DELETE FROM audit_events WHERE seq < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone', [boundary.seq]);
      await query('INSERT INTO audit_checkpoints (last_seq, last_hash, purged) VALUES ($1, $2, $3)', [last.seq, last.hash, deleted[0].n]);
      this.logger.log({ purged: deleted[0].n, before: cutoff.toISOString() }, 'audit retention purge');
      return deleted[0].n as number;
    });
  }
}

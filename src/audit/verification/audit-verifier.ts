import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config.js';
import { BATCH_POOL } from '../../database/batch-pool.js';
import { failureCode, IntervalJob, type JobRun } from '../../database/interval-job.js';
import { Metrics } from '../../metrics/metrics.js';
import { ChainVerifier } from './chain-verifier.js';

export interface VerifierRun {
  chains: number;
  /** Events recomputed in this run: those newer than each chain's last verified checkpoint. */
  checked: number;
  invalid: Array<{ chainId: string; firstInvalidId?: string }>;
}

/**
 * Every AUDIT_VERIFY_INTERVAL_SECONDS (once per interval across instances, the first one interval
 * after start) walks each chain from its last verified checkpoint and records the point it is
 * valid to, so GET …/verify has only what is newer left to check. A broken chain is logged and
 * counted, and its checkpoint stays where it was: every later walk meets the break again.
 */
@Injectable()
export class AuditVerifier implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditVerifier.name);
  private readonly verifier: ChainVerifier;
  private readonly job: IntervalJob<VerifierRun>;
  private readonly intervalMs: number;
  private readonly stats = { invalidChains: 0, verified: 0 };

  constructor(@InjectDataSource() db: DataSource, @Inject(BATCH_POOL) pool: pg.Pool, config: ConfigService<AppConfig, true>, metrics: Metrics) {
    const intervalSeconds = config.get('audit', { infer: true }).verifyIntervalSeconds;
    this.intervalMs = intervalSeconds * 1000;
    this.verifier = new ChainVerifier(db);
    this.job = new IntervalJob(pool, { name: 'audit.verify', intervalSeconds }, () => this.runOnce(), (outcome) => this.report(outcome));
    metrics.gauge('keyward_audit_chains_invalid', 'Audit chains the last background verification found broken', () => this.stats.invalidChains);
    metrics.gauge('keyward_audit_events_verified_total', 'Audit events the background verifier recomputed since start', () => this.stats.verified);
  }

  onApplicationBootstrap(): void {
    this.job.start(this.intervalMs);
  }

  onModuleDestroy(): void {
    this.job.stop();
  }

  /** Walks every chain once, from where the last walk found it valid to. */
  async runOnce(): Promise<VerifierRun> {
    const run: VerifierRun = { chains: 0, checked: 0, invalid: [] };
    for (const chainId of await this.verifier.chainIds()) {
      const outcome = await this.verifier.verify(chainId);
      run.chains++;
      run.checked += outcome.checked;
      if (!outcome.valid) run.invalid.push({ chainId, firstInvalidId: outcome.firstInvalidId });
      else if (outcome.verifiedTo) await this.verifier.record(chainId, outcome.verifiedTo, outcome.checked);
    }
    this.stats.invalidChains = run.invalid.length;
    this.stats.verified += run.checked;
    return run;
  }

  private report(outcome: JobRun<VerifierRun> | { ran: false; error: unknown }): void {
    if ('error' in outcome) {
      this.logger.warn({ job: 'audit.verify', error: failureCode(outcome.error) }, 'audit chain verification failed; retried at the next check');
    } else if (outcome.ran) {
      const { chains, checked, invalid } = outcome.result;
      for (const broken of invalid) this.logger.error({ job: 'audit.verify', ...broken }, 'audit chain does not verify');
      this.logger.log({ job: 'audit.verify', run: outcome.run, chains, checked }, 'audit chains verified');
    }
  }
}

import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type pg from 'pg';
import { creditsCell } from '../../access/limits/quota.js';
import { refillStep } from '../../access/limits/refill-interval.js';
import type { CounterStore } from '../../counters/counter-store.js';
import { COUNTER_STORE } from '../../counters/counter-store.provider.js';
import { BATCH_POOL, inTransaction } from '../../database/batch-pool.js';
import { InvalidationBus } from '../../redis/invalidation.bus.js';
import type { StoredRefill } from '../api-key.entity.js';

/** How often the job asks for due refills: the shortest interval is a minute, so a refill lands within a second of its time. */
export const REFILL_CHECK_MS = 1000;
const BATCH = 500;

interface DueRow {
  id: string;
  key_id: string;
  credits_remaining: string;
  credits_refill: StoredRefill;
  credits_next_refill_at: Date;
}

export interface AppliedRefill {
  id: string;
  keyId: string;
  remaining: number;
  next: Date;
  /** What the live figure does: becomes `remaining` (reset), or gains `added`. */
  added: number | null;
}

/** What one due key becomes: reset to the amount, or the amount added once per refill that fell due. */
export function applyRefill(row: DueRow, now: Date): AppliedRefill {
  const refill = row.credits_refill;
  const { applications, next } = refillStep(new Date(refill.anchor), refill.interval, row.credits_next_refill_at, now);
  const remaining = Number(row.credits_remaining);
  if (refill.mode === 'reset') return { id: row.id, keyId: row.key_id, remaining: refill.amount, next, added: null };
  const added = refill.amount * Math.max(1, applications);
  return { id: row.id, keyId: row.key_id, remaining: remaining + added, next, added };
}

/**
 * Applies credit refills on time (API.md §15): every second, the keys whose next refill has come,
 * locked with SKIP LOCKED and moved to their next refill in the same transaction — so with any
 * number of instances each refill happens exactly once — then the live figure in the counter
 * store follows and every instance's cached key learns its next refill.
 */
@Injectable()
export class CreditRefills implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CreditRefills.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(BATCH_POOL) private readonly pool: pg.Pool,
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    private readonly bus: InvalidationBus,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.runOnce().catch((error: unknown) => this.logger.warn({ error: String((error as Error)?.message ?? error).slice(0, 200) }, 'credit refills failed; will retry')), REFILL_CHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pass; answers how many keys were refilled. */
  runOnce(): Promise<number> {
    this.running ??= this.refillDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async refillDue(): Promise<number> {
    const now = new Date();
    const applied = await inTransaction(this.pool, async (query) => {
      const rows: DueRow[] = await query(
        `SELECT id, key_id, credits_remaining, credits_refill, credits_next_refill_at FROM api_keys
         WHERE credits_next_refill_at <= $1 AND deleted_at IS NULL AND credits_refill IS NOT NULL
         ORDER BY credits_next_refill_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [now],
      );
      const refills: AppliedRefill[] = rows.map((row) => applyRefill(row, now));
      if (refills.length) {
        await query(
          `UPDATE api_keys k SET credits_remaining = v.remaining, credits_next_refill_at = v.next
           FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[]) AS v(id, remaining, next) WHERE k.id = v.id`,
          [refills.map((r) => r.id), refills.map((r) => r.remaining), refills.map((r) => r.next)],
        );
      }
      return refills;
    });
    for (const refill of applied) {
      await this.counters.adjustCredits(creditsCell(refill.id), refill.added, refill.remaining);
      this.bus.publish({ kind: 'api_key', keyId: refill.keyId });
    }
    return applied.length;
  }
}

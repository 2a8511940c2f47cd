import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type pg from 'pg';
import { storableIp } from '../../common/storable-ip.js';
import { storableTextOf } from '../../common/storable-text.js';
import { BATCH_POOL, inTransaction } from '../../database/batch-pool.js';
import { writeIsolating, type Refusal } from '../../database/write-isolating.js';
import { Metrics } from '../../metrics/metrics.js';
import { UsageBuffer, usageBatchOf, usageRows, type UsageOutcome, type UsageRow } from './usage-buffer.js';

/** Exported for the test that bounds the batch statements of many requests. */
export const USAGE_FLUSH_INTERVAL_MS = 1000;
const FLUSH_AT_ROWS = 500;

const UPDATE_KEYS_SQL = `
  UPDATE api_keys k
  SET usage_count = k.usage_count + v.uses,
      last_used_ip = CASE WHEN v.at IS NULL THEN k.last_used_ip WHEN k.last_used_at IS NULL OR v.at >= k.last_used_at THEN v.ip ELSE k.last_used_ip END,
      last_used_at = GREATEST(k.last_used_at, v.at),
      credits_remaining = CASE WHEN k.credits_remaining IS NULL THEN NULL ELSE GREATEST(0, k.credits_remaining - v.credits) END
  FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[], $4::varchar[], $5::bigint[]) AS v(id, uses, at, ip, credits)
  WHERE k.id = v.id`;

const UPSERT_BUCKETS_SQL = `
  INSERT INTO api_key_usage (api_key_id, bucket, requests, denied, rate_limited, credits_used, rate_limited_by)
  SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[], $5::int[], $6::bigint[], $7::jsonb[])
  ON CONFLICT (api_key_id, bucket) DO UPDATE SET
    rate_limited_by = (
      SELECT coalesce(jsonb_object_agg(name, refusals), '{}') FROM (
        SELECT name, sum(value::bigint) AS refusals
        FROM (SELECT * FROM jsonb_each_text(api_key_usage.rate_limited_by) UNION ALL SELECT * FROM jsonb_each_text(excluded.rate_limited_by)) AS both_sides(name, value)
        GROUP BY name) AS summed),
    requests = api_key_usage.requests + excluded.requests,
    denied = api_key_usage.denied + excluded.denied,
    rate_limited = api_key_usage.rate_limited + excluded.rate_limited,
    credits_used = api_key_usage.credits_used + excluded.credits_used`;

/**
 * Key usage (last used, use count, hourly requests/denied/rate-limited) is counted in memory and
 * written in batches every second or every 500 rows, never once per request; and on shutdown.
 * If the database is away the batch is folded back and retried; a row PostgreSQL refuses is
 * isolated (writeIsolating), counted, logged and dropped, so it cannot hold up any other key.
 */
@Injectable()
export class KeyUsageRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KeyUsageRecorder.name);
  private readonly buffer = new UsageBuffer();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private rejected = 0;

  constructor(@Inject(BATCH_POOL) private readonly pool: pg.Pool, metrics: Metrics) {
    metrics.gauge('keyward_usage_rows_rejected_total', 'Key usage rows PostgreSQL refused, dropped so they hold up no other key', () => this.rejected);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), USAGE_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // A flush already under way wrote only what it took; what came after needs another.
    for (let attempt = 0; attempt < 5 && (this.flushing || this.buffer.size > 0); attempt++) await this.flush();
  }

  record(keyId: string, outcome: UsageOutcome, ip: string | null, at = new Date(), creditsUsed = 0, refusedBy?: string): void {
    this.buffer.record(keyId, outcome, at, storableIp(ip), creditsUsed, refusedBy);
    if (this.buffer.size >= FLUSH_AT_ROWS) void this.flush();
  }

  /** Writes what is buffered now; a caller arriving during a flush waits for it and then writes the rest. */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    this.flushing ??= this.write().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.buffer.size === 0) return;
    const result = await writeIsolating(usageRows(this.buffer.drain()), (rows) => this.writeRows(rows), (row, refusal) => this.refused(row, refusal));
    if (result.unwritten.length === 0) return;
    this.buffer.restore(usageBatchOf(result.unwritten));
    this.logger.warn({ rows: result.unwritten.length, error: String((result.error as Error)?.message ?? result.error).slice(0, 200) }, 'key usage not written; will retry');
  }

  private async writeRows(rows: UsageRow[]): Promise<void> {
    const batch = usageBatchOf(rows);
    await inTransaction(this.pool, async (query) => {
      if (batch.keys.length) {
        await query(UPDATE_KEYS_SQL, [
          batch.keys.map((k) => k.keyId),
          batch.keys.map((k) => k.uses),
          batch.keys.map((k) => k.lastUsedAt),
          batch.keys.map((k) => k.lastUsedIp),
          batch.keys.map((k) => k.creditsUsed),
        ]);
      }
      if (batch.buckets.length) {
        await query(UPSERT_BUCKETS_SQL, [
          batch.buckets.map((b) => b.keyId),
          batch.buckets.map((b) => b.bucket),
          batch.buckets.map((b) => b.requests),
          batch.buckets.map((b) => b.denied),
          batch.buckets.map((b) => b.rateLimited),
          batch.buckets.map((b) => b.creditsUsed),
          batch.buckets.map((b) => JSON.stringify(b.rateLimitedBy)),
        ]);
      }
    });
  }

  /** Retrying a refused row would stall every key's usage forever: it is dropped, counted and logged. */
  private refused(row: UsageRow, refusal: Refusal): void {
    this.rejected++;
    const keyId = storableTextOf(row.key?.keyId ?? row.bucket?.keyId, 40);
    this.logger.error({ keyId, row: row.key ? 'totals' : 'hourly', reason: refusal }, 'key usage row refused by PostgreSQL; dropped');
  }
}

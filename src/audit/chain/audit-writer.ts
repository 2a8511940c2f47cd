import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type pg from 'pg';
import type { AppConfig } from '../../config/app-config.js';
import { BATCH_POOL } from '../../database/batch-pool.js';
import { Metrics } from '../../metrics/metrics.js';
import { AuditBuffer } from './audit-buffer.js';
import { refusalOf, writeIsolating, type Refusal } from '../../database/write-isolating.js';
import { appendBatch, prepareEvent, type PreparedEvent } from './audit-chain.js';
import type { ChainedEvent } from './hash-chain.js';
import { rejectedEvent } from './rejected-event.js';

const MAX_RETRY_DELAY_MS = 5_000;
const SHUTDOWN_BUDGET_MS = 5_000;

/**
 * The one batched writer of the audit log: multi-row inserts every interval or every
 * `batchSize` events, and a final flush on shutdown. If the database is away the events wait in
 * a bounded buffer and are retried with backoff. A batch PostgreSQL refuses is split down to the
 * events it refuses (writeIsolating), and only those are set aside, as audit.event_rejected.
 */
@Injectable()
export class AuditWriter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AuditWriter.name);
  private readonly buffer: AuditBuffer<ChainedEvent>;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private retryDelayMs = 0;
  private retryAt = 0;
  /** Where this writer left each chain: the next append to a chain expects to continue from there. */
  private heads: ReadonlyMap<string, string> = new Map();
  private readonly stats = { written: 0, batches: 0, failures: 0, rejected: 0, lost: 0 };

  constructor(
    @Inject(BATCH_POOL) private readonly pool: pg.Pool,
    config: ConfigService<AppConfig, true>,
    metrics: Metrics,
  ) {
    const audit = config.get('audit', { infer: true });
    this.buffer = new AuditBuffer(audit.bufferLimit);
    this.batchSize = audit.batchSize;
    this.intervalMs = audit.flushIntervalMs;
    metrics.gauge('keyward_audit_buffer_depth', 'Audit events waiting to be written', () => this.buffer.size);
    metrics.gauge('keyward_audit_batches_written_total', 'Audit batches written since start', () => this.stats.batches);
    metrics.gauge('keyward_audit_events_written_total', 'Audit events written by the batch writer since start', () => this.stats.written);
    metrics.gauge('keyward_audit_events_dropped_total', 'Audit events dropped because the buffer was full', () => this.buffer.dropped);
    metrics.gauge('keyward_audit_write_failures_total', 'Audit batches that failed and were retried', () => this.stats.failures);
    metrics.gauge('keyward_audit_events_rejected_total', 'Audit events PostgreSQL refused, written as audit.event_rejected', () => this.stats.rejected);
    metrics.gauge('keyward_audit_events_lost_total', 'Refused audit events that could not even be written as audit.event_rejected', () => this.stats.lost);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    const deadline = Date.now() + SHUTDOWN_BUDGET_MS;
    this.retryAt = 0;
    while (this.buffer.size > 0 && Date.now() < deadline) {
      await this.flush();
      if (this.buffer.size > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      this.retryAt = 0;
    }
    if (this.buffer.size > 0) this.logger.error({ lost: this.buffer.size }, 'audit events could not be written before shutdown');
  }

  enqueue(event: ChainedEvent): void {
    const kept = this.buffer.push(event);
    if (!kept && this.buffer.dropped % 1000 === 1) {
      this.logger.error({ dropped: this.buffer.dropped }, 'audit buffer full: events are being dropped');
    }
    if (this.buffer.size >= this.batchSize) void this.flush();
  }

  /** Writes everything buffered now (in batches). Concurrent callers share one flush. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    // What is buffered when the flush starts is written now. What arrives meanwhile makes another
    // batch at once only if it fills one; otherwise it waits for the interval or the size trigger,
    // so a steady stream is written in full batches rather than one small batch per round trip.
    let owed = this.buffer.size;
    while (this.buffer.size > 0 && Date.now() >= this.retryAt && (owed > 0 || this.buffer.size >= this.batchSize)) {
      const batch = this.buffer.take(this.batchSize);
      owed -= batch.length;
      const prepared = await prepareInSlices(batch);
      const result = await writeIsolating(prepared, (events) => this.append(events), (event, refusal) => this.writeRejected(event.event, refusal));
      this.stats.written += result.written;
      if (result.written > 0) this.stats.batches++;
      if (result.unwritten.length === 0) {
        this.retryDelayMs = 0;
        continue;
      }
      this.buffer.putBack(result.unwritten.map((event) => event.event));
      this.stats.failures++;
      this.retryDelayMs = Math.min(MAX_RETRY_DELAY_MS, Math.max(250, this.retryDelayMs * 2));
      this.retryAt = Date.now() + this.retryDelayMs;
      this.logger.warn({ buffered: this.buffer.size, retryInMs: this.retryDelayMs, error: errorText(result.error) }, 'audit batch not written; will retry');
      return;
    }
  }

  private async append(events: PreparedEvent[]): Promise<void> {
    try {
      this.heads = await appendBatch(this.pool, events, this.heads);
    } catch (error) {
      this.heads = new Map();
      throw error;
    }
  }

  /**
   * An event PostgreSQL refused is never retried (it would be refused forever, holding up every
   * event behind it) nor dropped unseen: `audit.event_rejected` takes its place, without its
   * details if even that is refused. Only if both are refused is it lost, counted and logged.
   * The database being away is thrown on, so the event waits for the retry.
   */
  private async writeRejected(event: ChainedEvent, refusal: Refusal): Promise<void> {
    this.logger.warn({ type: event.type, id: event.id, reason: refusal }, 'audit event refused by PostgreSQL; written as audit.event_rejected');
    let lastRefusal = refusal;
    for (const withDetails of [true, false]) {
      try {
        await this.append([prepareEvent(rejectedEvent(event, refusal, withDetails))]);
        this.stats.written++;
        this.stats.rejected++;
        return;
      } catch (error) {
        const refused = refusalOf(error);
        if (!refused) throw error;
        lastRefusal = refused;
      }
    }
    this.stats.lost++;
    this.logger.error({ type: event.type, id: event.id, reason: lastRefusal }, 'audit event refused and could not be recorded as rejected');
  }
}

const errorText = (error: unknown) => String((error as Error | undefined)?.message ?? error).slice(0, 200);

const SLICE = 100;

/** Prepares a batch a slice at a time, letting requests run in between: no multi-millisecond stall. */
async function prepareInSlices(batch: ChainedEvent[]): Promise<PreparedEvent[]> {
  const prepared: PreparedEvent[] = [];
  for (let start = 0; start < batch.length; start += SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const event of batch.slice(start, start + SLICE)) prepared.push(prepareEvent(event));
  }
  return prepared;
}

import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { HttpRequestMetrics } from './http-series.js';

/**
 * The service's Prometheus metrics, on a registry of its own (several apps can share a process
 * in tests). Hot-path counters are pre-labelled once so incrementing them is one addition.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  /** keyward_http_requests_total and keyward_http_request_duration_seconds, by method, route pattern and status. */
  readonly http = new HttpRequestMetrics(
    this.registry,
    { requests: 'keyward_http_requests_total', duration: 'keyward_http_request_duration_seconds' },
    { requests: 'HTTP requests by method, route pattern and status code', duration: 'HTTP request latency by method, route pattern and status code' },
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );

  /** Hot-path children counted in plain numbers, added to their counter when Prometheus scrapes. */
  private readonly pending = new Map<object, Array<{ labels: Record<never, string>; count: PendingCount }>>();

  readonly keyVerifications: Counter<'outcome'> = new Counter({
    collect: (): void => this.addPending(this.keyVerifications),
    name: 'keyward_key_verifications_total',
    help: 'API-key checks by outcome (ok, invalid, expired, disabled, revoked, not_yet_valid, user_disabled, ip_not_allowed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly keyCacheLookups: Counter<'result'> = new Counter({
    collect: (): void => this.addPending(this.keyCacheLookups),
    name: 'keyward_key_cache_lookups_total',
    help: 'Key lookups by result: hit, miss (read from the database) or rejected (unknown id, no database read)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly rateLimitRejections = new Counter({
    name: 'keyward_rate_limit_rejections_total',
    help: 'Requests refused with 429 rate_limit.exceeded, by whose budget ran out (key, user, ip)',
    labelNames: ['tracker'] as const,
    registers: [this.registry],
  });

  readonly bruteForceBlocks = new Counter({
    name: 'keyward_brute_force_blocks_total',
    help: 'Requests refused with 429 auth.too_many_attempts from a blocked IP or account',
    registers: [this.registry],
  });

  readonly keyVerificationOk = this.prepared(this.keyVerifications, { outcome: 'ok' });
  readonly cacheHit = this.prepared(this.keyCacheLookups, { result: 'hit' });
  readonly cacheMiss = this.prepared(this.keyCacheLookups, { result: 'miss' });
  readonly cacheRejected = this.prepared(this.keyCacheLookups, { result: 'rejected' });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'keyward_' });
    for (const tracker of ['key', 'user', 'ip', 'credits', 'member', 'workspace']) this.rateLimitRejections.inc({ tracker }, 0);
    this.bruteForceBlocks.inc(0);
    const lookups = this.keyCacheLookups;
    new Gauge({
      name: 'keyward_key_cache_hit_ratio',
      help: 'Share of key lookups answered without the database (cache hits and rejected unknown ids) since start',
      registers: [this.registry],
      async collect() {
        const counts = Object.fromEntries((await lookups.get()).values.map((value) => [value.labels.result, value.value]));
        const total = (counts.hit ?? 0) + (counts.miss ?? 0) + (counts.rejected ?? 0);
        this.set(total === 0 ? 0 : ((counts.hit ?? 0) + (counts.rejected ?? 0)) / total);
      },
    });
  }

  /**
   * A child of `counter` counted in a plain number: prom-client's labelled child hashes its labels
   * on every inc(). Present from the first scrape, not only after the first event.
   */
  private prepared<L extends string>(counter: Counter<L>, labels: Record<L, string>): PendingCount {
    const count = new PendingCount();
    const children = this.pending.get(counter) ?? [];
    children.push({ labels, count });
    this.pending.set(counter, children);
    counter.inc(labels, 0);
    return count;
  }

  private addPending<L extends string>(counter: Counter<L>): void {
    for (const { labels, count } of this.pending.get(counter) ?? []) {
      if (count.value === 0) continue;
      counter.inc(labels, count.value);
      count.value = 0;
    }
  }

  /** A gauge whose value is read when Prometheus scrapes. */
  gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

class PendingCount {
  value = 0;

  inc(): void {
    this.value++;
  }
}

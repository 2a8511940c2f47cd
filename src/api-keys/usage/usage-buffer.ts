/** How a request presenting a key's correct secret ended, for the key's usage counters. */
export type UsageOutcome = 'used' | 'denied' | 'rate_limited';

export interface KeyTotals {
  keyId: string;
  uses: number;
  /** Credits spent (API.md §15), written back to api_keys.credits_remaining. */
  creditsUsed: number;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
}

export interface HourlyCounts {
  keyId: string;
  bucket: Date;
  requests: number;
  denied: number;
  rateLimited: number;
  creditsUsed: number;
  /** Refusals by the name of the limit that refused (`default`: the hourly rateLimit). */
  rateLimitedBy: Record<string, number>;
}

export interface UsageBatch {
  keys: KeyTotals[];
  buckets: HourlyCounts[];
}

/** One row of a batch: a key's totals (api_keys) or one key-hour (api_key_usage). */
export type UsageRow = { key: KeyTotals; bucket?: undefined } | { bucket: HourlyCounts; key?: undefined };

export function usageRows(batch: UsageBatch): UsageRow[] {
  return [...batch.keys.map((key) => ({ key })), ...batch.buckets.map((bucket) => ({ bucket }))];
}

export function usageBatchOf(rows: readonly UsageRow[]): UsageBatch {
  const batch: UsageBatch = { keys: [], buckets: [] };
  for (const row of rows) {
    if (row.key) batch.keys.push(row.key);
    else batch.buckets.push(row.bucket);
  }
  return batch;
}

const HOUR_MS = 3_600_000;

export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * Usage accumulated in memory between flushes: per key (uses, last use) and per key-hour
 * (requests, denied, rate-limited). Many requests fold into one row each.
 */
export class UsageBuffer {
  private keys = new Map<string, KeyTotals>();
  /** Per key, per hour (epoch ms): found without building a key string or a Date per request. */
  private buckets = new Map<string, Map<number, HourlyCounts>>();
  private bucketCount = 0;

  /** Distinct rows waiting to be written. */
  get size(): number {
    return this.keys.size + this.bucketCount;
  }

  record(keyId: string, outcome: UsageOutcome, at: Date, ip: string | null, creditsUsed = 0, refusedBy?: string): void {
    const counts = this.bucketOf(keyId, Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
    counts.requests++;
    counts.creditsUsed += creditsUsed;
    if (outcome === 'denied') counts.denied++;
    if (outcome === 'rate_limited') counts.rateLimited++;
    if (refusedBy) counts.rateLimitedBy[refusedBy] = (counts.rateLimitedBy[refusedBy] ?? 0) + 1;
    // Credits are spent before the handler runs, so a request it refuses has still spent them.
    if (outcome !== 'used' && creditsUsed === 0) return;

    let totals = this.keys.get(keyId);
    if (!totals) {
      totals = { keyId, uses: 0, creditsUsed: 0, lastUsedAt: null, lastUsedIp: null };
      this.keys.set(keyId, totals);
    }
    totals.creditsUsed += creditsUsed;
    if (outcome !== 'used') return;
    totals.uses++;
    if (!totals.lastUsedAt || at >= totals.lastUsedAt) {
      totals.lastUsedAt = at;
      totals.lastUsedIp = ip;
    }
  }

  drain(): UsageBatch {
    const batch = { keys: [...this.keys.values()], buckets: [...this.buckets.values()].flatMap((hours) => [...hours.values()]) };
    this.keys = new Map();
    this.buckets = new Map();
    this.bucketCount = 0;
    return batch;
  }

  /** The key-hour's counts, made empty when it has none yet. */
  private bucketOf(keyId: string, hourMs: number): HourlyCounts {
    let hours = this.buckets.get(keyId);
    if (!hours) this.buckets.set(keyId, (hours = new Map()));
    let counts = hours.get(hourMs);
    if (!counts) {
      counts = { keyId, bucket: new Date(hourMs), requests: 0, denied: 0, rateLimited: 0, creditsUsed: 0, rateLimitedBy: {} };
      hours.set(hourMs, counts);
      this.bucketCount++;
    }
    return counts;
  }

  /** Folds back a batch that could not be written, so no count is lost. */
  restore(batch: UsageBatch): void {
    for (const totals of batch.keys) {
      const current = this.keys.get(totals.keyId);
      if (!current) this.keys.set(totals.keyId, { ...totals });
      else {
        current.uses += totals.uses;
        current.creditsUsed += totals.creditsUsed;
        if (totals.lastUsedAt && (!current.lastUsedAt || totals.lastUsedAt > current.lastUsedAt)) {
          current.lastUsedAt = totals.lastUsedAt;
          current.lastUsedIp = totals.lastUsedIp;
        }
      }
    }
    for (const counts of batch.buckets) {
      const current = this.bucketOf(counts.keyId, counts.bucket.getTime());
      for (const [name, refusals] of Object.entries(counts.rateLimitedBy)) current.rateLimitedBy[name] = (current.rateLimitedBy[name] ?? 0) + refusals;
      current.requests += counts.requests;
      current.denied += counts.denied;
      current.rateLimited += counts.rateLimited;
      current.creditsUsed += counts.creditsUsed;
    }
  }
}

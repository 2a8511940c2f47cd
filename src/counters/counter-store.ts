import { adjustCredits, consumeQuota, type QuotaCells, type QuotaOutcome, type QuotaSpend } from './quota-consumption.js';

/**
 * Counters shared by rate limits, brute-force protection and the detectors: in memory for one
 * instance, in Redis when several share them. Every operation is atomic.
 */
export interface CounterStore {
  /** Counts a hit in a fixed window that starts with the first hit. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  /** Sets a flag that expires (a block). */
  mark(key: string, ttlMs: number): Promise<void>;
  /** Milliseconds left on a flag; 0 when absent. */
  remaining(key: string): Promise<number>;
  /** Adds a member to a set that expires `ttlMs` after its last change; true when it was new. */
  remember(key: string, member: string, ttlMs: number): Promise<{ added: boolean; size: number }>;
  /** Spends one request's quota (named limits and credits) all or nothing (quota-consumption.ts). */
  consumeQuota(spend: QuotaSpend): Promise<QuotaOutcome>;
  /** Applies a change to a key's credits made in the database; answers the live figure. */
  adjustCredits(key: string, delta: number | null, whenAbsent: number): Promise<number>;
}

interface Window {
  count: number;
  resetAt: number;
}

/**
 * One process's counters: O(1) per hit, unlike @nestjs/throttler's default storage whose cost
 * grows with the limit (it keeps a timestamp per hit). Expired entries are swept periodically.
 */
export class MemoryCounterStore implements CounterStore {
  private readonly windows = new Map<string, Window>();
  private readonly flags = new Map<string, number>();
  private readonly sets = new Map<string, { members: Set<string>; expiresAt: number }>();
  /** Quota windows (with an expiry) and credits (without): one critical section each, being synchronous. */
  private readonly quota = new Map<string, { value: number; expiresAt: number }>();
  private readonly cells: QuotaCells = {
    get: (key) => {
      const cell = this.quota.get(key);
      return cell && cell.expiresAt > this.now() ? cell.value : undefined;
    },
    set: (key, value, ttlMs) => {
      this.quota.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : this.now() + ttlMs });
    },
  };
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 10_000);
    this.sweeper.unref();
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    return this.hitSync(key, windowMs);
  }

  hitSync(key: string, windowMs: number): { count: number; resetMs: number } {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return { count: window.count, resetMs: window.resetAt - now };
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    this.flags.set(key, this.now() + ttlMs);
  }

  async remaining(key: string): Promise<number> {
    return this.remainingSync(key);
  }

  remainingSync(key: string): number {
    const until = this.flags.get(key);
    return until === undefined ? 0 : Math.max(0, until - this.now());
  }

  async remember(key: string, member: string, ttlMs: number): Promise<{ added: boolean; size: number }> {
    const now = this.now();
    let entry = this.sets.get(key);
    if (!entry || entry.expiresAt <= now) {
      entry = { members: new Set(), expiresAt: 0 };
      this.sets.set(key, entry);
    }
    const added = !entry.members.has(member);
    entry.members.add(member);
    entry.expiresAt = now + ttlMs;
    return { added, size: entry.members.size };
  }

  async consumeQuota(spend: QuotaSpend): Promise<QuotaOutcome> {
    return consumeQuota(this.cells, spend);
  }

  async adjustCredits(key: string, delta: number | null, whenAbsent: number): Promise<number> {
    return adjustCredits(this.cells, key, delta, whenAbsent);
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    for (const [key, until] of this.flags) if (until <= now) this.flags.delete(key);
    for (const [key, entry] of this.sets) if (entry.expiresAt <= now) this.sets.delete(key);
    for (const [key, cell] of this.quota) if (cell.expiresAt <= now) this.quota.delete(key);
  }
}

import type { KeyVerification } from '../types.js';

/**
 * Keyward's answers about keys, reused for at most `ttlMs` (pure: the clock is passed in).
 *
 * A verification spends one request of the key's own rate limit, so an answer reused from here
 * would let the key past its limit unseen. Each key therefore keeps a budget for its current
 * window: the `remaining` of Keyward's latest answer, less the uses this cache admitted since,
 * which Keyward never saw. When the budget is spent the key is refused (429) until its window
 * resets, as Keyward would. Across several instances each keeps its own budget, so the limit holds
 * per instance, not exactly overall.
 */

export type CacheLookup =
  | { kind: 'miss' }
  | { kind: 'hit'; verdict: KeyVerification }
  | { kind: 'limited'; retryAfterMs: number; verdict: KeyVerification };

interface Entry {
  verdict: KeyVerification;
  keyId: string;
  expiresAt: number;
}

interface Budget {
  windowEndsAt: number;
  /** Keyward's `remaining` in its latest answer for the key. */
  remaining: number;
  /** Uses admitted from the cache since that answer. */
  unseen: number;
}

/** Answers for one window end within this of another's are of the same window (Keyward rounds reset to seconds). */
const SAME_WINDOW_MS = 1500;

export class VerdictCache {
  private readonly entries = new Map<string, Entry>();
  private readonly budgets = new Map<string, Budget>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  /** `id` names the key, the permissions and the client address asked about; `keyId` the key alone (its budget). */
  lookup(id: string, now: number): CacheLookup {
    const entry = this.entries.get(id);
    if (!entry || now >= entry.expiresAt) {
      this.entries.delete(id);
      return { kind: 'miss' };
    }
    if (!entry.verdict.valid) return { kind: 'hit', verdict: entry.verdict };
    const budget = this.budgets.get(entry.keyId);
    if (!budget) return { kind: 'hit', verdict: entry.verdict };
    if (now >= budget.windowEndsAt) return { kind: 'miss' };
    if (budget.unseen >= budget.remaining) return { kind: 'limited', retryAfterMs: budget.windowEndsAt - now, verdict: entry.verdict };
    budget.unseen++;
    return { kind: 'hit', verdict: entry.verdict };
  }

  store(id: string, keyId: string, verdict: KeyVerification, now: number): void {
    if (this.ttlMs === 0) return;
    const resetAt = verdict.rateLimit ? now + verdict.rateLimit.reset * 1000 : Infinity;
    // A spent limit is refused only until its window ends, even when that is sooner than the TTL.
    const expiresAt = Math.min(now + this.ttlMs, verdict.code === 'rate_limit.exceeded' ? resetAt : Infinity);
    this.remember(this.entries, id, { verdict, keyId, expiresAt });
    if (verdict.valid && verdict.rateLimit) this.rebudget(keyId, verdict.rateLimit.remaining, resetAt);
  }

  private rebudget(keyId: string, remaining: number, windowEndsAt: number): void {
    const current = this.budgets.get(keyId);
    const sameWindow = current !== undefined && Math.abs(current.windowEndsAt - windowEndsAt) <= SAME_WINDOW_MS;
    this.remember(this.budgets, keyId, { windowEndsAt, remaining, unseen: sameWindow ? current.unseen : 0 });
  }

  private remember<T>(map: Map<string, T>, id: string, value: T): void {
    map.delete(id);
    map.set(id, value);
    // Insertion order is age: the first entry is the oldest.
    while (map.size > this.maxEntries) map.delete(map.keys().next().value as string);
  }
}

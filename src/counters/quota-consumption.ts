/**
 * One request's quota, consumed all or nothing (API.md §15): every fixed window it counts in
 * (the key's named limits, its owner's, its workspace's) and the key's credits. The first that
 * cannot take the request's cost refuses it and nothing is spent. The memory store runs this;
 * the Redis store runs the same steps as one Lua script (redis-counter-store.ts).
 */

export interface WindowSpend {
  /** The counter of one window of one limit (its start is part of the key). */
  key: string;
  limit: number;
  cost: number;
  /** Milliseconds until the window ends: how long the counter must live. */
  ttlMs: number;
}

export interface CreditSpend {
  key: string;
  cost: number;
  /** The remaining credits to start from when the store holds none for this key (the database's figure). */
  initial: number;
}

export interface QuotaSpend {
  windows: WindowSpend[];
  credits?: CreditSpend;
}

export type QuotaOutcome =
  | { admitted: true; counts: number[]; creditsRemaining: number | null }
  /** `refusedBy`: the index of the window that refused, or 'credits'; `counts` as they stand (unchanged). */
  | { admitted: false; refusedBy: number | 'credits'; counts: number[]; creditsRemaining: number | null };

/** The numbers a store keeps, read and written by key. */
export interface QuotaCells {
  get(key: string): number | undefined;
  set(key: string, value: number, ttlMs?: number): void;
}

export function consumeQuota(cells: QuotaCells, spend: QuotaSpend): QuotaOutcome {
  const counts = spend.windows.map((window) => cells.get(window.key) ?? 0);
  const refusedWindow = spend.windows.findIndex((window, i) => counts[i] + window.cost > window.limit);
  const credits = spend.credits;
  let remaining: number | null = null;
  if (credits) {
    remaining = cells.get(credits.key) ?? credits.initial;
    cells.set(credits.key, remaining);
  }
  if (refusedWindow !== -1) return { admitted: false, refusedBy: refusedWindow, counts, creditsRemaining: remaining };
  if (credits && remaining! < credits.cost) return { admitted: false, refusedBy: 'credits', counts, creditsRemaining: remaining };
  spend.windows.forEach((window, i) => {
    counts[i] += window.cost;
    cells.set(window.key, counts[i], window.ttlMs);
  });
  if (credits) {
    remaining = remaining! - credits.cost;
    cells.set(credits.key, remaining);
  }
  return { admitted: true, counts, creditsRemaining: remaining };
}

/**
 * A change to a key's credits made in the database (PATCH, a refill), applied to the live figure:
 * `delta` to what the store holds, or `whenAbsent` (the database's new figure) when it holds none.
 * `delta: null` sets it to `whenAbsent` either way (a reset, an absolute value).
 */
export function adjustCredits(cells: QuotaCells, key: string, delta: number | null, whenAbsent: number): number {
  const current = cells.get(key);
  const next = current === undefined || delta === null ? whenAbsent : Math.max(0, current + delta);
  cells.set(key, next);
  return next;
}

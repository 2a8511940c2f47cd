import type { CreditSpend, QuotaSpend, WindowSpend } from '../../counters/quota-consumption.js';
import { creditsCell, type KeyQuota, type LimitScope, type NamedLimit, type SharedLimits } from './quota.js';

/** What a route declares: its credit cost and the limits it names. */
export interface RouteQuota {
  cost: number;
  limits: readonly string[];
}

/** One window a request counts in, with whose limit it is (for refusals and headers). */
export interface PlannedWindow extends WindowSpend {
  name: string;
  scope: LimitScope;
  /** The limit's own size and window, for the RateLimit headers. */
  windowSeconds: number;
  resetSeconds: number;
}

export interface QuotaPlan extends QuotaSpend {
  windows: PlannedWindow[];
  credits?: CreditSpend;
}

export interface QuotaSubject {
  keyId: string;
  userId: string;
  workspaceId: string;
  quota: KeyQuota;
  shared: SharedLimits;
}

const applies = (limit: NamedLimit, route: RouteQuota) => limit.auto || route.limits.includes(limit.name);

/**
 * The windows and credits one key request spends (API.md §15): the key's, its owner's (as a
 * member) and its workspace's limits that are `auto` or that the route names, in fixed windows
 * aligned to the epoch (the same window on every instance, reset when it ends, never restarted by
 * a request), and the route's credit cost. Null when there is nothing to spend.
 */
export function planQuota(subject: QuotaSubject, route: RouteQuota, nowMs: number): QuotaPlan | null {
  const { quota, shared } = subject;
  const windows: PlannedWindow[] = [];
  const add = (scope: LimitScope, owner: string, limits: readonly NamedLimit[]) => {
    for (const limit of limits) {
      if (!applies(limit, route)) continue;
      const windowMs = limit.window * 1000;
      const index = Math.floor(nowMs / windowMs);
      const ttlMs = (index + 1) * windowMs - nowMs;
      windows.push({ key: `ql:${scope}:${owner}:${limit.name}:${limit.window}:${index}`, limit: limit.limit, cost: limit.cost, ttlMs, name: limit.name, scope, windowSeconds: limit.window, resetSeconds: Math.ceil(ttlMs / 1000) });
    }
  };
  add('key', subject.keyId, quota.limits);
  add('member', `${subject.workspaceId}:${subject.userId}`, shared.member);
  add('workspace', subject.workspaceId, shared.workspace);
  const credits = quota.credits && { key: creditsCell(subject.keyId), cost: route.cost, initial: quota.credits.remaining };
  if (!windows.length && !credits) return null;
  return credits ? { windows, credits } : { windows };
}

/** The tightest of the request's windows once counted: the fewest requests left (then the soonest reset). */
export function tightestWindow(plan: QuotaPlan, counts: readonly number[]): { window: PlannedWindow; remaining: number } | null {
  let tightest: { window: PlannedWindow; remaining: number } | null = null;
  plan.windows.forEach((window, i) => {
    const remaining = Math.max(0, window.limit - counts[i]);
    if (!tightest || remaining < tightest.remaining || (remaining === tightest.remaining && window.resetSeconds < tightest.window.resetSeconds)) tightest = { window, remaining };
  });
  return tightest;
}

/** IETF draft-ietf-httpapi-ratelimit-headers: the policy and the state of one named limit. */
export function rateLimitHeaders(name: string, limit: number, windowSeconds: number, remaining: number, resetSeconds: number): { policy: string; state: string } {
  return { policy: `"${name}";q=${limit};w=${windowSeconds}`, state: `"${name}";r=${remaining};t=${resetSeconds}` };
}

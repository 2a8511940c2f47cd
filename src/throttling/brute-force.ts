/** Failed attempts within the window at which the source is blocked (API.md §7: 20 in 5 min). */
export interface BruteForceRule {
  threshold: number;
  windowMs: number;
  blockMs: number;
}

/** Block on the attempt that reaches the threshold; later ones in the same window find it blocked. */
export function reachesThreshold(failuresInWindow: number, rule: BruteForceRule): boolean {
  return failuresInWindow === rule.threshold;
}

/** Whole seconds a client should wait, never 0 while blocked. */
export function retryAfterSeconds(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 1000));
}

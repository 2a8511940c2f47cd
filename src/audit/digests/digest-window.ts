/**
 * Digest windows: AUDIT_DIGEST_INTERVAL_SECONDS-long spans aligned to the Unix epoch (3600: on
 * the hour), so every instance agrees on which window a moment falls in without talking.
 */
export function windowStart(at: Date, intervalSeconds: number): Date {
  const ms = intervalSeconds * 1000;
  return new Date(Math.floor(at.getTime() / ms) * ms);
}

/**
 * How long until a little after the next window starts. The window is read from the database's
 * clock, so the slack (a tenth of the window, at most a second) keeps an instance whose clock runs
 * a little ahead from asking inside the window that just ended.
 */
export function delayToNextWindow(nowMs: number, intervalSeconds: number): number {
  const ms = intervalSeconds * 1000;
  const slack = Math.min(1000, ms / 10);
  return ms - (nowMs % ms) + slack;
}

/** Redis suites run only where REDIS_URL is set (CI sets it when a Redis answers on 127.0.0.1:6379). */
export const REDIS_URL = process.env.REDIS_URL;

export function announceRedisSkip(suite: string): void {
  if (!REDIS_URL) console.warn(`[skipped] ${suite}: REDIS_URL is not set, so there is no Redis to test against`);
}

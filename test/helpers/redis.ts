import { randomBytes } from 'node:crypto';
import { announceSkip } from './skip-notice.js';

/** Redis suites run only where REDIS_URL is set (CI sets it when a Redis answers on 127.0.0.1:6379). */
export const REDIS_URL = process.env.REDIS_URL;

export function announceRedisSkip(suite: string): void {
  if (!REDIS_URL) announceSkip(`[skipped] ${suite}: REDIS_URL is not set, so there is no Redis to test against`);
}

/**
 * Environment for one group of instances that share counters and invalidations. Test files (and
 * reruns) run against the same Redis at once; a prefix of their own keeps their counters
 * (rl:ip:127.0.0.1, bf:ip:…) and broadcasts from reaching each other.
 */
export function sharedRedisEnv(url = REDIS_URL): { REDIS_URL: string | undefined; REDIS_KEY_PREFIX: string } {
  return { REDIS_URL: url, REDIS_KEY_PREFIX: `keyward-test:${randomBytes(4).toString('hex')}:` };
}

import { Redis } from 'ioredis';

/** The shared Redis client, or null when REDIS_URL is unset (one instance, memory only). */
export const REDIS = Symbol('REDIS');

/**
 * No offline queue and short timeouts: while Redis is away, commands fail at once and callers
 * fall back to local state, instead of queueing (and double-counting when replayed).
 */
export function createRedis(url: string, name: string): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 300,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(200 * attempt, 2000),
  });
  // Connection errors are expected during an outage; the fallbacks report them.
  redis.on('error', () => undefined);
  return redis;
}
